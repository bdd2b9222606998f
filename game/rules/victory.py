"""Endings and graded objectives.

The outcome is `sole_leader` (one leader commands two thirds of the voting Politburo, holds a
top office and every rival contender is out of the Politburo), `dominant` (commands a majority)
or `collective`. Each contender's objective is a list of conditions worth points, from data."""

from __future__ import annotations

from typing import Any

from ..model import GameState
from .common import active_contenders, bal, contenders
from .power import politburo_command, power_table

TOP_OFFICES = ("general_secretary", "sovnarkom_chair")
GRADES = ((0.85, "Triumph"), (0.6, "Success"), (0.35, "Survival"), (0.0, "Defeat"))
COMMANDING = ("sole_leader", "dominant")  # the outcomes in which the man on top commands the Politburo
TURNED = 0.2  # a line at +0.2 or beyond has turned (to industrialisation, to world revolution)


def turned(state: GameState, axis: str) -> bool:
    """Has the line turned on this axis: at +0.2 or beyond? Line motions move it in steps of 0.3, so
    two steps from -0.4 land on +0.2 only to within a float's rounding (0.19999999999999996): the
    bound is taken with a hair's tolerance. This is also a change of rule, not only of rounding:
    the old test was strictly above 0.2, which two steps from NEP never met; from the 1929 start
    (line at -0.1) one step now meets it."""
    return state.line[axis] >= TURNED - 1e-9


def classify(state: GameState, table: dict[str, float] | None = None) -> tuple[str, str]:
    """The outcome if the game ended now, and the man on top; `table` is the power table if known."""
    if table is None:
        table = power_table(state)
    top = max(sorted(table), key=lambda lid: table[lid])
    command = politburo_command(state, top)
    rivals_out = all(not state.in_politburo(c) for c in contenders(state) if c != top)
    holds_top = any(state.offices.get(o) == top for o in TOP_OFFICES)
    if command >= bal(state, "ending", "sole_leader_politburo") - 1e-9 and holds_top and rivals_out:
        return "sole_leader", top
    if command > bal(state, "ending", "dominant_politburo"):
        return "dominant", top
    return "collective", top


def condition(state: GameState, text: str, classified: tuple[str, str] | None = None) -> bool:
    """Whether an objective's condition holds; `classified` is `classify(state)` if already known."""
    negate = text.startswith("!")
    parts = text.lstrip("!").split(":")
    kind = parts[0]
    outcome, top = classified if classified is not None else classify(state)
    if kind == "sole_leader":
        ok = outcome == "sole_leader" and top == parts[1]
    elif kind == "dominant":
        ok = outcome in ("sole_leader", "dominant") and top == parts[1]
    elif kind == "top_leader":
        ok = top == parts[1]
    elif kind == "holds":
        ok = state.offices.get(parts[1]) == parts[2]
    elif kind == "not_holds":
        ok = state.offices.get(parts[1]) != parts[2]
    elif kind == "in_politburo":
        ok = state.in_politburo(parts[1])
    elif kind == "not_expelled":
        ok = state.leaders[parts[1]].status in ("active", "demoted", "readmitted")
    elif kind == "no_sole_leader":
        ok = outcome != "sole_leader"
    elif kind == "nep_kept":
        ok = state.line["econ"] <= 0.0
    elif kind == "industrialisation":
        ok = turned(state, "econ")
    elif kind == "world_revolution":
        ok = turned(state, "world")
    else:
        ok = False
    return ok != negate


def grade(state: GameState, leader: str, classified: tuple[str, str] | None = None) -> dict[str, Any]:
    obj = state.world.objectives.get(leader)
    if obj is None:
        return {"points": 0, "max": 0, "grade": "—", "met": [], "summary": ""}
    classified = classified if classified is not None else classify(state)  # once, not per condition
    met = [condition(state, c, classified) for c in obj.conditions]
    points = sum(p for p, ok in zip(obj.points, met, strict=True) if ok)
    best = sum(obj.points) or 1
    label = next(lbl for cut, lbl in GRADES if points / best >= cut)
    return {"points": points, "max": best, "grade": label, "summary": obj.summary,
            "met": [[c, ok] for c, ok in zip(obj.conditions, met, strict=True)]}


def fate(state: GameState, leader: str) -> str:
    ld = state.leaders[leader]
    offices = [state.world.office_name(o) for o in state.offices_of(leader)]
    seat = ("full member of the Politburo" if leader in state.politburo_full else
            "candidate member of the Politburo" if leader in state.politburo_candidates else "")
    words = {"active": "in the leadership", "demoted": "demoted", "readmitted": "readmitted after recanting",
             "expelled": "expelled from the party", "exiled": "in internal exile",
             "deported": "deported abroad", "dead": "dead"}[ld.status]
    bits = [b for b in (seat, ", ".join(offices)) if b]
    return words + (f": {'; '.join(bits)}" if bits else "")


def track(state: GameState) -> None:
    """Record power this quarter, and since when the standing of the day has held: who is on top
    and whether he commands the Politburo (`decided`)."""
    table = power_table(state)
    state.power_history.append(table)
    standing = _standing(classify(state, table))
    if state.flags.get("standing") != standing:
        state.flags["standing"] = standing
        state.flags["standing_since"] = state.turn


def _standing(classified: tuple[str, str]) -> str:
    """A sole leader and a dominant one both command the Politburo: going from one to the other
    does not reopen the struggle."""
    outcome, top = classified
    return f"{'commands' if outcome in COMMANDING else 'collective'}:{top}"


def decided(state: GameState, classified: tuple[str, str] | None = None) -> int:
    """The quarter the struggle was decided: from which the outcome of the day (the man on top,
    and whether he commands the Politburo or leads a collective) held without a break. A Stalin
    on top from the first quarter who took command of the Politburo in 1926 decided it in 1926,
    not in 1924."""
    classified = classified if classified is not None else classify(state)
    if state.flags.get("standing") == _standing(classified):
        return state.flags.get("standing_since", state.turn)
    return state.turn


def decided_words(outcome: str, top_name: str) -> str:
    """What `decided` means for this outcome, for a sentence after the quarter."""
    if outcome in COMMANDING:
        return f"the quarter from which {top_name} commanded the Politburo without a break"
    return f"the quarter from which the leadership stayed collective, with {top_name} the strongest"


def finish(state: GameState) -> dict[str, Any]:
    table = power_table(state)
    outcome, top = classify(state, table)
    state.decided_turn = decided(state, (outcome, top))
    from ..calendar import quarter_name

    state.outcome = {
        "outcome": outcome,
        "top_leader": top,
        "quarter": state.quarter,
        "decided": quarter_name(state.decided_turn),
        "power": table,
        "grades": {lid: grade(state, lid, (outcome, top)) for lid in contenders(state)},
        "fates": {lid: fate(state, lid) for lid in state.leaders if lid != "lenin"},
        "survivors": active_contenders(state),
    }
    state.phase = "over"
    return state.outcome
