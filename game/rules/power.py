"""The power score: offices, Politburo votes one can count on, CC share, regional machines,
prestige and Lenin's mantle. Used for endings, fear in votes, initiative order and the AI."""

from __future__ import annotations

from collections import Counter
from itertools import chain
from operator import attrgetter

from ..model import ACTIVE_STATUSES, GameState
from .common import contenders, pact_strength, pact_strengths, voters


def counts_on(state: GameState, leader: str, voter: str) -> bool:
    """Would this full member vote with `leader` on a question that splits the Politburo?"""
    if voter == leader:
        return True
    v = state.leaders[voter]
    if v.patron == leader:
        return True
    if pact_strength(state, leader, voter) >= 0.4:
        return True
    return state.trust_of(voter, leader) >= 0.55


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
    named = [ld for ld in leaders.values() if ld.in_cc and ld.status in ACTIVE_STATUSES]
    cc_total = len(state.cc) + len(named)
    # A CC seat counts for its patron, and a named member for his patron and for himself.
    patrons = Counter(chain(map(_PATRON, state.cc), map(_PATRON, named)))
    members = 0
    machine: dict[str, float] = {}
    for region in state.regions.values():
        total = region.members + region.candidates
        members += total
        for patron, share in region.loyalty.items():
            machine[patron] = machine.get(patron, 0.0) + total * share
    office_weight: dict[str, float] = {}
    offices_info = state.world.offices
    for office, holder in state.offices.items():
        if holder is not None:
            office_weight[holder] = office_weight.get(holder, 0.0) + offices_info[office].weight
    votes = _politburo_votes(state, active)
    w_office, w_vote, w_cc = b["office"], b["politburo_vote"], b["cc_share"]
    w_machine, w_prestige, w_mantle = b["machine_share"], b["prestige"], b["mantle"]
    for lid in active:
        ld = leaders[lid]
        cc = patrons.get(lid, 0)
        if ld.in_cc:  # active: a named member, counted once even as his own patron
            cc += ld.patron != lid
        value = (w_office * office_weight.get(lid, 0.0) + w_vote * votes[lid]
                 + w_cc * (cc / cc_total if cc_total else 0.0)
                 + w_machine * (machine.get(lid, 0.0) / members if members else 0.0)
                 + w_prestige * ld.prestige + w_mantle * ld.mantle)
        table[lid] = round(value, 2)
    return table


_PATRON = attrgetter("patron")


def _politburo_votes(state: GameState, leaders: list[str]) -> dict[str, int]:
    """`politburo_votes` for each of `leaders` in one pass over the voters: each voter's row of
    trust and the pact pairs are read once (the same test as `counts_on`)."""
    votes = dict.fromkeys(leaders, 0)
    index = state.index
    columns = [(lid, index[lid]) for lid in leaders]
    strengths = pact_strengths(state)
    for v in voters(state):
        row = state.trust[index[v]].tolist()
        patron = state.leaders[v].patron
        for lid, col in columns:
            if lid in (v, patron) or row[col] >= 0.55 or (strengths and strengths.get((lid, v), 0.0) >= 0.4):
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

