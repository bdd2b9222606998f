"""The fast paths the AI and the batch runner take give exactly what the plain rules give."""

from __future__ import annotations

import math
import random

import pytest

from game.model import Pact
from game.rules import power
from game.session import Session


def _boards(actions: tuple[int, ...] = (0, 150, 400, 900)):
    """Boards from one AI game at several moments, each also with a strong pact between a
    voter and his patron and a trusting voter (ties that count twice over must count once)."""
    for n in actions:
        session = Session.new("1924", seed=11)
        session.advance(max_actions=n)
        state = session.state
        yield state
        tied = state.clone()
        voter = tied.politburo_full[-1]
        leader = next(lid for lid in tied.world.playable if lid != voter and lid in tied.leaders)
        tied.leaders[voter].patron = leader
        tied.trust[tied.index[voter], tied.index[leader]] = 0.8
        tied.pacts.append(Pact(tied.new_id(), (voter, leader), True, 0.9, tied.turn))
        tied.pacts.append(Pact(tied.new_id(), (leader, voter, tied.politburo_full[0]), False, 0.5, tied.turn))
        yield tied


@pytest.mark.parametrize("board", range(8))
def test_power_table_is_power_for_every_contender(board):
    state = list(_boards())[board]
    table = power.power_table(state)
    for lid in table:
        assert table[lid] == round(power.power(state, lid), 2), lid
    active = [lid for lid in table if state.leaders[lid].active]
    votes = power._politburo_votes(state, active)
    assert votes == {lid: power.politburo_votes(state, lid) for lid in active}


def test_round2_is_round_to_two_places():
    rnd = random.Random(5)
    values = [k / 1000 for k in range(-100_000, 100_001)] + [(k + 0.5) / 100 for k in range(-20_000, 20_000)]
    values += [math.nextafter(x, d) for x in values[-2000:] for d in (math.inf, -math.inf)]
    values += [rnd.uniform(-400, 400) for _ in range(50_000)] + [0.0, -0.0, -0.001, 0.004, 0.005, 0.125]
    for x in values:
        got, want = power._round2(x), round(x, 2)
        assert got == want and math.copysign(1, got) == math.copysign(1, want), x
