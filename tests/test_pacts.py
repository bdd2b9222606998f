"""Pacts: forming, breaking, decay, discovery by the OGPU."""

from __future__ import annotations

import pytest
from conftest import bal, pass_until

from game import actions as A
from game.errors import IllegalAction
from game.rules import accusations, engine, pacts
from game.rules.common import pact_strength


def test_form_creates_a_pact_and_raises_mutual_trust(started):
    before_ab = started.trust_of("trotsky", "bukharin")
    before_ba = started.trust_of("bukharin", "trotsky")
    out = []
    pact = pacts.form(started, ("trotsky", "bukharin"), True, 0.6, out)
    assert pact in started.pacts
    assert pact.members == ("trotsky", "bukharin") and pact.secret and not pact.discovered
    assert pact.strength == pytest.approx(0.6) and pact.formed == started.turn
    assert started.trust_of("trotsky", "bukharin") > before_ab
    assert started.trust_of("bukharin", "trotsky") > before_ba
    assert started.allied("trotsky", "bukharin")
    assert pact_strength(started, "bukharin", "trotsky") == pytest.approx(0.6)
    # A secret pact is only known to its members.
    assert out[-1].kind == "pact_formed" and set(out[-1].private_to) == {"trotsky", "bukharin"}


def test_ids_are_unique(started):
    ids = {p.id for p in started.pacts}
    pact = pacts.form(started, ("trotsky", "bukharin"), False, 0.6, [])
    assert pact.id not in ids


def test_trust_stays_in_bounds_when_forming(started):
    started.add_trust("zinoviev", "kamenev", 5.0)
    pacts.form(started, ("zinoviev", "kamenev"), False, 0.6, [])
    assert started.trust_of("zinoviev", "kamenev") == 1.0


def test_break_pact_lowers_the_partners_trust_in_the_breaker(started):
    triumvirate = next(p for p in started.pacts if set(p.members) == {"stalin", "zinoviev", "kamenev"})
    trust = {m: started.trust_of(m, "stalin") for m in ("zinoviev", "kamenev")}
    stalin_trust = started.trust_of("stalin", "zinoviev")
    prestige = started.leaders["stalin"].prestige
    out = []
    pacts.break_pact(started, "stalin", triumvirate.id, out)
    assert triumvirate not in started.pacts
    for m, t in trust.items():
        assert started.trust_of(m, "stalin") == pytest.approx(max(-1.0, t - bal(started, "pact", "betrayal_trust")))
    assert started.trust_of("stalin", "zinoviev") == stalin_trust  # the breaker's own view is unchanged
    assert started.leaders["stalin"].prestige == pytest.approx(
        max(0.0, prestige - bal(started, "pact", "betrayal_prestige")))
    assert out[-1].kind == "pact_broken"


def test_check_break_only_for_members(started):
    triumvirate = next(p for p in started.pacts if "stalin" in p.members)
    assert pacts.check_break(started, "stalin", triumvirate.id) is None
    assert pacts.check_break(started, "trotsky", triumvirate.id) is not None
    assert pacts.check_break(started, "stalin", 10_000) is not None


def test_reckon_decays_strength_and_removes_lapsed_pacts(started):
    decay = bal(started, "pact", "decay")
    strong = pacts.form(started, ("trotsky", "bukharin"), False, 0.9, [])
    weak = pacts.form(started, ("rykov", "tomsky"), False, 0.05 + decay / 2, [])
    out = []
    pacts.reckon(started, out)
    assert strong.strength == pytest.approx(0.9 - decay)
    assert strong in started.pacts
    assert weak not in started.pacts
    assert any(e.kind == "pact_broken" and e.detail.get("pact") == weak.id for e in out)


def test_reckon_removes_a_pact_with_a_fallen_member(started):
    pact = pacts.form(started, ("trotsky", "bukharin"), False, 0.9, [])
    started.leaders["bukharin"].status = "expelled"
    pacts.reckon(started, [])
    assert pact not in started.pacts


def test_pacts_eventually_lapse(started):
    pact = pacts.form(started, ("trotsky", "bukharin"), False, 0.6, [])
    for _ in range(int(0.6 / bal(started, "pact", "decay")) + 2):
        pacts.reckon(started, [])
    assert pact not in started.pacts


def test_reckon_can_discover_a_secret_pact_by_chance(started):
    pact = pacts.form(started, ("trotsky", "bukharin"), True, 0.9, [])
    started.forced[f"{started.quarter}:discovery:{pact.id}"] = 0.0
    out = []
    pacts.reckon(started, out)
    assert pact.discovered
    assert any(e.kind == "pact_discovered" for e in out)


def _give_stalin_the_ogpu(state):
    state.offices["ogpu_chair"] = "yagoda"  # Stalin's client
    assert state.leaders["yagoda"].patron == "stalin"


def test_check_investigate_refuses_without_the_ogpu(started):
    chief = started.offices["ogpu_chair"]
    assert chief == "dzerzhinsky"
    # Dzerzhinsky is nobody's client, has no pact with Trotsky and distrusts him.
    reason = pacts.check_investigate(started, "trotsky", "stalin")
    assert reason is not None and "OGPU" in reason
    started.offices["ogpu_chair"] = None
    assert "no chairman" in pacts.check_investigate(started, "stalin", "trotsky")


def test_check_investigate_allows_the_chief_his_patron_or_a_trusted_ally(started):
    assert pacts.check_investigate(started, "dzerzhinsky", "trotsky") is None
    _give_stalin_the_ogpu(started)
    assert pacts.check_investigate(started, "stalin", "trotsky") is None
    assert pacts.check_investigate(started, "stalin", "stalin") is not None
    assert pacts.check_investigate(started, "stalin", "lenin") is not None
    started.offices["ogpu_chair"] = "dzerzhinsky"
    started.add_trust("dzerzhinsky", "trotsky", 2.0)
    assert pacts.check_investigate(started, "trotsky", "stalin") is None


def test_investigate_refused_through_the_engine(started):
    pass_until(started, "trotsky")
    with pytest.raises(IllegalAction, match="OGPU"):
        engine.apply(started, A.Investigate("trotsky", "stalin"))


def test_investigation_finds_a_secret_pact_which_becomes_evidence(started):
    _give_stalin_the_ogpu(started)
    pact = pacts.form(started, ("trotsky", "radek"), True, 0.6, [])
    before, _ = accusations.evidence(started, "trotsky", "factionalism")
    pass_until(started, "stalin")
    started.forced[f"{started.quarter}:investigate:stalin:trotsky"] = 0.0
    events = engine.apply(started, A.Investigate("stalin", "trotsky"))
    assert pact.discovered
    assert any(e.kind == "pact_discovered" for e in events)
    after, detail = accusations.evidence(started, "trotsky", "factionalism")
    assert after == pytest.approx(min(1.0, before + bal(started, "accusation", "evidence_pact")))
    assert "secret pact" in detail


def test_a_failed_investigation_finds_nothing(started):
    _give_stalin_the_ogpu(started)
    pact = pacts.form(started, ("trotsky", "radek"), True, 0.6, [])
    started.forced[f"{started.quarter}:investigate:stalin:trotsky"] = 0.999
    out = []
    pacts.investigate(started, "stalin", "trotsky", out)
    assert not pact.discovered
    assert out[-1].kind == "investigation" and out[-1].private_to == ("stalin",)


def test_acceptance_reflects_trust(started):
    friendly = started.clone()
    friendly.add_trust("bukharin", "trotsky", 1.0)
    hostile = started.clone()
    hostile.add_trust("bukharin", "trotsky", -1.0)
    assert pacts.acceptance(friendly, "bukharin", "trotsky")[0] > pacts.acceptance(hostile, "bukharin", "trotsky")[0]


def test_propose_pact_through_the_engine(started):
    pass_until(started, "trotsky")
    started.add_trust("radek", "trotsky", 2.0)  # Radek is keen
    score, _ = pacts.acceptance(started, "radek", "trotsky")
    assert score > bal(started, "pact", "accept_threshold")
    engine.apply(started, A.ProposePact("trotsky", "radek", True))
    assert pact_strength(started, "trotsky", "radek") > 0
    with pytest.raises(IllegalAction, match="already have a pact"):
        engine.apply(started, A.ProposePact("trotsky", "radek", False))


def test_a_human_partner_is_asked(started):
    started.seats["bukharin"] = "human"
    pass_until(started, "trotsky")
    engine.apply(started, A.ProposePact("trotsky", "bukharin", False))
    decision = started.pending[0]
    assert decision.leader == "bukharin" and decision.kind == "pact_offer"
    assert engine.current_actor(started) == "bukharin"
    engine.apply(started, A.Decide("bukharin", decision.id, "accept"))
    assert pact_strength(started, "trotsky", "bukharin") > 0
    assert not started.pending


# ---- a common enemy ---------------------------------------------------------------------------

def _set_trust(state, a: str, b: str, value: float) -> None:
    state.add_trust(a, b, value - state.trust_of(a, b))


def test_a_common_enemy_heals_old_quarrels_up_to_the_cap(started):
    from game.rules.power import top_leader

    strongest = top_leader(started)
    step, cap = bal(started, "pact", "common_enemy"), bal(started, "pact", "common_enemy_cap")
    for lid in ("trotsky", "zinoviev"):
        _set_trust(started, lid, strongest, -0.8)
    _set_trust(started, "trotsky", "zinoviev", -0.8)
    _set_trust(started, "zinoviev", "trotsky", cap - step / 2)
    _set_trust(started, "bukharin", strongest, 0.5)  # no enemy of his: no quarrel healed
    before = started.trust_of("bukharin", "trotsky")
    out = []
    pacts.common_enemy(started, out)
    assert started.trust_of("trotsky", "zinoviev") == pytest.approx(-0.8 + step)
    assert started.trust_of("zinoviev", "trotsky") == pytest.approx(cap)  # no further than the cap
    assert started.trust_of("bukharin", "trotsky") == before
    # The drift itself is quiet: the chronicle waits until the quarrel is healed both ways.
    assert not [e for e in out if e.kind == "common_enemy"]


def _healing_pair(state, strongest):
    for lid in ("trotsky", "zinoviev"):
        _set_trust(state, lid, strongest, -0.8)
    _set_trust(state, "trotsky", "zinoviev", -0.8)
    _set_trust(state, "zinoviev", "trotsky", -0.8)


def test_the_chronicle_tells_the_reconciliation_once_and_only_to_the_two(started):
    from game.rules.power import top_leader

    strongest = top_leader(started)
    _healing_pair(started, strongest)
    told = []
    for _ in range(20):  # more quarters than the healing takes
        out = []
        pacts.common_enemy(started, out)
        told += [e for e in out if e.kind == "common_enemy"]
    assert len(told) == 1
    event = told[0]
    assert set(event.detail["members"]) == {"trotsky", "zinoviev"}
    assert set(event.private_to) == {"trotsky", "zinoviev"}  # who trusts whom is no one else's business
    assert event.target is None and event.detail["enemy"] == strongest
    cap = bal(started, "pact", "common_enemy_cap")
    assert started.trust_of("trotsky", "zinoviev") == pytest.approx(cap)
    assert started.trust_of("zinoviev", "trotsky") == pytest.approx(cap)


def test_a_dip_after_the_reconciliation_heals_without_a_word_and_a_new_quarrel_is_news(started):
    from game.rules.power import top_leader

    strongest = top_leader(started)
    _healing_pair(started, strongest)

    def quarters(n):
        told = []
        for _ in range(n):
            out = []
            pacts.common_enemy(started, out)
            told += [e for e in out if e.kind == "common_enemy"]
        return told

    assert len(quarters(20)) == 1
    _set_trust(started, "zinoviev", "trotsky", 0.24)  # a polemic: a little less trust, no quarrel
    assert quarters(5) == []
    _set_trust(started, "zinoviev", "trotsky", -0.5)  # a new quarrel
    assert len(quarters(20)) == 1


def test_allies_who_never_quarrelled_are_not_reconciled(started):
    from game.rules.power import top_leader

    strongest = top_leader(started)
    for lid in ("zinoviev", "kamenev"):
        _set_trust(started, lid, strongest, -0.8)
    _set_trust(started, "zinoviev", "kamenev", 0.1)
    _set_trust(started, "kamenev", "zinoviev", 0.6)
    out = []
    for _ in range(5):
        pacts.common_enemy(started, out)
    assert started.trust_of("zinoviev", "kamenev") == pytest.approx(bal(started, "pact", "common_enemy_cap"))
    assert not [e for e in out if e.kind == "common_enemy" and "kamenev" in e.detail["members"]
                and "zinoviev" in e.detail["members"]]


def test_the_strongest_man_and_the_fallen_heal_no_quarrel(started):
    from game.rules.power import top_leader

    strongest = top_leader(started)
    _healing_pair(started, strongest)
    started.leaders["zinoviev"].status = "expelled"
    assert not started.leaders["zinoviev"].active
    _set_trust(started, strongest, "trotsky", -0.8)
    before = (started.trust_of("trotsky", "zinoviev"), started.trust_of(strongest, "trotsky"),
              started.trust_of("trotsky", strongest))
    out = []
    pacts.common_enemy(started, out)
    assert (started.trust_of("trotsky", "zinoviev"), started.trust_of(strongest, "trotsky"),
            started.trust_of("trotsky", strongest)) == before
    assert not [e for e in out if e.kind == "common_enemy"]


def test_no_common_enemy_no_event(started):
    from game.rules.power import top_leader

    strongest = top_leader(started)
    for lid in started.leaders:
        if lid != strongest and started.leaders[lid].active:
            _set_trust(started, lid, strongest, 0.0)
    out = []
    pacts.common_enemy(started, out)
    assert not [e for e in out if e.kind == "common_enemy"]
