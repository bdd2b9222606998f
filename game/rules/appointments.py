"""Secretariat appointments: the General Secretary places clients at the head of regional party
organisations, and each region's loyalty then drifts toward the secretary's patron.

A region held as a Politburo member's own machine (Zinoviev's Leningrad) needs a Politburo
decision first: the appointment becomes a motion."""

from __future__ import annotations

from ..model import GameState, Motion
from .common import Out, bal, emit, name


def can_appoint(state: GameState, actor: str) -> bool:
    """The General Secretary appoints; so does a Secretariat member when the GS is his patron."""
    gs = state.offices.get("general_secretary")
    return actor == gs


def appointees(state: GameState, actor: str, limit: int | None = 4) -> list[str | None]:
    """Named clients free to take a regional post, plus an unnamed apparatus cadre (None).
    A client already running a region may be moved to another (Kosior from Siberia to the
    Secretariat and on to Ukraine); his old region passes to an apparatus cadre.
    `limit` trims the list offered in menus; any free client may still be named."""
    busy = {r.secretary for r in state.regions.values()}
    named = sorted(
        (lid for lid, ld in state.leaders.items()
         if ld.patron == actor and ld.active and not state.offices_of(lid)
         and lid not in state.politburo_full),
        key=lambda lid: (lid in busy, lid),
    )
    return [None, *(named if limit is None else named[:limit])]


def check_appoint(state: GameState, actor: str, region: str, appointee: str | None) -> str | None:
    if not can_appoint(state, actor):
        return "only the General Secretary makes regional appointments"
    if region not in state.regions:
        return f"there is no region {region!r}"
    r = state.regions[region]
    if r.patron == actor and (appointee is None or r.secretary == appointee):
        return f"{state.world.region_name(region)} is already run by your client"
    if appointee is not None and appointee not in appointees(state, actor, limit=None):
        return f"{name(state, appointee)} is not your client, or already holds a post"
    if state.leaders[actor].patronage < bal(state, "appointment", "patronage_cost"):
        return "not enough patronage (an appointment costs favours owed)"
    if any(m.kind == "replace_secretary" and m.region == region for m in state.motions):
        return f"a motion on {state.world.region_name(region)} is already on the agenda"
    return None


def needs_politburo(state: GameState, region: str, actor: str) -> bool:
    r = state.regions[region]
    return bool(
        bal(state, "appointment", "machine_needs_vote") and r.protected_by
        and r.protected_by != actor and state.in_politburo(r.protected_by)
        and state.leaders[r.protected_by].active
    )


def appoint(state: GameState, actor: str, region: str, appointee: str | None, out: Out) -> None:
    state.leaders[actor].patronage -= bal(state, "appointment", "patronage_cost")
    if needs_politburo(state, region, actor):
        r = state.regions[region]
        motion = Motion(state.new_id(), "replace_secretary", actor, target=appointee, region=region,
                        note=f"{state.world.region_name(region)} is {name(state, r.protected_by)}'s machine")
        state.motions.append(motion)
        emit(state, out, "motion", f"{name(state, actor)} asks the Politburo to replace the secretary "
             f"of {state.world.region_name(region)}, {name(state, r.protected_by)}'s machine.",
             leader=actor, region=region, motion=motion.id)
        return
    install(state, region, actor, appointee, out)


def install(state: GameState, region: str, patron: str, appointee: str | None, out: Out) -> None:
    r = state.regions[region]
    before = name(state, r.secretary) if r.secretary else "the old secretary"
    for other in state.regions.values():  # a man runs one organisation at a time
        if appointee is not None and other.secretary == appointee and other is not r:
            other.secretary = None
    r.secretary = appointee
    r.patron = patron
    if r.protected_by and r.protected_by != patron:
        r.protected_by = None
    who = name(state, appointee) if appointee else f"a cadre chosen by {name(state, patron)}'s apparatus"
    emit(state, out, "appointment", f"{who} replaces {before} as party secretary of "
         f"{state.world.region_name(region)}.", leader=patron, target=appointee, region=region,
         loyalty=round(r.loyalty.get(patron, 0.0), 3))


def drift(state: GameState, out: Out) -> None:
    """Each quarter a region's loyalty moves toward its secretary's patron: clients place clients."""
    base = bal(state, "appointment", "drift")
    bonus = bal(state, "appointment", "drift_organiser")
    for r in state.regions.values():
        patron = r.patron
        if patron is None or not state.leaders[patron].active:
            continue
        rate = base + (bonus if state.world.has_trait(patron, "organiser") else 0.0)
        current = r.loyalty.get(patron, 0.0)
        gain = rate * (1.0 - current)
        shift_loyalty(r.loyalty, patron, gain)


def shift_loyalty(loyalty: dict[str, float], toward: str, gain: float) -> None:
    """Move `gain` of the organisation to `toward`, taken in proportion from everyone else
    (the unattached rank and file included)."""
    current = loyalty.get(toward, 0.0)
    gain = max(0.0, min(gain, 1.0 - current))
    if gain <= 0:
        return
    others = 1.0 - current
    scale = (others - gain) / others if others > 0 else 0.0
    for key in list(loyalty):
        if key != toward:
            loyalty[key] *= scale
            if loyalty[key] < 1e-4:
                del loyalty[key]
    loyalty[toward] = current + gain


def forfeit_machines(state: GameState, leader: str) -> None:
    """A fallen leader's clients look for new patrons: his regions lose their protector and
    half of the loyalty he held melts into the rank and file."""
    for r in state.regions.values():
        if r.protected_by == leader:
            r.protected_by = None
        if leader in r.loyalty:
            r.loyalty[leader] *= 0.5
        if r.patron == leader:
            r.patron = None
