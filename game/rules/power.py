"""The power score: offices, Politburo votes one can count on, CC share, regional machines,
prestige and Lenin's mantle. Used for endings, fear in votes, initiative order and the AI."""

from __future__ import annotations

from collections import Counter
from itertools import permutations
from operator import attrgetter

from ..model import ACTIVE_STATUSES, CCSeat, GameState
from .common import contenders, pact_strength, voters

_TRUSTED = 0.55  # the trust from which a voter counts on a leader (counts_on)


def counts_on(state: GameState, leader: str, voter: str) -> bool:
    """Would this full member vote with `leader` on a question that splits the Politburo?"""
    if voter == leader:
        return True
    v = state.leaders[voter]
    if v.patron == leader:
        return True
    if pact_strength(state, leader, voter) >= 0.4:
        return True
    return state.trust_of(voter, leader) >= _TRUSTED


def politburo_votes(state: GameState, leader: str) -> int:
    return sum(1 for v in voters(state) if counts_on(state, leader, v))


def cc_share(state: GameState, leader: str) -> float:
    """Share of the Central Committee whose seat is owed to this leader (or who is himself)."""
    seats = sum(1 for s in state.cc if s.patron == leader)
    named = [ld for ld in state.leaders.values() if ld.in_cc and ld.active]
    seats += sum(1 for ld in named if ld.id == leader or ld.patron == leader)
    total = len(state.cc) + len(named)
    return seats / total if total else 0.0


def machine_share(state: GameState, leader: str) -> float:
    """Share of the party's members (and so of Congress delegates) in this leader's machines."""
    total = 0
    mine = 0.0
    for region in state.regions.values():
        total += region.total
        mine += region.total * region.loyalty.get(leader, 0.0)
    return mine / total if total else 0.0


def power(state: GameState, leader: str) -> float:
    ld = state.leaders[leader]
    if not ld.active:
        return 0.0
    b = state.world.balance["power"]
    offices = sum(state.world.offices[o].weight for o in state.offices_of(leader))
    return (
        b["office"] * offices
        + b["politburo_vote"] * politburo_votes(state, leader)
        + b["cc_share"] * cc_share(state, leader)
        + b["machine_share"] * machine_share(state, leader)
        + b["prestige"] * ld.prestige
        + b["mantle"] * ld.mantle
    )


def power_table(state: GameState) -> dict[str, float]:
    """Every contender's power in one pass over the CC, the regions and the Politburo (the AI
    asks for this table on every decision, so it must be cheap). Same numbers as `power`."""
    b = state.world.balance["power"]
    leaders = state.leaders
    table = dict.fromkeys(contenders(state), 0.0)
    active = [lid for lid in table if leaders[lid].status in ACTIVE_STATUSES]
    if not active:
        return table
    # A CC seat counts for its patron, and a named member for his patron and for himself: the
    # named members counted, and those who owe their seat to a man in the table, in one pass.
    named = 0
    clients = dict.fromkeys(active, 0)
    for ld in leaders.values():
        if ld.in_cc and ld.status in ACTIVE_STATUSES:
            named += 1
            if ld.patron in clients:
                clients[ld.patron] += 1
    cc_total = len(state.cc) + named
    seats = _seats_by_patron(state.cc)
    # Machines and offices summed only for the men in the table, each from 0.0 in the same order
    # as for everyone (the same floats), without a .get per region and patron.
    members = 0
    machine = dict.fromkeys(active, 0.0)
    for region in state.regions.values():
        total = region.members + region.candidates
        members += total
        for patron, share in region.loyalty.items():
            if patron in machine:
                machine[patron] += total * share
    office_weight = dict.fromkeys(active, 0.0)
    offices_info = state.world.offices
    for office, holder in state.offices.items():
        if holder in office_weight:
            office_weight[holder] += offices_info[office].weight
    votes = _politburo_votes(state, active)
    w_office, w_vote, w_cc = b["office"], b["politburo_vote"], b["cc_share"]
    w_machine, w_prestige, w_mantle = b["machine_share"], b["prestige"], b["mantle"]
    for lid in active:
        ld = leaders[lid]
        cc = seats.get(lid, 0) + clients[lid]
        if ld.in_cc:  # active: a named member, counted once even as his own patron
            cc += ld.patron != lid
        value = (w_office * office_weight[lid] + w_vote * votes[lid]
                 + w_cc * (cc / cc_total if cc_total else 0.0)
                 + w_machine * (machine[lid] / members if members else 0.0)
                 + w_prestige * ld.prestige + w_mantle * ld.mantle)
        table[lid] = _round2(value)
    return table


def _round2(value: float) -> float:
    """round(value, 2) without its decimal conversion: a hundred times the value rounded to a
    whole number, over 100, is the same float unless 100 * value lies within a hair of a half
    (or rounds to zero, where round keeps the sign): then ask round."""
    scaled = value * 100.0
    hundredths = round(scaled)
    if not hundredths or abs(abs(scaled - hundredths) - 0.5) < 1e-6:
        return round(value, 2)
    return hundredths / 100


_PATRON = attrgetter("patron")
_LAST_CC: tuple[tuple[CCSeat, ...], Counter[str | None]] = ((), Counter())


def _seats_by_patron(cc: list[CCSeat]) -> Counter[str | None]:
    """The CC's seats counted by patron. The committee changes only when a Congress elects one,
    so the last count is kept while the seats are the same ones (compared seat by seat, so a list
    changed in place is counted afresh). Read-only for the caller; the last count is read once
    into a local, so a window's thread counting another board cannot swap it in between."""
    global _LAST_CC
    seats, last = tuple(cc), _LAST_CC
    if seats == last[0]:
        return last[1]
    counts = Counter(map(_PATRON, seats))
    _LAST_CC = (seats, counts)
    return counts


def _politburo_votes(state: GameState, leaders: list[str]) -> dict[str, int]:
    """`politburo_votes` for each of `leaders` in one pass (the same test as `counts_on`): each
    voter against each leader, trust read by item. Plain Python: numpy's per-call overhead on a
    block this small cost more than the loop, and more still when its code is cold in the cache
    between two AI decisions."""
    index, item, everyone = state.index, state.trust.item, state.leaders
    columns = [(lid, index[lid]) for lid in leaders]
    votes = dict.fromkeys(leaders, 0)
    # (leader, voter) held by a pact of 0.4 (pact_strength >= 0.4); a pair (v, v), were a man twice
    # in a pact, changes nothing: a voter counts for himself anyway.
    bound: set[tuple[str, str]] = set()
    for pact in state.pacts:
        if pact.strength >= 0.4:
            bound.update(permutations(pact.members, 2))
    for v in state.politburo_full:  # voters(state)
        ld = everyone[v]
        if ld.status not in ACTIVE_STATUSES:
            continue
        row, own = index[v], (v, ld.patron)  # himself and his patron count whatever the trust
        for lid, col in columns:
            if lid in own or item(row, col) >= _TRUSTED or (bound and (lid, v) in bound):
                votes[lid] += 1
    return votes


def power_share(state: GameState, leader: str | None, table: dict[str, float] | None = None) -> float:
    if leader is None:
        return 0.0
    table = table if table is not None else power_table(state)
    total = sum(table.values()) or 1.0
    return table.get(leader, power(state, leader) if leader in state.leaders else 0.0) / total


def top_leader(state: GameState) -> str:
    table = power_table(state)
    return max(sorted(table), key=lambda lid: table[lid])


def politburo_command(state: GameState, leader: str) -> float:
    """Share of the voting Politburo this leader commands."""
    vs = voters(state)
    return politburo_votes(state, leader) / len(vs) if vs else 0.0

