"""The fast paths the AI and the batch runner take give exactly what the plain rules give."""

from __future__ import annotations

import math
import random

import pytest

from game.model import CCSeat, Motion, Pact
from game.rules import power, votes
from game.rules.common import name
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


def _lean_as_worded(whip: votes.Whip, voter: str, m, ev) -> votes.Lean:
    """`Whip.lean` as first written: each term rounded with round(), and the sum of the
    rounded floats rounded again (which can be -0.0, or the int 0 for no terms at all)."""
    state = whip.state
    worded = [(label.format(name(state, who)) if who else label, round(value, 1))
              for label, who, value in whip.terms(voter, m, ev) if abs(value) >= 0.05]
    worded.sort(key=lambda t: -abs(t[1]))
    return votes.Lean(voter, round(sum(value for _, value in worded), 1), tuple(worded))


@pytest.mark.parametrize("actions", [0, 300, 800])
def test_lean_is_worded_and_summed_as_before(actions):
    """The tenths-based `lean` gives the very same Lean, down to the type and the sign of a zero."""
    session = Session.new("1924", seed=4)
    session.advance(max_actions=actions)
    state = session.state
    whip = votes.Whip(state)
    lids = [lid for lid, ld in state.leaders.items() if ld.active]
    motions = [Motion(-1, "adopt_line", lid, axis=axis, value=value) for lid in lids[:6]
               for axis in ("econ", "world", "regime") for value in (-0.7, -0.2, 0.3)]
    motions += [Motion(-1, kind, a, target=b, value=2.0) for a in lids[:6] for b in lids[::4]
                for kind in ("sanction", "promote", "remove_politburo")]
    for m in motions:
        for voter in lids:
            for ev in (None, 0.3, 0.9):
                got, want = whip.lean(voter, m, ev), _lean_as_worded(whip, voter, m, ev)
                assert repr(got) == repr(want), (voter, m, ev)


def test_cc_seat_count_is_not_reused_for_another_committee():
    """The power table keeps its last count of CC seats while the seats are the same: a clone with
    another committee, the original again, and a committee changed in place between two tables
    are each counted as they stand."""
    session = Session.new("1924", seed=2)
    session.advance(max_actions=120)
    state = session.state
    other = state.clone()
    holder = next(lid for lid in power.power_table(state) if state.leaders[lid].active)
    other.cc.append(CCSeat(holder, 0.1))

    def exact(board):
        table = power.power_table(board)
        assert table == {lid: round(power.power(board, lid), 2) for lid in table}
        return table

    assert exact(state) != exact(other)
    exact(state)
    before = exact(other)
    other.cc[0] = CCSeat(holder if other.cc[0].patron != holder else None, 0.0)  # the same list, changed
    assert exact(other) != before


@pytest.mark.parametrize("board", range(8))
def test_cc_carries_answers_as_the_whole_count_does(board):
    """The AI's short count of a plenum stops asking members once the answer is certain: it must
    answer as the whole count (cc_count's yes above the threshold of the seats) would, for every
    motion, threshold and case."""
    state = list(_boards())[board]
    whip = votes.Whip(state)
    lids = [lid for lid, ld in state.leaders.items() if ld.active]
    motions = [Motion(-1, "adopt_line", lid, axis=axis, value=value) for lid in lids[:4]
               for axis in ("econ", "regime") for value in (-0.6, 0.4)]
    motions += [Motion(-1, kind, a, target=b, value=rung) for a in lids[:4] for b in lids[::3] if a != b
                for kind, rung in (("sanction", 1.0), ("sanction", 4.0), ("promote", 0.0), ("remove_politburo", 0.0))]
    for m in motions:
        for ev, fresh in ((None, None), (0.3, 0.1), (0.9, 0.9)):
            yes, seats, _ = votes.cc_count(state, m, whip, ev, fresh)
            for threshold in (0.3, 0.5, 2 / 3, 0.9):
                assert votes.cc_carries(state, m, threshold, whip, ev, fresh) == (yes > threshold * seats), \
                    (m, ev, fresh, threshold)
