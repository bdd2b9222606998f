"""The Lenin Enrolment: workers "from the bench" admitted as candidates, whose cards come through
the apparatus. They can vote for Congress delegates at once (the plenum of 31 Mar-2 Apr 1924
allowed it); they swell the General Secretary's share, raise the cult and dilute the Old
Bolsheviks. Cohorts become full members after a few quarters."""

from __future__ import annotations

from ..calendar import quarter_index
from ..model import GameState
from .common import Out, bal, emit, name


def enrol(state: GameState, recruits: int, workers: float, quarters: int, sponsor: str | None,
          out: Out, title: str = "The Lenin Enrolment") -> None:
    """Admit `recruits` candidates across the regions, in proportion to each organisation's size."""
    # The enrolment recruited at factory benches, not in barracks: the army's cells take no share.
    total = sum(r.total for r in state.regions.values() if r.id != "red_army") or 1
    apparatus = bal(state, "enrolment", "loyalty_to_apparatus")
    pull = bal(state, "enrolment", "worker_share_pull")
    for r in sorted(state.regions.values(), key=lambda r: r.id):
        if r.id == "red_army":
            continue
        n = int(recruits * r.total / total)
        if n <= 0:
            continue
        old = r.total
        # New recruits owe their cards to whoever runs the apparatus that admitted them.
        for key in list(r.loyalty):
            r.loyalty[key] = r.loyalty[key] * old / (old + n)
        if sponsor is not None:
            r.loyalty[sponsor] = r.loyalty.get(sponsor, 0.0) + apparatus * n / (old + n)
        r.workers = (r.workers * old + workers * pull * n + r.workers * (1 - pull) * n) / (old + n)
        r.candidates += n
        state.cohorts.append((state.turn + quarters, r.id, n))
    state.mood.cult = min(1.0, state.mood.cult + bal(state, "enrolment", "cult"))
    state.mood.unity = min(1.0, state.mood.unity + bal(state, "enrolment", "unity"))
    emit(state, out, "enrolment", f"{title}: {recruits:,} workers admitted as candidates "
         f"through {name(state, sponsor)}'s apparatus.", leader=sponsor, recruits=recruits,
         workers=workers, loyalty_to_apparatus=apparatus)


# Flags a toggle may set that name a quarter (checked when the scenario is read).
QUARTER_FLAGS = ("enrolment_closed_until",)


def check_drive(state: GameState, actor: str) -> str | None:
    if state.offices.get("general_secretary") != actor:
        return "only the General Secretary can launch an enrolment drive"
    closed = state.flags.get("enrolment_closed_until")
    if closed and state.turn < quarter_index(str(closed)):
        # A what-if without the 1924 enrolment: the party keeps its doors shut, not open to a
        # drive of the General Secretary's a quarter later.
        return f"the party has decided against mass recruitment before {closed}"
    last = state.flags.get("last_enrolment", -99)
    cooldown = bal(state, "enrolment", "drive_cooldown")
    if state.turn - last < cooldown:
        return f"the last enrolment was too recent (wait {cooldown - (state.turn - last)} more quarters)"
    if state.leaders[actor].patronage < bal(state, "enrolment", "drive_patronage"):
        return "not enough patronage to organise a drive"
    if state.leaders[actor].ap < bal(state, "enrolment", "drive_ap"):
        return "a drive takes two action points"
    return None


def drive(state: GameState, actor: str, out: Out) -> None:
    state.leaders[actor].patronage -= bal(state, "enrolment", "drive_patronage")
    state.flags["last_enrolment"] = state.turn
    enrol(state, int(bal(state, "enrolment", "drive_recruits")), 0.7, 2, actor, out,
          title="An enrolment drive")


def mature(state: GameState, out: Out) -> None:
    """Cohorts whose candidacy has run its course become full members."""
    keep = []
    moved = 0
    for due, region, n in state.cohorts:
        if due <= state.turn and region in state.regions:
            r = state.regions[region]
            n = min(n, r.candidates)
            r.candidates -= n
            r.members += n
            moved += n
        else:
            keep.append((due, region, n))
    state.cohorts = keep
    if moved:
        emit(state, out, "membership", f"{moved:,} candidates of the enrolment become full members.",
             members=moved)
