"""The Party Congress: delegates, the political report, the CC and Politburo elections."""

from __future__ import annotations

import pytest
from conftest import bal

from game.model import LADDER, CCSeat
from game.rules import congress
from game.rules.common import contenders
from game.rules.power import machine_share

PARAMS = congress.CongressParams("Test Congress", 748, 53, 7, 6)


def _named(state) -> int:
    return sum(1 for ld in state.leaders.values() if ld.in_cc and ld.active)


@pytest.mark.parametrize("total", [100, 748, 1234])
def test_delegates_total_the_requested_number(started, total):
    dels = congress.delegates(started, total)
    assert sum(dels.values()) == pytest.approx(total)
    assert all(v >= 0 for v in dels.values())


def test_each_machine_gets_its_share_of_the_delegates(started):
    dels = congress.delegates(started, 1000)
    for lid in contenders(started):
        assert dels.get(lid, 0.0) == pytest.approx(1000 * machine_share(started, lid))
    assert dels["stalin"] > dels["trotsky"]


def test_a_region_wholly_in_one_machine_sends_only_his_delegates(started):
    for r in started.regions.values():
        r.loyalty = {}
    started.regions["leningrad"].loyalty = {"zinoviev": 1.0}
    dels = congress.delegates(started, 1000)
    members = sum(r.total for r in started.regions.values())
    assert dels["zinoviev"] == pytest.approx(1000 * started.regions["leningrad"].total / members)
    assert set(dels) == {"zinoviev", None}


def test_a_fallen_leaders_followers_count_as_unattached(started):
    dels = congress.delegates(started, 1000)
    started.leaders["trotsky"].status = "expelled"
    after = congress.delegates(started, 1000)
    assert "trotsky" not in after
    assert after[None] == pytest.approx(dels[None] + dels["trotsky"])


@pytest.mark.parametrize("seats", [45, 53, 71])
def test_elect_cc_produces_the_requested_size(started, seats):
    assert seats - _named(started) >= 10
    dels = congress.delegates(started, 748)
    out = []
    congress.elect_cc(started, dels, seats, out)
    named = _named(started)  # the Congress may have elected more leading figures to the CC
    assert len(started.cc) + named == seats
    assert out[-1].kind == "cc_elected" and out[-1].detail["seats"] == seats
    # Each patron's seats follow his delegates (largest remainders: within one seat of the quota).
    anonymous = seats - named
    total = sum(dels.values())
    for patron, n in dels.items():
        got = sum(1 for s in started.cc if s.patron == patron)
        assert abs(got - anonymous * n / total) < 1.0 + 1e-9


def test_elect_cc_keeps_a_floor_of_anonymous_seats(started):
    congress.elect_cc(started, congress.delegates(started, 748), 5, [])
    assert len(started.cc) == 10


def test_elect_politburo_keeps_the_sizes(started):
    congress.elect_politburo(started, 7, 6, [])
    assert len(started.politburo_full) == 7
    assert len(started.politburo_candidates) == 6
    assert not set(started.politburo_full) & set(started.politburo_candidates)
    for lid in started.politburo_full + started.politburo_candidates:
        ld = started.leaders[lid]
        assert ld.active and ld.in_cc and ld.sanction < LADDER.index("out_of_politburo")


@pytest.mark.parametrize("sizes", [(5, 3), (9, 5), (9, 8)])
def test_elect_politburo_respects_other_sizes(started, sizes):
    congress.elect_politburo(started, *sizes, [])
    assert len(started.politburo_full) == sizes[0]
    assert len(started.politburo_candidates) <= sizes[1]


def _isolate_trotsky(state):
    state.cc = [CCSeat("stalin", s.lean) if s.patron == "trotsky" else s for s in state.cc]
    for lid in state.leaders:
        if lid != "trotsky":
            state.trust[state.index[lid], state.index["trotsky"]] = -1.0
    state.leaders["trotsky"].prestige = 0.0


def test_elect_politburo_removes_a_leader_without_cc_support(started):
    _isolate_trotsky(started)
    assert congress.support(started, "trotsky") < bal(started, "congress", "retention_threshold")
    out = []
    congress.elect_politburo(started, 7, 6, out)
    assert not started.in_politburo("trotsky")
    assert any(e.kind == "politburo_left" and e.leader == "trotsky" for e in out)


def test_elect_politburo_leaves_out_the_sanctioned(started):
    started.leaders["trotsky"].sanction = LADDER.index("out_of_politburo")
    congress.elect_politburo(started, 7, 6, [])
    assert not started.in_politburo("trotsky")


def test_support_rises_with_friends_in_the_cc(started):
    base = congress.support(started, "trotsky")
    started.cc = [CCSeat("trotsky", 0.6)] * len(started.cc)
    assert congress.support(started, "trotsky") > base
    assert 0.0 <= congress.support(started, "trotsky") <= 1.0


def test_hold_emits_congress_vote_and_cc_elected(started):
    out = []
    started.flags["congress_due"] = True
    congress.hold(started, PARAMS, out)
    kinds = [e.kind for e in out]
    for kind in ("congress", "vote", "cc_elected"):
        assert kind in kinds
    assert kinds.index("congress") < kinds.index("vote") < kinds.index("cc_elected")
    assert started.flags["last_congress"] == started.turn
    assert "congress_due" not in started.flags
    report = next(e for e in out if e.kind == "vote")
    assert report.detail["body"] == "congress"
    assert report.detail["yes"] + report.detail["no"] + report.detail["abstain"] == pytest.approx(
        PARAMS.delegates, abs=2)
    assert len(started.cc) + _named(started) == PARAMS.cc_seats


def test_a_friendly_congress_approves_the_report(started):
    for r in started.regions.values():
        r.loyalty = {"stalin": 1.0}
    out = []
    y, n, _, _ = congress.political_report(started, congress.delegates(started, 700), out)
    assert y > n
    assert out[-1].detail["yes"] == y


def test_the_13th_congress_sits_in_1924q2(started):
    from conftest import end_quarter

    end_quarter(started)  # 1924Q1 -> 1924Q2
    assert started.quarter == "1924Q2"
    events = end_quarter(started)  # the Congress sits in 1924Q2's sessions
    kinds = [e.kind for e in events]
    assert "congress" in kinds and "cc_elected" in kinds
    assert started.flags.get("last_congress") == started.turn - 1


def test_a_hostile_congress_carries_the_co_reporters_line_and_it_settles(started):
    """A Congress that rejects the report moves the line halfway to the co-reporter's views, by the
    same rule as a motion: each move is a line_adopted event, and it cannot be moved back at once."""
    from game.rules import ideology

    for r in started.regions.values():
        r.loyalty = {"trotsky": 1.0}
    started.trust[started.index["trotsky"], started.index["stalin"]] = -0.8
    before = dict(started.line)
    out = []
    y, n, _, opposition = congress.political_report(started, congress.delegates(started, 700), out)
    assert n > y and opposition == ["trotsky"]
    moved = [e for e in out if e.kind == "line_adopted"]
    trotsky = started.leaders["trotsky"]
    for axis, was in before.items():
        assert started.line[axis] == pytest.approx((was + getattr(trotsky, axis)) / 2)
    assert {e.detail["axis"] for e in moved} == {a for a in before if started.line[a] != before[a]}
    assert out.index(next(e for e in out if e.kind == "vote")) < out.index(moved[0])
    axis = moved[0].detail["axis"]
    back = -1 if started.line[axis] > before[axis] else 1
    started.turn += 1
    assert "cannot be moved back" in ideology.check_reversal(started, axis, back)


def _set_trust(state, a, b, value):
    state.trust[state.index[a], state.index[b]] = value


def test_the_man_with_a_delegation_gives_the_co_report_and_an_old_enemy_keeps_silent(started):
    """The 14th Congress: Zinoviev, with the Leningrad delegation, gives the co-report and Kamenev
    speaks beside him; Trotsky, as hostile to Stalin but trusting them less than Stalin, keeps
    silent. Once the old quarrel is healed, he speaks too."""
    for r in started.regions.values():
        r.loyalty = {"stalin": 1.0}
    started.regions["leningrad"].loyalty = {"zinoviev": 1.0}
    started.pacts = []  # the troika is over
    for lid in ("zinoviev", "kamenev", "trotsky"):
        _set_trust(started, lid, "stalin", -0.6)
    _set_trust(started, "kamenev", "zinoviev", 0.8)
    for lid in ("zinoviev", "kamenev"):
        _set_trust(started, "trotsky", lid, -0.8)
    dels = congress.delegates(started, 700)
    assert dels.get("zinoviev", 0) > dels.get("trotsky", 0)
    _, _, _, speakers = congress.political_report(started.clone(), dels, [])
    assert speakers == ["zinoviev", "kamenev"]
    for lid in ("zinoviev", "kamenev"):
        _set_trust(started, "trotsky", lid, 0.3)
        _set_trust(started, lid, "trotsky", 0.3)
    _, _, _, speakers = congress.political_report(started.clone(), dels, [])
    assert speakers[0] == "zinoviev" and set(speakers) == {"zinoviev", "kamenev", "trotsky"}
