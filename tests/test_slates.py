"""Lists for the Politburo (draft_slate), and the disciplinary rules the historical replay leans on:
rungs that cannot apply are passed over, proven cases survive a recantation, the Control
Commission's chairman leaves the CC, a follower's capitulation, a sponsor's own vote."""

from __future__ import annotations

from conftest import bal, end_quarter, pass_until, seat, table_motion

from game import actions as A
from game.errors import IllegalAction
from game.model import LADDER
from game.rules import accusations, engine, slates, votes

FULL = "stalin,trotsky,zinoviev,kamenev,rykov,tomsky,bukharin"


def _draft(state, actor="stalin", full=FULL, candidates="kalinin,molotov,rudzutak", secretariat="stalin,molotov",
           cc=""):
    return A.DraftSlate(actor, full=full, candidates=candidates, secretariat=secretariat, cc=cc)


def test_between_congresses_only_the_general_secretary_drafts_a_list(started):
    pass_until(started, "trotsky")
    reason = engine.check(started, _draft(started, "trotsky"))
    assert reason and "General Secretary" in reason


def test_a_list_must_name_active_cc_men_and_a_sane_politburo(started):
    assert "5 to" in engine.check(started, _draft(started, full="stalin,trotsky"))
    assert "twice" in engine.check(started, _draft(started, candidates="kalinin,stalin"))
    assert "no leader" in engine.check(started, _draft(started, candidates="nobody"))
    assert "Central Committee" in engine.check(started, _draft(started, candidates="bauman"))
    assert "only a Congress" in engine.check(started, _draft(started, cc="bauman"))
    started.leaders["kamenev"].sanction = LADDER.index("out_of_politburo")
    assert "barred" in engine.check(started, _draft(started))


def test_the_cc_adopts_the_general_secretarys_list_at_the_opening_of_the_session(started):
    seat(started, "molotov")  # the list makes him a full member: the old lists are replaced
    engine.apply(started, _draft(started, full=FULL + ",molotov", candidates="kalinin,rudzutak,kirov"))
    assert any(k.startswith("slate:") for k in started.flags)
    events = end_quarter(started)
    verdict = next(e for e in events if e.kind == "plenum" and "list" in e.text)
    assert verdict.detail["passed"] and verdict.detail["share"] > 0.5
    assert started.politburo_full == [*FULL.split(","), "molotov"]
    assert started.politburo_candidates == ["kalinin", "rudzutak", "kirov"]
    assert started.secretariat == ["stalin", "molotov"]
    assert not any(k.startswith("slate:") for k in started.flags)  # a list lives one quarter
    joined = [e.leader for e in events if e.kind == "politburo_joined"]
    assert "kirov" in joined


def test_a_patron_the_list_drops_votes_against_it(started):
    before = (list(started.politburo_full), list(started.politburo_candidates))
    keep = slates.Slate("stalin", tuple(FULL.split(",")), ("kalinin", "molotov", "rudzutak"), ("stalin",), ())
    drop = slates.Slate("stalin", tuple(x for x in FULL.split(",") if x != "trotsky") + ("molotov",),
                        ("kalinin", "rudzutak"), ("stalin",), ())
    assert slates.bloc_yes(started, "trotsky", slates.read(started, drop, before)) == bal(started, "slate", "dropped")
    assert slates.cc_approval(started, drop, before) < slates.cc_approval(started, keep, before)


def test_a_man_raised_on_a_list_owes_its_author(started):
    started.leaders["bauman"].in_cc = True
    assert started.leaders["bauman"].patron is None
    engine.apply(started, _draft(started, candidates="kalinin,molotov,rudzutak,bauman"))
    end_quarter(started)
    assert "bauman" in started.politburo_candidates
    assert started.leaders["bauman"].patron == "stalin"
    assert started.leaders["trotsky"].patron is None  # a contender owes nobody


def test_a_rejected_list_changes_nothing_and_costs_face(started):
    for seat_ in started.cc:  # a CC of the opposition's men
        object.__setattr__(seat_, "patron", "trotsky")
    for lid, ld in started.leaders.items():
        ld.in_cc = ld.in_cc and started.in_politburo(lid)
    started.add_trust("trotsky", "stalin", -1.0)
    before = (list(started.politburo_full), list(started.politburo_candidates))
    prestige = started.leaders["stalin"].prestige
    engine.apply(started, _draft(started, full="stalin,zinoviev,kamenev,rykov,tomsky,bukharin,molotov",
                                 candidates="kalinin,rudzutak"))
    events = end_quarter(started)
    verdict = next(e for e in events if e.kind == "plenum" and "list" in e.text)
    assert not verdict.detail["passed"]
    assert (started.politburo_full, started.politburo_candidates) == before
    assert started.leaders["stalin"].prestige < prestige


def test_rungs_that_cannot_apply_are_passed_over(started):
    ld = started.leaders["radek"]
    ld.sanction = LADDER.index("censure")
    ld.in_cc = False  # no post, no Politburo seat, no CC seat: the next rung is expulsion
    assert accusations.next_rung(started, "radek", 0.0) == LADDER.index("expelled")
    ld.in_cc = True
    assert accusations.next_rung(started, "radek", 0.0) == LADDER.index("out_of_cc")


def test_overwhelming_evidence_climbs_two_rungs_but_never_past_expulsion(started):
    jump = bal(started, "accusation", "jump_evidence")
    ld = started.leaders["trotsky"]
    ld.sanction = LADDER.index("out_of_politburo")
    started.politburo_full.remove("trotsky")
    assert accusations.next_rung(started, "trotsky", jump) == LADDER.index("expelled")
    ld.sanction = LADDER.index("out_of_cc")
    ld.in_cc = False
    assert accusations.next_rung(started, "trotsky", 1.0) == LADDER.index("expelled")
    ld.sanction = LADDER.index("expelled")
    assert accusations.next_rung(started, "trotsky", 1.0) == LADDER.index("internal_exile")


def test_a_proven_case_survives_a_recantation(started):
    jump = bal(started, "accusation", "jump_evidence")
    started.flags["caught_zinoviev"] = True
    started.leaders["zinoviev"].platforms = 3
    ev, _ = accusations.evidence(started, "zinoviev", "factionalism")
    assert ev >= jump
    accusations.accuse(started, "stalin", "zinoviev", "factionalism", [])
    started.leaders["kamenev"].platforms = 1
    accusations.accuse(started, "stalin", "kamenev", "factionalism", [])
    out: list = []
    accusations.recant(started, "zinoviev", out)
    accusations.recant(started, "kamenev", out)
    assert [c.target for c in started.cases] == ["zinoviev"]
    assert any(m.kind == "sanction" and m.target == "zinoviev" for m in started.motions)
    assert not any(m.kind == "sanction" and m.target == "kamenev" for m in started.motions)
    assert "does not accept" in out[0].text


def test_the_control_commission_chairman_leaves_the_cc_and_the_politburo(started):
    seat(started, "ordzhonikidze", full=False)
    started.offices["ccc_chair"] = "kuibyshev"
    table_motion(started, "appoint_office", "stalin", target="ordzhonikidze", office="ccc_chair")
    from game.rules import motions

    out: list = []
    motions.enact(started, started.motions[-1], out)
    assert started.offices["ccc_chair"] == "ordzhonikidze"
    assert not started.in_politburo("ordzhonikidze") and not started.leaders["ordzhonikidze"].in_cc
    assert {e.kind for e in out} >= {"office_gained", "politburo_left", "cc_left"}


def test_a_follower_capitulates_only_from_outside_the_party(started):
    from game.rules import scheduled
    from game.schema import CapitulateEffect

    eff = CapitulateEffect(type="capitulate", leader="radek")
    out: list = []
    scheduled.apply_effect(started, eff, out, None)
    assert not out  # still in the party: nothing to capitulate from
    started.leaders["radek"].status = "expelled"
    started.leaders["radek"].sanction = LADDER.index("expelled")
    scheduled.apply_effect(started, eff, out, None)
    assert [e.kind for e in out] == ["recanted"] and started.leaders["radek"].recanted_turn == started.turn


def test_the_sponsor_votes_for_his_own_motion(started):
    m = table_motion(started, "promote", "stalin", target="kirov")
    terms = votes.terms(started, "stalin", m)
    assert ("he tabled it", None, bal(started, "vote", "own_motion")) in terms


def test_a_list_is_refused_when_drafted_twice(started):
    engine.apply(started, _draft(started))
    try:
        engine.apply(started, _draft(started))
    except IllegalAction as exc:
        assert "already" in exc.reason
    else:  # pragma: no cover
        raise AssertionError("a second list was accepted")
