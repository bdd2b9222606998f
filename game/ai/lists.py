"""The AI drafts a Politburo list for a Congress or a CC plenum.

This is how the General Secretary's apparatus actually reshaped the leadership: the Secretariat
prepared the lists, and a CC whose seats it had filled through the regional machines elected
them (the 14th Congress in 1925, the plenums of July and October 1926, of April and November
1929). The AI counts the new list bloc by bloc exactly as the CC will (slates.cc_approval) and
drops as many hostile members as its estimate says the CC will swallow, with a margin for its
caution. Rivals may answer with lists of their own in a Congress quarter, when they think they
have the hall.
"""

from __future__ import annotations

from .. import actions as A
from ..model import LADDER, GameState, Personality
from ..rules import slates
from ..rules.common import MAX_CANDIDATES, MAX_FULL
from ..rules.congress import friendly

MAX_DROPS = 3  # no real list purged more than three full members at once
MAX_NEW_CANDIDATES = 2  # candidates were added a few at a time


def candidate(state: GameState, me: str, p: Personality, power: dict[str, float]) -> tuple[float, A.DraftSlate] | None:
    """The best list `me` dares put to the CC now, scored by what it gains him; None if none pays."""
    if not _may_draft(state, me):
        return None
    before = (list(state.politburo_full), list(state.politburo_candidates))
    total_power = sum(power.values()) or 1.0
    barred = LADDER.index("out_of_politburo")
    # Full members who stand against me, the most dangerous first.
    enemies = sorted((lid for lid in state.politburo_full if lid != me and _against(state, me, lid)),
                     key=lambda lid: (-power.get(lid, 0.0), lid))
    congress = bool(state.flags.get("congress_due") or state.flags.get("cc_plenum_due"))
    if not congress and not (enemies and slates.condemned(state, enemies[0])):
        return None  # between Congresses every list drops the most dangerous enemy, who must be condemned
    # Men who would owe me the seat: my clients and friends in the CC, candidates of the Politburo
    # first, then the men of most standing, as for a promotion (the 14th Congress's CC raised
    # Voroshilov and Molotov; the young regional secretaries, Kirov and Kaganovich, waited until 1930).
    reserve = sorted((lid for lid, ld in state.leaders.items()
                      if lid != me and ld.active and ld.in_cc and ld.sanction < barred
                      and lid not in state.politburo_full and friendly(state, lid, me)),
                     key=lambda lid: (lid not in state.politburo_candidates, -state.leaders[lid].prestige, lid))
    margin = 0.52 + 0.08 * p.caution
    size = full_seats_to_elect(state)
    seats = slates.hall(state, me)  # one reading of the CC for every list weighed here
    best: tuple[float, slates.Slate] | None = None
    for drops in range(min(MAX_DROPS, len(enemies)) + 1):
        dropped = enemies[:drops]
        full = [lid for lid in state.politburo_full if lid not in dropped]
        room = max(0, min(MAX_FULL, size) - len(full))
        raised = reserve[:room]
        full += raised
        if len(full) < slates.MIN_FULL or not (dropped or raised):
            continue
        if not congress and not (dropped and all(slates.condemned(state, lid) for lid in dropped)):
            continue  # between Congresses a plenum reshapes the Politburo only to unseat the condemned
        cands = [lid for lid in state.politburo_candidates if lid not in full and lid not in dropped]
        cands += [lid for lid in reserve if lid not in full and lid not in cands][:MAX_NEW_CANDIDATES]
        secretariat = [lid for lid in state.secretariat if lid not in dropped and lid != me]
        slate = slates.Slate(me, tuple(full), tuple(cands[:MAX_CANDIDATES]),
                             tuple(([me] + secretariat)[:6]), _new_cc(state, me))
        if slates.check(state, me, slate) is not None:
            continue
        if slates.cc_approval(state, slate, before, seats) < margin:
            break  # dropping more will only lose more votes
        gain = sum(power.get(lid, 0.0) for lid in dropped) / total_power * 60 + 4.0 * len(raised)
        score = gain * (0.4 + p.ambition) * (0.5 + p.ruthlessness if dropped else 1.0)
        if best is None or score > best[0]:
            best = (score, slate)
    if best is None:
        return None
    score, slate = best
    return score, A.DraftSlate(me, full=",".join(slate.full), candidates=",".join(slate.candidates),
                               secretariat=",".join(slate.secretariat), cc=",".join(slate.cc))


def full_seats_to_elect(state: GameState) -> int:
    """How many full members the CC elects now. A Congress sets the number (7 in 1924, 9 in 1925),
    for its own vote or for its new CC's first plenum; an early Congress adds one seat; any other
    plenum only fills the places of the men it drops."""
    due = state.flags.get("congress_due")
    if isinstance(due, dict) and due.get("politburo_full"):
        return int(due["politburo_full"])
    if due:
        return len(state.politburo_full) + 1
    plenum = state.flags.get("cc_plenum_due")
    if plenum:
        return int(plenum[0])
    return len(state.politburo_full)


def _may_draft(state: GameState, me: str) -> bool:
    congress = bool(state.flags.get("congress_due"))
    plenum = congress or bool(state.flags.get("cc_plenum_due"))
    gs = state.offices.get("general_secretary") == me
    return me in state.politburo_full and (gs or plenum) and slates.flag_key(me) not in state.flags


def _against(state: GameState, me: str, other: str) -> bool:
    return not friendly(state, other, me) and state.trust_of(me, other) < 0.0


def _new_cc(state: GameState, me: str) -> tuple[str, ...]:
    """In a Congress quarter: my clients outside the CC, named to it on the list."""
    if not state.flags.get("congress_due"):
        return ()
    out = [lid for lid, ld in sorted(state.leaders.items())
           if ld.patron == me and ld.active and not ld.in_cc and ld.sanction < LADDER.index("out_of_cc")]
    return tuple(out[:4])
