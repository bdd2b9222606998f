"""Words for actions and the odds they would meet: shared by the terminal and the window
(no pygame here), so both front ends describe a move and its whip count the same way."""

from __future__ import annotations

from . import actions as A
from .model import AXIS_LABELS, GameState, Motion
from .rules import accusations, knowledge, motions
from .rules.common import voters
from .rules.votes import Lean, describe, lean


def name(state: GameState, lid: str | None) -> str:
    return state.world.name(lid)


def probe_motion(state: GameState, a: A.TableMotion) -> Motion:
    value = state.line[a.axis] + a.direction * motions.line_step(state) if a.axis else 0.0
    return Motion(-1, a.motion, a.actor, target=a.target, office=a.office, axis=a.axis, value=value)


def describe_action(state: GameState, a: A.Action) -> str:
    """One line, in a player's words."""
    n = lambda lid: name(state, lid)  # noqa: E731
    w = state.world
    match a:
        case A.Appoint():
            return f"Appoint {n(a.appointee) if a.appointee else 'an apparatus cadre'} in {w.region_name(a.region)}"
        case A.LaunchEnrolment():
            return "Launch an enrolment drive"
        case A.Accuse():
            return f"Accuse {n(a.target)} of {accusations.CHARGES[a.charge]}"
        case A.ProposePact():
            return f"Propose {'a secret' if a.secret else 'an open'} pact to {n(a.partner)}"
        case A.BreakPact():
            pact = next((p for p in state.pacts if p.id == a.pact), None)
            if pact is not None:
                others = ", ".join(n(m) for m in pact.members if m != a.actor)
                return f"Break the pact{' ' + pact.name if pact.name else ''} with {others}"
            return f"Break pact #{a.pact}"
        case A.Publish():
            low, high = AXIS_LABELS[a.axis]
            return f"Publish on {AXIS_TITLES[a.axis].lower()} ({low} / {high})"
        case A.ShiftLine():
            return f"Shift your line towards {AXIS_LABELS[a.axis][1 if a.direction > 0 else 0]}"
        case A.TableMotion():
            if a.motion == "early_congress":
                return "Move to convene an early Party Congress"
            return describe(state, probe_motion(state, a))
        case A.Canvass():
            return f"Canvass {n(a.target)}"
        case A.Campaign():
            return f"Speaking tour of {w.region_name(a.region)}"
        case A.Investigate():
            return f"Set the OGPU on {n(a.target)}"
        case A.Recant():
            return "Recant your errors"
        case A.DraftSlate():
            full = ", ".join(n(lid) for lid in a.full.split(",") if lid)
            return f"Put a list for the Politburo to the Central Committee: {full}"
        case A.EndTurn():
            return "End your turn"
        case A.Decide():
            return f"Answer: {a.choice}"
    return a.kind


AXIS_TITLES = {"econ": "Economy", "world": "Revolution", "regime": "Party regime"}
AXIS_SHORT = {"econ": ("NEP", "Industry"), "world": ("One country", "World rev."), "regime": ("Discipline", "Democracy")}


def forecast(session, a: A.Action, viewer: str | None) -> list[Lean] | None:
    """The whip count a motion or a charge would meet if put to the Politburo now, as `viewer`
    can reckon it (the same view the terminal shows)."""
    st = session.state
    if isinstance(a, A.TableMotion) and a.motion != "early_congress":
        return session.whip_count(probe_motion(st, a), viewer)
    if isinstance(a, A.Accuse):
        ev, _ = accusations.evidence(st, a.target, a.charge)
        rung = accusations.next_rung(st, a.target, ev)
        probe = Motion(-1, "sanction", a.actor, target=a.target, value=float(rung))
        seen = knowledge.view(st, viewer)
        return [lean(seen, v, probe, case_evidence=ev) for v in voters(seen)]
    return None


def tally(leans: list[Lean]) -> tuple[int, int]:
    yes = sum(1 for x in leans if x.total > 0)
    return yes, len(leans) - yes


