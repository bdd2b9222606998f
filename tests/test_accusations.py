"""Accusations, the Control Commission, the sanctions ladder, recantation and readmission."""

from __future__ import annotations

import pytest
from conftest import bal, pass_until

from game import actions as A
from game.errors import IllegalAction
from game.model import LADDER, Motion, Pact
from game.rules import accusations, engine, pacts, sessions
from game.rules.common import voters


def _secret_pact(state, *members, discovered=False):
    pact = Pact(state.new_id(), tuple(members), True, 0.6, state.turn, "test pact", discovered)
    state.pacts.append(pact)
    return pact


# ---- evidence ----------------------------------------------------------------------------------

def test_factionalism_evidence_rises_with_a_discovered_secret_pact(started):
    base, _ = accusations.evidence(started, "trotsky", "factionalism")
    pact = _secret_pact(started, "trotsky", "radek")
    hidden, _ = accusations.evidence(started, "trotsky", "factionalism")
    assert hidden == base, "an undiscovered pact is no evidence"
    pact.discovered = True
    found, detail = accusations.evidence(started, "trotsky", "factionalism")
    assert found == pytest.approx(min(1.0, base + bal(started, "accusation", "evidence_pact")))
    assert "secret pact" in detail
    # An open pact, even a known one, is no evidence of factionalism.
    started.pacts.remove(pact)
    started.pacts.append(Pact(started.new_id(), ("trotsky", "radek"), False, 0.6, started.turn, "open"))
    assert accusations.evidence(started, "trotsky", "factionalism")[0] == base


def test_factionalism_evidence_rises_with_published_platforms(started):
    a = started.world.balance["accusation"]
    values = []
    for n in range(6):
        started.leaders["trotsky"].platforms = n
        values.append(accusations.evidence(started, "trotsky", "factionalism")[0])
    assert values[0] == 0.0
    assert values[1] == pytest.approx(a["evidence_platform"])
    assert all(b >= x for x, b in zip(values, values[1:], strict=False))
    assert values[-1] == pytest.approx(min(a["evidence_platform_max"], 5 * a["evidence_platform"]))


def test_deviation_evidence_depends_on_the_side_of_the_line(started):
    # Trotsky is to the left of the NEP line, Bukharin to the right.
    assert accusations.evidence(started, "trotsky", "left_deviation")[0] > 0
    assert accusations.evidence(started, "trotsky", "right_deviation")[0] == 0
    assert accusations.evidence(started, "bukharin", "left_deviation")[0] == 0


def test_past_sins_only_for_those_with_a_past(started):
    assert accusations.evidence(started, "trotsky", "past_sins")[0] > 0  # menshevik_past
    assert accusations.evidence(started, "zinoviev", "past_sins")[0] > 0  # october_1917
    assert accusations.evidence(started, "stalin", "past_sins")[0] == 0


# ---- bringing a charge -------------------------------------------------------------------------

def test_accusing_opens_a_case_and_tables_the_next_rung(started):
    pass_until(started, "stalin")
    trust = started.trust_of("trotsky", "stalin")
    events = engine.apply(started, A.Accuse("stalin", "trotsky", "factionalism"))
    assert len(started.cases) == 1
    case = started.cases[0]
    assert (case.accuser, case.target, case.charge) == ("stalin", "trotsky", "factionalism")
    motion = next(m for m in started.motions if m.kind == "sanction")
    assert motion.case == case.id and motion.target == "trotsky" and motion.sponsor == "stalin"
    assert int(motion.value) == started.leaders["trotsky"].sanction + 1
    assert started.trust_of("trotsky", "stalin") < trust
    assert any(e.kind == "accusation" for e in events)


@pytest.mark.parametrize("current", range(0, LADDER.index("expelled")))
def test_the_motion_is_one_rung_above_the_current_sanction(started, current):
    started.leaders["trotsky"].sanction = current
    accusations.accuse(started, "stalin", "trotsky", "factionalism", [])
    motion = started.motions[-1]
    assert int(motion.value) == current + 1


def test_check_accuse_refusals(started):
    assert accusations.check_accuse(started, "stalin", "trotsky", "factionalism") is None
    assert "unknown charge" in accusations.check_accuse(started, "stalin", "trotsky", "heresy")
    assert accusations.check_accuse(started, "stalin", "stalin", "factionalism") is not None
    assert accusations.check_accuse(started, "stalin", "lenin", "factionalism") is not None  # dead
    accusations.accuse(started, "stalin", "trotsky", "factionalism", [])
    assert "already before" in accusations.check_accuse(started, "zinoviev", "trotsky", "past_sins")
    # An expelled man can still be charged (on to internal exile and deportation); a deported one cannot.
    started.leaders["tomsky"].sanction = LADDER.index("expelled")
    started.leaders["tomsky"].status = "expelled"
    assert accusations.check_accuse(started, "stalin", "tomsky", "factionalism") is None
    started.leaders["tomsky"].sanction = LADDER.index("deported")
    started.leaders["tomsky"].status = "deported"
    assert "beyond the party's reach" in accusations.check_accuse(started, "stalin", "tomsky", "factionalism")
    # Kaganovich sits neither in the Politburo nor in the CC.
    assert "Central Committee" in accusations.check_accuse(started, "kaganovich", "trotsky", "factionalism")


def _fail_the_vote(state, motion):
    """Resolve `motion` with every voter's ballot set to no."""
    out = []
    state.motions.remove(motion)
    sessions.resolve(state, motion, {v: "no" for v in voters(state)}, out)
    return out


def test_a_failed_accusation_backfires_on_the_accuser(started):
    a = started.world.balance["accusation"]
    accusations.accuse(started, "stalin", "trotsky", "factionalism", [])
    motion = started.motions[-1]
    prestige = started.leaders["stalin"].prestige
    colleagues = [v for v in started.politburo_full if v != "stalin" and started.leaders[v].active]
    trust = {v: started.trust_of(v, "stalin") for v in colleagues}
    out = _fail_the_vote(started, motion)
    assert any(e.kind == "backfire" for e in out)
    assert started.cases == []
    assert started.leaders["stalin"].prestige == pytest.approx(max(0.0, prestige - a["backfire_prestige"]))
    for v in colleagues:
        assert started.trust_of(v, "stalin") == pytest.approx(max(-1.0, trust[v] - a["backfire_trust"]))
    assert started.leaders["trotsky"].sanction == 0


def test_a_backfire_spares_the_trust_of_those_who_voted_yes(started):
    accusations.accuse(started, "stalin", "trotsky", "factionalism", [])
    motion = started.motions.pop()
    ballots = {v: "no" for v in voters(started)}
    ballots["stalin"] = ballots["zinoviev"] = "yes"  # 2 of 6: the charge still fails
    trust = started.trust_of("zinoviev", "stalin")
    out = []
    sessions.resolve(started, motion, ballots, out)
    assert any(e.kind == "backfire" for e in out)
    assert started.trust_of("zinoviev", "stalin") >= trust


def test_a_passed_accusation_climbs_the_ladder_and_rewards_the_accuser(started):
    a = started.world.balance["accusation"]
    accusations.accuse(started, "stalin", "trotsky", "factionalism", [])
    motion = started.motions.pop()
    prestige = started.leaders["stalin"].prestige
    out = []
    sessions.resolve(started, motion, {v: "yes" for v in voters(started)}, out)
    assert started.leaders["trotsky"].sanction == int(motion.value)
    assert started.cases == []
    assert started.leaders["stalin"].prestige == pytest.approx(min(100.0, prestige + a["success_prestige"]))


# ---- the ladder --------------------------------------------------------------------------------

def _prepare_trotsky(state):
    pacts.form(state, ("trotsky", "radek"), True, 0.6, [])
    state.leaders["radek"].patron = "trotsky"
    assert state.offices_of("trotsky")
    assert "trotsky" in state.politburo_full and state.leaders["trotsky"].in_cc


@pytest.mark.parametrize("rung_name", LADDER[1:])
def test_apply_sanction_at_each_rung(started, rung_name):
    a = started.world.balance["accusation"]
    rung = LADDER.index(rung_name)
    _prepare_trotsky(started)
    offices = started.offices_of("trotsky")
    prestige = started.leaders["trotsky"].prestige
    out = []
    accusations.apply_sanction(started, "trotsky", rung, out)
    ld = started.leaders["trotsky"]
    assert ld.sanction == rung
    assert ld.prestige == pytest.approx(max(0.0, prestige - a["target_prestige_loss"]))

    loses_posts = rung >= LADDER.index("loss_of_posts")
    assert (started.offices_of("trotsky") == []) == loses_posts
    if loses_posts:
        assert {e.office for e in out if e.kind == "office_lost"} == set(offices)
    else:
        assert started.offices_of("trotsky") == offices

    out_of_pb = rung >= LADDER.index("out_of_politburo")
    assert started.in_politburo("trotsky") == (not out_of_pb)

    assert ld.in_cc == (rung < LADDER.index("out_of_cc"))

    expelled = rung >= LADDER.index("expelled")
    expected_status = {"expelled": "expelled", "internal_exile": "exiled", "deported": "deported"}
    if expelled:
        assert ld.status == expected_status[rung_name]
        assert not ld.active
        assert started.pacts_of("trotsky") == []
        assert started.leaders["radek"].patron is None
        assert started.regions["red_army"].protected_by is None
    else:
        assert ld.active
        assert started.pacts_of("trotsky")
        assert started.leaders["radek"].patron == "trotsky"
        assert ld.status == ("active" if rung == LADDER.index("censure") else "demoted")


def test_apply_sanction_never_lowers_the_rung(started):
    accusations.apply_sanction(started, "trotsky", LADDER.index("out_of_cc"), [])
    accusations.apply_sanction(started, "trotsky", LADDER.index("censure"), [])
    assert started.leaders["trotsky"].sanction == LADDER.index("out_of_cc")


def test_apply_sanction_credits_the_accuser(started):
    prestige = started.leaders["stalin"].prestige
    accusations.apply_sanction(started, "trotsky", 1, [], by="stalin")
    assert started.leaders["stalin"].prestige == pytest.approx(
        min(100.0, prestige + bal(started, "accusation", "success_prestige")))


# ---- recantation -------------------------------------------------------------------------------

def test_recant_drops_cases_and_motions_and_costs_prestige(started):
    pass_until(started, "stalin")
    engine.apply(started, A.Accuse("stalin", "trotsky", "factionalism"))
    other = next(m for m in started.motions if m.kind == "sanction")
    assert any(c.target == "trotsky" for c in started.cases)
    started.leaders["trotsky"].platforms = 2
    pact = _secret_pact(started, "trotsky", "radek")
    prestige = started.leaders["trotsky"].prestige
    econ = started.leaders["trotsky"].econ
    pass_until(started, "trotsky")
    events = engine.apply(started, A.Recant("trotsky"))
    ld = started.leaders["trotsky"]
    assert not any(c.target == "trotsky" for c in started.cases)
    assert other not in started.motions
    assert not any(m.kind == "sanction" and m.target == "trotsky" for m in started.motions)
    assert ld.prestige == pytest.approx(max(0.0, prestige - bal(started, "accusation", "recant_prestige")))
    assert ld.recanted_turn == started.turn
    assert ld.platforms == 0
    assert pact not in started.pacts
    # Halfway back to the line.
    assert ld.econ == pytest.approx((econ + started.line["econ"]) / 2)
    assert any(e.kind == "recanted" for e in events)


def test_recant_blocks_new_charges_for_the_protection_period(started):
    protection = bal(started, "accusation", "recant_protection")
    started.leaders["trotsky"].platforms = 1
    accusations.recant(started, "trotsky", [])
    start = started.turn
    for k in range(protection):
        started.turn = start + k
        reason = accusations.check_accuse(started, "stalin", "trotsky", "factionalism")
        assert reason is not None and "recanted" in reason
    started.turn = start + protection
    assert accusations.check_accuse(started, "stalin", "trotsky", "factionalism") is None


def test_check_recant(started):
    assert "nothing to recant" in accusations.check_recant(started, "trotsky")
    started.leaders["trotsky"].platforms = 1
    assert accusations.check_recant(started, "trotsky") is None
    accusations.recant(started, "trotsky", [])
    started.leaders["trotsky"].platforms = 1
    assert "already recanted" in accusations.check_recant(started, "trotsky")
    started.leaders["trotsky"].status = "deported"
    started.turn += 1
    assert "too late" in accusations.check_recant(started, "trotsky")


def test_an_expelled_leader_may_only_recant(started):
    accusations.apply_sanction(started, "trotsky", LADDER.index("expelled"), [])
    started.leaders["trotsky"].ap = 1
    started.order = ["trotsky"]
    started.order_pos = 0
    assert [a.kind for a in engine.legal_actions(started, "trotsky")] == ["end_turn", "recant"]
    with pytest.raises(IllegalAction, match="outside the party"):
        engine.apply(started, A.Publish("trotsky", "econ"))


# ---- readmission -------------------------------------------------------------------------------

def test_readmission_requires_recantation_and_the_wait(started):
    wait = bal(started, "accusation", "readmit_after")
    accusations.apply_sanction(started, "trotsky", LADDER.index("expelled"), [])
    assert "recant" in accusations.can_be_readmitted(started, "trotsky")  # not recanted
    accusations.recant(started, "trotsky", [])
    recanted = started.turn
    for k in range(wait):
        started.turn = recanted + k
        assert accusations.can_be_readmitted(started, "trotsky") is not None
    started.turn = recanted + wait
    assert accusations.can_be_readmitted(started, "trotsky") is None
    out = []
    accusations.readmit(started, "trotsky", out)
    ld = started.leaders["trotsky"]
    assert ld.status == "readmitted" and ld.active
    assert not ld.in_cc
    assert ld.sanction == LADDER.index("out_of_cc")
    assert accusations.can_be_readmitted(started, "trotsky") is not None  # no longer expelled


def test_only_the_expelled_can_be_readmitted(started):
    assert "not expelled" in accusations.can_be_readmitted(started, "trotsky")
    accusations.apply_sanction(started, "trotsky", LADDER.index("deported"), [])
    started.leaders["trotsky"].recanted_turn = started.turn - 10
    assert accusations.can_be_readmitted(started, "trotsky") is not None


def test_a_recantation_before_the_expulsion_does_not_count(started):
    wait = bal(started, "accusation", "readmit_after")
    protection = bal(started, "accusation", "recant_protection")
    started.leaders["trotsky"].platforms = 1
    accusations.recant(started, "trotsky", [])
    started.turn += max(wait, protection) + 1
    accusations.apply_sanction(started, "trotsky", LADDER.index("expelled"), [])
    started.turn += wait
    assert accusations.can_be_readmitted(started, "trotsky") is not None


# ---- fresh occasions and persecution ---------------------------------------------------------------

def test_a_sanction_judges_the_grounds_and_only_new_evidence_is_fresh(started):
    assert accusations.fresh_evidence(started, "trotsky", "factionalism", 0.4) is None  # never judged
    started.leaders["trotsky"].platforms = 1
    accusations.apply_sanction(started, "trotsky", LADDER.index("censure"), [])
    assert accusations.judged(started, "trotsky", "factionalism") == pytest.approx(0.2)
    ev = accusations.evidence_value(started, "trotsky", "factionalism")
    assert accusations.fresh_evidence(started, "trotsky", "factionalism", ev) == 0.0  # the same grounds
    started.leaders["trotsky"].platforms = 2  # a new platform: a fresh occasion
    ev = accusations.evidence_value(started, "trotsky", "factionalism")
    assert accusations.fresh_evidence(started, "trotsky", "factionalism", ev) == pytest.approx(0.2)


def test_a_recantation_judges_the_errors_it_admits(started):
    started.leaders["trotsky"].platforms = 2
    started.leaders["trotsky"].sanction = LADDER.index("censure")
    accusations.recant(started, "trotsky", [])
    started.leaders["trotsky"].platforms = 1  # published after the recantation: new
    ev = accusations.evidence_value(started, "trotsky", "factionalism")
    assert accusations.fresh_evidence(started, "trotsky", "factionalism", ev) == pytest.approx(0.2)


def test_persecution_weighs_standing_and_missing_fresh_evidence(started):
    from game.rules.votes import persecution

    v = started.world.balance["vote"]
    politburo = float(LADDER.index("out_of_politburo"))
    started.leaders["trotsky"].prestige = 70.0
    assert persecution(started, "trotsky", None, politburo) == 0.0  # never judged: the whole case counts
    assert persecution(started, "trotsky", 0.0, float(LADDER.index("censure"))) == 0.0  # below the rung
    assert persecution(started, "trotsky", 0.0, float(LADDER.index("expelled"))) < 0.0  # his card
    for rung in ("internal_exile", "deported"):  # a man outside the party: the OGPU's business
        assert persecution(started, "trotsky", 0.0, float(LADDER.index(rung))) == 0.0
    assert persecution(started, "trotsky", v["persecution_below"], politburo) == 0.0  # a fresh occasion
    full = -v["persecution"] * (70.0 - v["persecution_from"]) / 100
    assert persecution(started, "trotsky", 0.0, politburo) == pytest.approx(full)
    assert persecution(started, "trotsky", v["persecution_below"] / 2, politburo) == pytest.approx(full / 2)
    started.leaders["trotsky"].prestige = v["persecution_from"]  # no standing left to protect him
    assert persecution(started, "trotsky", 0.0, politburo) == 0.0


def test_a_stale_case_against_a_leader_of_standing_loses_votes(started):
    from game.rules import votes

    started.leaders["trotsky"].platforms = 3
    accusations.apply_sanction(started, "trotsky", LADDER.index("loss_of_posts"), [])
    started.leaders["trotsky"].prestige = 70.0
    case = accusations.Case(started.new_id(), "stalin", "trotsky", "factionalism", 0.6, "", started.turn, 0.0)
    started.cases.append(case)
    stale = Motion(-1, "sanction", "stalin", target="trotsky", value=float(LADDER.index("out_of_politburo")),
                   case=case.id)
    ln = votes.lean(started, "rykov", stale)
    hounded = [v for label, v in ln.reasons if "persecution" in label]
    assert hounded and hounded[0] < -20
    fresh_case = accusations.Case(started.new_id(), "stalin", "trotsky", "factionalism", 0.6, "", started.turn, 0.3)
    started.cases[-1] = fresh_case
    fresh = Motion(-1, "sanction", "stalin", target="trotsky", value=stale.value, case=fresh_case.id)
    assert votes.lean(started, "rykov", fresh).total - ln.total == pytest.approx(-hounded[0], abs=0.1)


def test_the_ai_waits_for_a_fresh_occasion(started):
    """Once Trotsky is sanctioned, the charge the AI brings against him carries no fresh evidence
    until he gives a new occasion (and its whip count weighs that: `_passes_probe` gets it)."""
    from game.ai.heuristic import _strongest_charge

    accusations.apply_sanction(started, "trotsky", LADDER.index("loss_of_posts"), [])
    charge, ev, fresh = _strongest_charge(started, "trotsky")
    assert fresh == 0.0 and ev > 0
    started.leaders["trotsky"].platforms += 1
    assert _strongest_charge(started, "trotsky")[2] > 0


def test_a_man_condemned_before_the_start_has_been_judged():
    """A start that opens with a man already sanctioned and still in the party (Trotsky, censured,
    in 1925) records the sanction in the quarter before and judges him on the evidence of the day:
    the AI lets that blow settle, and only new evidence is fresh. A man already expelled is left
    as recanted long ago (the 1928 start's Zinoviev and Kamenev may be readmitted)."""
    from game.scenario import new_game

    state = new_game("1925", seed=1)
    assert state.leaders["trotsky"].sanction == LADDER.index("censure")
    assert state.flags["sanctioned:trotsky"] == state.turn - 1
    for charge, ev in accusations.evidence_values(state, "trotsky").items():
        assert accusations.fresh_evidence(state, "trotsky", charge, ev) == pytest.approx(0.0, abs=1e-3)
    later = new_game("1928", seed=1)
    assert later.leaders["zinoviev"].status == "expelled" and "sanctioned:zinoviev" not in later.flags
    assert accusations.can_be_readmitted(later, "zinoviev") is None


def test_the_evidence_new_since_a_blow_counts_from_the_later_blow(started):
    """A post taken by a motion records the evidence as it stood: what is new is counted from the
    later of that and the last sanction."""
    state = started
    charge, ev = max(accusations.evidence_values(state, "trotsky").items(), key=lambda kv: kv[1])
    assert accusations.new_since_blow(state, "trotsky", charge, ev) is None  # never struck at
    state.turn += 1
    accusations.strike(state, "trotsky")
    assert state.flags["struck:trotsky"] == state.turn
    assert accusations.new_since_blow(state, "trotsky", charge, ev + 0.4) == pytest.approx(0.4, abs=1e-3)
    state.turn += 1
    accusations.apply_sanction(state, "trotsky", LADDER.index("censure"), [])
    now = accusations.evidence_values(state, "trotsky")[charge]
    assert accusations.new_since_blow(state, "trotsky", charge, now) == pytest.approx(0.0, abs=1e-3)
