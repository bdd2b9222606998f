"""Secretariat appointments: who may appoint, what it costs, protected machines, loyalty drift."""

from __future__ import annotations

import random

import pytest
from conftest import bal, end_quarter
from hypothesis import given, settings
from hypothesis import strategies as st

from game import actions as A
from game.errors import IllegalAction
from game.rules import appointments, engine


def test_only_the_general_secretary_may_appoint(started):
    gs = started.offices["general_secretary"]
    assert gs == "stalin"
    assert appointments.check_appoint(started, "stalin", "moscow", None) is None
    for other in ("trotsky", "zinoviev", "kamenev", "molotov"):
        reason = appointments.check_appoint(started, other, "moscow", None)
        assert isinstance(reason, str) and "General Secretary" in reason
    # Whoever holds the office gets the power: hand it to Zinoviev and Stalin loses it.
    started.offices["general_secretary"] = "zinoviev"
    assert appointments.check_appoint(started, "zinoviev", "moscow", None) is None
    assert appointments.check_appoint(started, "stalin", "moscow", None) is not None


def test_check_appoint_refuses_unknown_regions_and_foreign_clients(started):
    assert "no region" in appointments.check_appoint(started, "stalin", "atlantis", None)
    # Zelensky is Kamenev's client, not Stalin's.
    assert appointments.check_appoint(started, "stalin", "moscow", "zelensky") is not None
    # A region already run by Stalin's client cannot be given to an unnamed cadre again.
    assert started.regions["urals"].patron == "stalin"
    assert appointments.check_appoint(started, "stalin", "urals", None) is not None


def test_check_appoint_refuses_without_patronage(started):
    started.leaders["stalin"].patronage = bal(started, "appointment", "patronage_cost") - 0.5
    assert "patronage" in appointments.check_appoint(started, "stalin", "moscow", None)


def test_appointing_in_an_unprotected_region_installs_the_client_at_once(started):
    region = started.regions["moscow"]
    assert region.protected_by is None and region.patron == "kamenev"
    patronage = started.leaders["stalin"].patronage
    ap = started.leaders["stalin"].ap
    events = engine.apply(started, A.Appoint("stalin", "moscow", None))
    assert region.patron == "stalin"
    assert region.secretary is None  # an unnamed cadre of the apparatus
    assert started.leaders["stalin"].patronage == pytest.approx(
        patronage - bal(started, "appointment", "patronage_cost"))
    assert started.leaders["stalin"].ap == ap - bal(started, "appointment", "ap_cost")
    assert any(e.kind == "appointment" and e.region == "moscow" for e in events)
    assert not any(m.kind == "replace_secretary" for m in started.motions)


def test_appointing_a_named_client(started):
    client = next(c for c in appointments.appointees(started, "stalin") if c is not None)
    assert started.leaders[client].patron == "stalin"
    engine.apply(started, A.Appoint("stalin", "moscow", client))
    assert started.regions["moscow"].secretary == client
    assert started.regions["moscow"].patron == "stalin"
    # Free clients are offered first; a man already running a region comes last, and moving
    # him hands his old region to an apparatus cadre (one organisation per man).
    offered = appointments.appointees(started, "stalin", limit=None)[1:]
    busy = [any(r.secretary == c for r in started.regions.values()) for c in offered]
    assert client in offered and busy == sorted(busy)
    started.leaders["stalin"].patronage = 100.0
    started.leaders["stalin"].ap = 3
    engine.apply(started, A.Appoint("stalin", "urals", client))
    assert started.regions["urals"].secretary == client
    assert started.regions["moscow"].secretary is None and started.regions["moscow"].patron == "stalin"


def test_appointing_in_a_protected_machine_tables_a_motion(started):
    if not bal(started, "appointment", "machine_needs_vote"):
        pytest.skip("the balance lets the General Secretary override protected machines")
    region = started.regions["leningrad"]
    assert region.protected_by == "zinoviev" and started.in_politburo("zinoviev")
    before = (region.patron, region.secretary, dict(region.loyalty))
    patronage = started.leaders["stalin"].patronage
    events = engine.apply(started, A.Appoint("stalin", "leningrad", None))
    assert (region.patron, region.secretary, region.loyalty) == before
    motions = [m for m in started.motions if m.kind == "replace_secretary"]
    assert len(motions) == 1
    assert motions[0].region == "leningrad" and motions[0].sponsor == "stalin"
    assert started.leaders["stalin"].patronage == pytest.approx(
        patronage - bal(started, "appointment", "patronage_cost"))
    assert any(e.kind == "motion" for e in events)
    # A second attempt on the same region is refused while the motion is on the agenda.
    with pytest.raises(IllegalAction, match="already on the agenda"):
        engine.apply(started, A.Appoint("stalin", "leningrad", None))


def test_protected_machine_of_a_man_outside_the_politburo_needs_no_vote(started):
    started.politburo_full.remove("zinoviev")
    assert not appointments.needs_politburo(started, "leningrad", "stalin")
    engine.apply(started, A.Appoint("stalin", "leningrad", None))
    assert started.regions["leningrad"].patron == "stalin"
    assert started.regions["leningrad"].protected_by is None


def test_passed_replace_secretary_installs_the_sponsor(started):
    from game.model import Motion
    from game.rules import motions

    m = Motion(started.new_id(), "replace_secretary", "stalin", region="leningrad")
    motions.enact(started, m, [])
    assert started.regions["leningrad"].patron == "stalin"
    assert started.regions["leningrad"].protected_by is None


def test_drift_moves_loyalty_toward_the_patron(started):
    rate = bal(started, "appointment", "drift")
    bonus = bal(started, "appointment", "drift_organiser")
    before = {rid: dict(r.loyalty) for rid, r in started.regions.items()}
    appointments.drift(started, [])
    for rid, r in started.regions.items():
        patron = r.patron
        if patron is None or not started.leaders[patron].active:
            assert r.loyalty == before[rid]
            continue
        old = before[rid].get(patron, 0.0)
        extra = bonus if started.world.has_trait(patron, "organiser") else 0.0
        assert r.loyalty[patron] == pytest.approx(old + (rate + extra) * (1 - old))
        for other, share in r.loyalty.items():  # everyone else gives ground
            if other != patron:
                assert share <= before[rid][other] + 1e-12


def test_loyalty_rises_toward_each_patron_every_reckoning(started):
    for _ in range(3):
        before = {rid: r.loyalty.get(r.patron, 0.0) for rid, r in started.regions.items() if r.patron}
        end_quarter(started)
        for rid, old in before.items():
            r = started.regions[rid]
            if r.patron and started.leaders[r.patron].active and old < 1:
                assert r.loyalty.get(r.patron, 0.0) > old, f"{rid} did not drift toward {r.patron}"


def test_drift_ignores_a_fallen_patron(started):
    started.leaders["kamenev"].status = "expelled"
    before = dict(started.regions["moscow"].loyalty)
    appointments.drift(started, [])
    assert started.regions["moscow"].loyalty == before


loyalties = st.dictionaries(
    st.sampled_from(["stalin", "trotsky", "zinoviev", "kamenev", "bukharin"]),
    st.floats(0.0, 1.0), max_size=5,
).map(lambda d: {k: v / max(1.0, sum(d.values())) for k, v in d.items()})


@settings(max_examples=200, deadline=None)
@given(loyalty=loyalties, toward=st.sampled_from(["stalin", "trotsky", "rykov"]),
       gain=st.floats(-0.5, 1.5))
def test_shift_loyalty_keeps_shares_valid(loyalty, toward, gain):
    before = dict(loyalty)
    appointments.shift_loyalty(loyalty, toward, gain)
    assert all(0.0 <= v <= 1.0 for v in loyalty.values())
    assert sum(loyalty.values()) <= 1.0 + 1e-9
    old = before.get(toward, 0.0)
    new = loyalty.get(toward, 0.0)
    assert new >= old - 1e-12
    if gain > 0:
        assert new == pytest.approx(min(1.0, old + gain))


def test_shift_loyalty_takes_proportionally_from_the_others():
    loyalty = {"stalin": 0.2, "trotsky": 0.4}
    appointments.shift_loyalty(loyalty, "stalin", 0.2)
    # 0.8 of the party was not Stalin's; 0.2 of it moved, so everyone else keeps 0.6 / 0.8.
    assert loyalty["stalin"] == pytest.approx(0.4)
    assert loyalty["trotsky"] == pytest.approx(0.4 * 0.6 / 0.8)


def test_repeated_shifts_never_break_the_shares():
    rnd = random.Random(7)
    loyalty: dict[str, float] = {}
    names = ["stalin", "trotsky", "zinoviev", "kamenev"]
    for _ in range(2000):
        appointments.shift_loyalty(loyalty, rnd.choice(names), rnd.random() * 0.3)
        assert sum(loyalty.values()) <= 1 + 1e-9
        assert all(0 <= v <= 1 for v in loyalty.values())


def test_forfeit_machines_halves_a_fallen_leaders_following(started):
    red = started.regions["red_army"]
    share = red.loyalty["trotsky"]
    appointments.forfeit_machines(started, "trotsky")
    assert red.protected_by is None and red.patron is None
    assert red.loyalty["trotsky"] == pytest.approx(share / 2)
