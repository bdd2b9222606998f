"""The economy and direct influence (speaking tours, canvassing)."""

from __future__ import annotations

import pytest

from game.rules import economy, influence
from game.rules.common import distance


def test_nep_markets_grain_and_industrialisation_builds_industry(state):
    nep, forced = state.clone(), state.clone()
    nep.line["econ"], forced.line["econ"] = -1.0, 1.0
    for _ in range(4):
        economy.reckon(nep, [])
        economy.reckon(forced, [])
    assert nep.economy.grain > forced.economy.grain
    assert forced.economy.industry > nep.economy.industry


def test_an_acute_crisis_costs_the_premier_prestige(state):
    state.offices["sovnarkom_chair"] = "rykov"
    state.economy.crisis = 0.95
    state.economy.procurement = 40.0
    before = state.leaders["rykov"].prestige
    out = []
    economy.reckon(state, out)
    assert state.leaders["rykov"].prestige < before
    assert any(e.kind == "crisis" and e.leader == "rykov" for e in out)


def test_a_speaking_tour_wins_a_share_of_the_region_once_a_quarter(state):
    before = state.regions["urals"].loyalty.get("trotsky", 0.0)
    assert influence.check_campaign(state, "trotsky", "urals") is None
    influence.campaign(state, "trotsky", "urals", [])
    after = state.regions["urals"].loyalty["trotsky"]
    assert after > before
    assert sum(state.regions["urals"].loyalty.values()) <= 1.0 + 1e-9
    assert influence.check_campaign(state, "trotsky", "volga") is not None  # one tour a quarter


def test_a_hall_that_heard_the_speaker_lately_gives_him_less(state):
    """The second tour of a region within `fresh_after` quarters wins `repeat` of the first one's
    share, and the AI weighs the same freshness; after that the halls are fresh again."""
    c = state.world.balance["campaign"]
    first = state.clone()
    influence.campaign(first, "trotsky", "volga", [])
    gained_first = first.regions["volga"].loyalty["trotsky"] - state.regions["volga"].loyalty.get("trotsky", 0.0)
    again = first.clone()
    again.turn += 1
    assert influence.tour_freshness(again, "trotsky", "volga") == c["repeat"]
    assert influence.tour_freshness(again, "trotsky", "urals") == 1.0
    before = again.regions["volga"].loyalty["trotsky"]
    out = []
    influence.campaign(again, "trotsky", "volga", out)
    assert again.regions["volga"].loyalty["trotsky"] - before < gained_first * c["repeat"] + 1e-9
    assert "heard him lately" in out[0].text and out[0].detail["freshness"] == c["repeat"]
    again.turn += int(c["fresh_after"])
    assert influence.tour_freshness(again, "trotsky", "volga") == 1.0


def test_an_orator_wins_more_than_a_grey_organiser(state):
    a, b = state.clone(), state.clone()
    a.leaders["trotsky"].prestige = b.leaders["stalin"].prestige = 50.0
    influence.campaign(a, "trotsky", "volga", [])
    influence.campaign(b, "stalin", "volga", [])
    gain_orator = a.regions["volga"].loyalty["trotsky"] - state.regions["volga"].loyalty.get("trotsky", 0.0)
    gain_grey = b.regions["volga"].loyalty["stalin"] - state.regions["volga"].loyalty.get("stalin", 0.0)
    assert gain_orator > gain_grey * 1.2 or gain_grey <= 0


def test_canvassing_costs_patronage_and_buys_trust(state):
    cost = state.world.balance["canvass"]["patronage_cost"]
    state.leaders["stalin"].patronage = 20.0
    before = state.trust_of("kalinin", "stalin")
    influence.canvass(state, "stalin", "kalinin", [])
    assert state.leaders["stalin"].patronage == 20.0 - cost
    assert state.trust_of("kalinin", "stalin") > before
    state.leaders["stalin"].patronage = cost - 1
    assert influence.check_canvass(state, "stalin", "kalinin") is not None


def test_favours_from_a_man_of_the_other_line_buy_less_trust(state):
    """Bukharin (NEP) takes favours from Rykov (NEP) at nearly full value and from Trotsky
    (industrialism, permanent revolution) at a discount: gain x (1 - distance_discount x distance)."""
    c = state.world.balance["canvass"]
    pride = state.world.leaders["bukharin"].personality.pride
    gains = {}
    for actor in ("rykov", "trotsky"):
        s = state.clone()
        s.leaders[actor].patronage = 50.0
        before = s.trust_of("bukharin", actor)
        influence.canvass(s, actor, "bukharin", [])
        gains[actor] = s.trust_of("bukharin", actor) - before
        far = distance(s, "bukharin", actor)
        assert gains[actor] == pytest.approx(c["trust_gain"] * (1 - 0.5 * pride) * max(0.0, 1 - c["distance_discount"] * far))
    assert 0 < gains["trotsky"] < gains["rykov"]
