"""The power score: offices, Politburo votes one can count on, CC share, regional machines,
prestige and Lenin's mantle. Used for endings, fear in votes, initiative order and the AI."""

from __future__ import annotations

from ..model import GameState
from .common import contenders, pact_strength, voters


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
    return {lid: round(power(state, lid), 2) for lid in contenders(state)}


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

