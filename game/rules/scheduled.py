"""Scheduled historical events: each fires in its quarter when its conditions hold, and applies
effects from a small registry. Toggles change the flags the conditions read, never the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Decision, GameState, Motion
from ..schema import EventModel
from . import accusations, congress, enrolment, pacts
from .common import (
    Out,
    clip,
    emit,
    name,
    record_politburo_seats,
    remove_from_politburo,
    strip_offices,
)

Effect = Any
EFFECTS: dict[str, Callable[[GameState, Effect, Out, EventModel], None]] = {}


def effect(kind: str):
    def register(fn):
        EFFECTS[kind] = fn
        return fn
    return register


def condition_holds(state: GameState, req: str) -> bool:
    negate = req.startswith("!")
    kind, _, arg = req.lstrip("!").partition(":")
    if kind == "flag":
        key, _, want = arg.partition("=")
        value = state.flags.get(key)
        ok = bool(value) if not want else str(value) == want
    elif kind == "alive":
        ok = arg in state.leaders and state.leaders[arg].status != "dead"
    elif kind == "active":
        ok = arg in state.leaders and state.leaders[arg].active
    elif kind == "in_politburo":
        ok = state.in_politburo(arg)
    elif kind == "holds":
        office, _, leader = arg.partition("=")
        ok = state.offices.get(office) == leader
    else:
        ok = False
    return ok != negate


def due_events(state: GameState) -> list[EventModel]:
    return [ev for ev in state.world.events_in(state.turn)
            if ev.id not in state.fired and all(condition_holds(state, r) for r in ev.requires)]


def fire_due(state: GameState, out: Out) -> bool:
    """Fire this quarter's due events; True if any fired (the board may have changed)."""
    due = due_events(state)
    for ev in due:
        state.fired.append(ev.id)
        emit(state, out, "event", ev.title, event=ev.id, body=ev.text, note=ev.note, source=ev.source,
             confidence=ev.confidence)
        for eff in ev.effects:
            apply_effect(state, eff, out, ev)
    return bool(due)


def apply_effect(state: GameState, eff: Effect, out: Out, ev: EventModel) -> None:
    EFFECTS[eff.type](state, eff, out, ev)


@effect("capitulate")
def _capitulate(state, eff, out, ev):
    ld = state.leaders[eff.leader]
    if ld.status in ("expelled", "exiled") and accusations.check_recant(state, eff.leader) is None:
        accusations.recant(state, eff.leader, out)


@effect("death")
def _death(state, eff, out, ev):
    ld = state.leaders[eff.leader]
    if ld.status == "dead":
        return
    ld.status = "dead"
    ld.in_cc = False
    lost = strip_offices(state, eff.leader)
    remove_from_politburo(state, eff.leader)
    state.pacts = [p for p in state.pacts if eff.leader not in p.members]
    for r in state.regions.values():
        if r.secretary == eff.leader:
            r.secretary = None
        if r.protected_by == eff.leader:
            r.protected_by = None
    emit(state, out, "death", f"{name(state, eff.leader)} dies.", leader=eff.leader, offices=lost)
    # The majority fills the dead man's posts, unless the scenario names his successors itself.
    gs = state.offices.get("general_secretary")
    if gs and eff.refill:
        from .motions import fill_vacancy

        for office in lost:
            if state.offices.get(office) is None:
                fill_vacancy(state, office, gs, out, exclude=(eff.leader,))


@effect("mood")
def _mood(state, eff, out, ev):
    for axis in ("econ", "world", "regime"):
        setattr(state.mood, axis, clip(getattr(state.mood, axis) + getattr(eff, axis), -1, 1))
    state.mood.unity = clip(state.mood.unity + eff.unity, 0, 1)
    state.mood.cult = clip(state.mood.cult + eff.cult, 0, 1)


@effect("economy")
def _economy(state, eff, out, ev):
    e = state.economy
    e.grain = clip(e.grain + eff.grain, 0, 500)
    e.procurement = clip(e.procurement + eff.procurement, 0, 500)
    e.industry = clip(e.industry + eff.industry, 0, 500)
    e.crisis = clip(e.crisis + eff.crisis, 0, 1)


@effect("prestige")
def _prestige(state, eff, out, ev):
    ld = state.leaders[eff.leader]
    ld.prestige = clip(ld.prestige + eff.delta, 0, 100)


@effect("mantle")
def _mantle(state, eff, out, ev):
    ld = state.leaders[eff.leader]
    ld.mantle = clip(ld.mantle + eff.delta, 0, 100)


@effect("trust")
def _trust(state, eff, out, ev):
    state.add_trust(eff.a, eff.b, eff.delta)
    if eff.mutual:
        state.add_trust(eff.b, eff.a, eff.delta)


@effect("flag")
def _flag(state, eff, out, ev):
    state.flags[eff.name] = eff.value


@effect("office")
def _office(state, eff, out, ev):
    holder = state.offices.get(eff.office)
    if eff.leader is not None and not state.leaders[eff.leader].active:
        return
    state.offices[eff.office] = eff.leader
    if holder and holder != eff.leader and state.leaders[holder].active:
        emit(state, out, "office_lost", f"{name(state, holder)} leaves the post of "
             f"{state.world.office_name(eff.office)}.", leader=holder, office=eff.office)
    if eff.leader:
        emit(state, out, "office_gained", f"{name(state, eff.leader)} becomes "
             f"{state.world.office_name(eff.office)}.", leader=eff.leader, office=eff.office)


@effect("enrolment")
def _enrolment(state, eff, out, ev):
    enrolment.enrol(state, eff.recruits, eff.workers, eff.quarters, state.offices.get("general_secretary"), out)
    state.flags["last_enrolment"] = state.turn


@effect("congress")
def _congress(state, eff, out, ev):
    state.flags["congress_due"] = {"name": eff.name, "delegates": eff.delegates, "cc_seats": eff.cc_seats,
                                   "politburo_full": eff.politburo_full,
                                   "politburo_candidates": eff.politburo_candidates,
                                   "plenum_next_quarter": eff.plenum_next_quarter}


@effect("plenum")
def _plenum(state, eff, out, ev):
    if not state.leaders[eff.sponsor].active:
        return
    if eff.target and not state.leaders[eff.target].active:
        return
    motion = Motion(state.new_id(), eff.motion, eff.sponsor, target=eff.target, office=eff.office,
                    axis=eff.axis, value=eff.value, note=eff.name, body="plenum")
    state.motions.insert(0, motion)


@effect("pact")
def _pact(state, eff, out, ev):
    members = tuple(m for m in eff.members if state.leaders[m].active)
    if len(members) >= 2:
        pacts.form(state, members, eff.secret, eff.strength, out, eff.name)


@effect("politburo")
def _politburo(state, eff, out, ev):
    remove_from_politburo(state, eff.leader)
    if eff.seat == "full":
        state.politburo_full.append(eff.leader)
    elif eff.seat == "candidate":
        state.politburo_candidates.append(eff.leader)
    record_politburo_seats(state, keep_larger=True)  # a seat the history fills was the CC's to give


@effect("secretariat")
def _secretariat(state, eff, out, ev):
    if eff.member and eff.leader not in state.secretariat and state.leaders[eff.leader].active:
        state.secretariat.append(eff.leader)
        emit(state, out, "appointment", f"{name(state, eff.leader)} becomes a secretary of the CC.",
             leader=eff.leader, office="secretariat")
    elif not eff.member and eff.leader in state.secretariat:
        state.secretariat.remove(eff.leader)
        emit(state, out, "appointment", f"{name(state, eff.leader)} leaves the Secretariat.",
             leader=eff.leader, office="secretariat")


@effect("line")
def _line(state, eff, out, ev):
    ld = state.leaders[eff.leader]
    for axis in ("econ", "world", "regime"):
        setattr(ld, axis, clip(getattr(ld, axis) + getattr(eff, axis), -1, 1))


@effect("end_pact")
def _end_pact(state, eff, out, ev):
    for pact in [p for p in state.pacts if p.name == eff.name]:
        state.pacts.remove(pact)
        emit(state, out, "pact_broken", f"{pact.name} breaks up.", pact=pact.id)


@effect("decision")
def _decision(state, eff, out, ev):
    decider = eff.decider
    if not state.leaders[decider].active:
        return
    j = next(i for i, e in enumerate(ev.effects) if e is eff)
    labels = tuple(c.label for c in eff.choices)
    if state.seats.get(decider) == "human":
        best = max(range(len(eff.choices)), key=lambda i: eff.choices[i].weight)
        state.pending.append(Decision(state.new_id(), decider, "event", eff.prompt, labels, labels[best],
                                      context=(("event", ev.id), ("effect", str(j)))))
    else:
        choose(state, ev, j, model_choice(state, eff), out)


def model_choice(state: GameState, eff: Effect) -> int:
    """A model-played decider takes the choice the data weighs highest (ties: the first)."""
    return max(range(len(eff.choices)), key=lambda i: (eff.choices[i].weight, -i))


def choose(state: GameState, ev: EventModel, j: int, index: int, out: Out) -> None:
    eff = ev.effects[j]
    choice = eff.choices[index]
    emit(state, out, "decision", f"{name(state, eff.decider)}: {choice.label}", leader=eff.decider,
         event=ev.id, choice=choice.label)
    for sub in choice.effects:
        apply_effect(state, sub, out, ev)


def find_event(state: GameState, event_id: str) -> EventModel | None:
    return next((ev for ev in state.world.events if ev.id == event_id), None)


def congress_params(state: GameState) -> congress.CongressParams | None:
    due = state.flags.get("congress_due")
    if not due:
        return None
    if isinstance(due, dict):
        return congress.CongressParams(due["name"], due["delegates"], due["cc_seats"], due["politburo_full"],
                                       due["politburo_candidates"], bool(due.get("plenum_next_quarter", False)))
    return congress.default_params(state)

