"""Politburo and CC votes: leans as sums of reasons, whip counts, casting and the CC plenum."""

from __future__ import annotations

import math
import random

import pytest
from conftest import bal, make_motion, seat

from game.model import LADDER, CCSeat, Motion
from game.rules import accusations, votes
from game.rules.common import voters
from game.rules.motions import TABLEABLE
from game.rules.power import power_table
from game.session import Session


def _some_motions(state):
    return [
        make_motion(state, "adopt_line", "stalin", axis="regime", value=-0.7),
        make_motion(state, "remove_office", "stalin", target="trotsky", office="war_commissar"),
        make_motion(state, "appoint_office", "zinoviev", target="kamenev", office="pravda_editor"),
        make_motion(state, "promote", "stalin", target="molotov"),
        make_motion(state, "sanction", "zinoviev", target="trotsky", value=2.0),
        make_motion(state, "replace_secretary", "stalin", region="leningrad"),
    ]


def test_lean_total_is_the_sum_of_its_reasons(started):
    for m in _some_motions(started):
        for voter in voters(started):
            ln = votes.lean(started, voter, m)
            assert ln.reasons, f"{voter} has no reasons on {m.kind}"
            assert ln.total == pytest.approx(sum(v for _, v in ln.reasons), abs=0.051)
            # Reasons are listed largest first.
            sizes = [abs(v) for _, v in ln.reasons]
            assert sizes == sorted(sizes, reverse=True)
            assert ln.vote == ("yes" if ln.total > 0 else "no")


def test_client_votes_with_his_patron(started):
    seat(started, "molotov")  # Stalin's client, now a voting member
    assert started.leaders["molotov"].patron == "stalin"
    m = make_motion(started, "remove_office", "stalin", target="trotsky", office="war_commissar")
    ln = votes.lean(started, "molotov", m)
    patron_terms = [v for label, v in ln.reasons if "owes his career" in label]
    assert patron_terms == [pytest.approx(bal(started, "vote", "patron"))]
    assert ln.total > 0

    # Without the patronage tie (and with the power table held fixed, since a client also adds to
    # his patron's power) the lean falls by exactly the patron term.
    table = power_table(started)
    orphan = started.clone()
    orphan.leaders["molotov"].patron = None
    ln = votes.lean(started, "molotov", m, table)
    ln2 = votes.lean(orphan, "molotov", m, table)
    assert not any("owes his career" in label for label, _ in ln2.reasons)
    assert ln.total - ln2.total == pytest.approx(bal(started, "vote", "patron"), abs=0.051)


def test_client_leans_against_a_motion_striking_his_patron(started):
    seat(started, "molotov")
    m = make_motion(started, "remove_office", "trotsky", target="stalin", office="general_secretary")
    ln = votes.lean(started, "molotov", m)
    patron_terms = [v for label, v in ln.reasons if "owes his career" in label]
    assert patron_terms and patron_terms[0] < 0
    assert ln.vote == "no"


def test_target_of_a_sanction_leans_no(started):
    for rung in range(1, len(LADDER)):
        m = make_motion(started, "sanction", "stalin", target="trotsky", value=float(rung))
        ln = votes.lean(started, "trotsky", m)
        assert ln.total < 0
        assert ("it is about himself", -bal(started, "vote", "self_interest")) in ln.reasons


def test_whip_count_covers_exactly_the_voting_full_members(started):
    m = make_motion(started, "adopt_line", "stalin", axis="econ", value=-0.1)
    whip = votes.whip_count(started, m)
    assert [ln.voter for ln in whip] == [v for v in started.politburo_full if started.leaders[v].active]
    for cand in started.politburo_candidates:
        assert cand not in {ln.voter for ln in whip}
    # An expelled full member has no vote.
    started.leaders["tomsky"].status = "expelled"
    assert "tomsky" not in {ln.voter for ln in votes.whip_count(started, m)}
    # Whip counting has no side effects on the random stream.
    rng = started.rng
    votes.whip_count(started, m)
    assert started.rng == rng


def test_cast_is_deterministic_for_the_same_state(started):
    m = make_motion(started, "adopt_line", "stalin", axis="regime", value=-0.7)
    twin = started.clone()
    a = votes.cast(started, m, {})
    b = votes.cast(twin, m, {})
    assert [(v, vote, waver) for v, vote, _, waver in a] == [(v, vote, waver) for v, vote, _, waver in b]
    assert started.rng == twin.rng and started.draws == twin.draws
    assert [v for v, *_ in a] == voters(started)
    half = bal(started, "vote", "waver")
    for _, vote, ln, waver in a:
        assert abs(waver) <= half + 1e-9
        assert vote == ("yes" if ln.total + waver > 0 else "no")


def test_cast_respects_human_ballots(started):
    m = make_motion(started, "adopt_line", "stalin", axis="regime", value=-0.7)
    # Stalin's own motion: he leans strongly yes, but his ballot says no.
    assert votes.lean(started, "stalin", m).total > 0
    result = {v: vote for v, vote, _, _ in votes.cast(started.clone(), m, {"stalin": "no", "trotsky": "yes"})}
    assert result["stalin"] == "no"
    assert result["trotsky"] == "yes"


def test_forcing_a_draw_changes_only_that_voters_waver(started):
    m = make_motion(started, "adopt_line", "stalin", axis="regime", value=-0.7)
    plain_state = started.clone()
    plain = votes.cast(plain_state, m, {})
    for forced_value in (0.0, 0.999999):
        forced = started.clone()
        forced.forced[f"{forced.quarter}:vote:{m.id}:zinoviev"] = forced_value
        result = votes.cast(forced, m, {})
        for (v1, _, _, w1), (v2, _, _, w2) in zip(plain, result, strict=True):
            assert v1 == v2
            if v1 != "zinoviev":
                assert w1 == w2, f"forcing zinoviev's draw changed {v1}'s waver"
        zin = dict((v, w) for v, _, _, w in result)["zinoviev"]
        half = bal(started, "vote", "waver")
        assert zin == pytest.approx(-half if forced_value == 0.0 else half, abs=0.051)
        # The stream advanced exactly as without forcing.
        assert (forced.rng, forced.draws) == (plain_state.rng, plain_state.draws)


def test_cc_vote_two_thirds_is_harder_than_a_majority(started):
    m = make_motion(started, "adopt_line", "stalin", axis="regime", value=-0.7)
    # A hall of 40 anonymous seats split between Stalin's men and Trotsky's.
    separated = False
    for k in range(0, 41):
        base = started.clone()
        base.cc = [CCSeat("stalin", 0.0)] * k + [CCSeat("trotsky", 0.6)] * (40 - k)
        majority = votes.cc_vote(base.clone(), m, 0.5)
        two_thirds = votes.cc_vote(base.clone(), m, 2 / 3)
        assert majority[1:3] == two_thirds[1:3], "the threshold must not change the count"
        if two_thirds[0]:
            assert majority[0], "passing two thirds implies passing a majority"
        if majority[0] and not two_thirds[0]:
            separated = True
    assert separated, "no hall passed by a majority but failed two thirds"


def test_cc_vote_follows_the_patrons_blocs(started):
    m = make_motion(started, "adopt_line", "stalin", axis="regime", value=-0.7)
    loyal = started.clone()
    loyal.cc = [CCSeat("stalin", 0.0)] * 60
    hostile = started.clone()
    hostile.cc = [CCSeat("trotsky", 0.6)] * 60
    _, yes_loyal, _, _ = votes.cc_vote(loyal, m, 0.5)
    _, yes_hostile, _, _ = votes.cc_vote(hostile, m, 0.5)
    assert yes_loyal > yes_hostile


def test_vote_passes_when_every_voter_is_the_sponsors_client(started):
    started.politburo_full[:] = ["stalin", "molotov", "kirov", "voroshilov", "kaganovich"]
    m = make_motion(started, "remove_office", "stalin", target="trotsky", office="war_commissar")
    result = votes.cast(started, m, {})
    assert all(vote == "yes" for _, vote, _, _ in result)


@pytest.mark.parametrize("kind", sorted(set(votes.MOTION_TITLES) | set(TABLEABLE)))
def test_describe_gives_readable_text_for_each_motion_kind(started, kind):
    kw = {
        "sanction": dict(target="trotsky", value=3.0),
        "remove_office": dict(target="trotsky", office="war_commissar"),
        "appoint_office": dict(target="kamenev", office="pravda_editor"),
        "remove_politburo": dict(target="trotsky"),
        "adopt_line": dict(axis="econ", value=0.2),
        "promote": dict(target="molotov"),
        "readmit": dict(target="trotsky"),
        "replace_secretary": dict(region="leningrad", target="kirov"),
        "publish_testament": {},
        "early_congress": {},
    }[kind]
    text = votes.describe(started, Motion(99, kind, "stalin", **kw))
    assert text and "{" not in text and "}" not in text and "None" not in text
    if "target" in kw:
        assert started.world.name(kw["target"]) in text
    if "office" in kw:
        assert started.world.office_name(kw["office"]) in text
    if "region" in kw:
        assert started.world.region_name(kw["region"]) in text
    if kind == "sanction":
        assert "Politburo" in text  # rung 3: removal from the Politburo
    if kind == "adopt_line":
        assert "forced industrialisation" in text  # 0.2 is above the NEP line


def test_describe_names_an_apparatus_cadre_when_no_target(started):
    text = votes.describe(started, Motion(99, "replace_secretary", "stalin", region="leningrad"))
    assert "Leningrad" in text and "cadre" in text


def test_describe_early_congress(started):
    text = votes.describe(started, Motion(99, "early_congress", "stalin"))
    assert "Congress" in text


def _probe_motions(state) -> list[Motion]:
    """Every kind of motion, sponsored by and aimed at a spread of leaders, with and without a case."""
    lids = [lid for lid in sorted(state.leaders) if state.leaders[lid].status != "dead"][::3]
    out = [Motion(-1, "publish_testament", "krupskaya"), Motion(-1, "early_congress", "stalin")]
    for sponsor in lids[:4]:
        out += [Motion(-1, "adopt_line", sponsor, axis=axis, value=value)
                for axis in ("econ", "world", "regime") for value in (-0.7, 0.3)]
        for target in lids:
            out += [Motion(-1, "sanction", sponsor, target=target, value=2.0),
                    Motion(-1, "sanction", sponsor, target=target, value=3.0),
                    Motion(-1, "promote", sponsor, target=target), Motion(-1, "readmit", sponsor, target=target),
                    Motion(-1, "remove_politburo", sponsor, target=target),
                    Motion(-1, "replace_secretary", sponsor, target=target, region="leningrad")]
        for office, holder in sorted(state.offices.items()):
            out += [Motion(-1, "remove_office", sponsor, target=holder, office=office),
                    Motion(-1, "appoint_office", sponsor, target=lids[-1], office=office)]
    out += [Motion(-1, "sanction", c.accuser, target=c.target, value=3.0, case=c.id) for c in state.cases]
    return out


@pytest.mark.parametrize("actions", [0, 250, 700])
def test_whip_totals_are_the_rounded_sums_of_the_worded_terms(actions):
    """The AI's fast `Whip.total` (whole tenths) mirrors `Whip.terms`: the same float, to the last
    bit, as rounding and summing the terms (in their order, or largest first as `lean` words them),
    for every leader on every kind of motion."""
    session = Session.new("1924", seed=4)
    session.advance(max_actions=actions)
    state = session.state
    state.flags["testament_out"] = True  # let the Testament term appear too
    for lid in sorted(state.leaders)[::2]:  # judged men: let the persecution term appear too
        accusations.judge(state, lid)
    whip = votes.Whip(state)
    checked = 0
    for m in _probe_motions(state):
        for voter in [lid for lid, ld in state.leaders.items() if ld.active]:
            for ev, fresh in ((None, None), (0.9, None), (0.4, 0.0), (0.2, 0.1)):
                expected = round(sum(round(v, 1) for _, _, v in whip.terms(voter, m, ev, fresh)
                                     if abs(v) >= 0.05), 1)
                assert whip.total(voter, m, ev, fresh) == expected == whip.lean(voter, m, ev, fresh).total, \
                    (voter, m, ev, fresh)
                checked += 1
        n = len(whip.voters)
        assert whip.passes(m) == (sum(1 for v in whip.voters if whip.total(v, m) > 0) * 2 > n)
    assert checked > 1000


def test_tenths_agree_with_rounding_to_one_decimal():
    """The fast count of tenths equals round(x, 1) * 10 everywhere, ties and near-ties included."""
    rnd = random.Random(7)
    values = [k / 8 for k in range(-1600, 1601)]  # exact binary ties such as 0.25
    for k in range(-1000, 1001):
        x = (k + 0.5) / 10
        values += [x, math.nextafter(x, math.inf), math.nextafter(x, -math.inf)]
    values += [rnd.uniform(-150, 150) for _ in range(20_000)] + [0.05, -0.05, 0.0499999, 0.15, -0.15]
    for x in values:
        want = 0 if not abs(x) >= 0.05 else round(round(x, 1) * 10)
        assert votes._tenths(x) == want, x


def test_the_plenum_count_is_the_vote_before_the_halls_draw(started):
    """cc_count is what a sponsor can reckon beforehand; the vote adds one seeded draw that moves
    the hall by at most half of `swing` of its seats, and cc_count itself moves nothing."""
    swing = bal(started, "cc_vote", "swing")
    m = make_motion(started, "sanction", "stalin", target="trotsky", value=3.0)
    for k in (10, 30, 50):
        base = started.clone()
        base.cc = [CCSeat("stalin", 0.0)] * k + [CCSeat("trotsky", 0.6)] * (60 - k)
        before = (base.rng, base.draws)
        expected, seats, _ = votes.cc_count(base, m)
        assert (base.rng, base.draws) == before, "counting draws nothing"
        _, yes, no, _ = votes.cc_vote(base, m, 0.5)
        assert yes + no == seats
        assert abs(yes - expected) <= swing / 2 * seats + 0.5


def _packing(state, voter, m):
    return [v for label, v in votes.lean(state, voter, m).reasons if "packing the Politburo" in label]


def test_raising_a_patrons_man_makes_the_men_outside_his_camp_fear_a_packed_politburo(started):
    """A promotion adds the new member's patron's camp to the Politburo, as a list does: the men
    outside that camp fear it by the rise in the camp's share of the full members, an ally of the
    patron half as much, and a candidate seat half again. The patron and his men do not."""
    state = started
    seat(state, "molotov", full=False)  # Stalin's client, a candidate
    seat(state, "voroshilov")  # Stalin's client, a full member
    full = state.politburo_full
    camp = sum(1 for lid in full if lid == "stalin" or state.leaders[lid].patron == "stalin")
    rise = (camp + 1) / (len(full) + 1) - camp / len(full)
    m = make_motion(state, "promote", "stalin", target="molotov")
    packing = bal(state, "vote", "packing")
    state.trust[state.index["trotsky"], state.index["stalin"]] = -0.5
    assert _packing(state, "trotsky", m) == [pytest.approx(-packing * rise, abs=0.051)]
    state.trust[state.index["rykov"], state.index["stalin"]] = 0.4  # an ally of the patron
    assert _packing(state, "rykov", m) == [pytest.approx(-packing * rise * bal(state, "vote", "packing_ally"), abs=0.051)]
    assert _packing(state, "stalin", m) == [] and _packing(state, "voroshilov", m) == []

    # To a candidate seat: half the fear. A man with no patron stirs none.
    to_candidate = make_motion(state, "promote", "stalin", target="kirov")
    assert _packing(state, "trotsky", to_candidate) == [
        pytest.approx(-packing * rise * bal(state, "vote", "packing_candidate"), abs=0.051)]
    assert state.leaders["kalinin"].patron is None
    assert _packing(state, "trotsky", make_motion(state, "promote", "rykov", target="kalinin")) == []
