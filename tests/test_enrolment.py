"""The Lenin Enrolment and later enrolment drives."""

from __future__ import annotations

import pytest
from conftest import bal, end_quarter, pass_until

from game import actions as A
from game.calendar import quarter_index
from game.errors import BadInput, IllegalAction
from game.rules import engine, enrolment
from game.scenario import ROOT, load_model, new_game


def _event(world, event_id):
    return next(ev for ev in world.events if ev.id == event_id)


def _recruits(world) -> int:
    eff = next(e for e in _event(world, "lenin_enrolment").effects if e.type == "enrolment")
    return eff.recruits


def _total(state) -> int:
    return sum(r.total for r in state.regions.values())


def test_lenin_enrolment_fires_in_1924q1(started):
    assert started.quarter == "1924Q1"
    assert "lenin_enrolment" in started.fired
    assert started.flags["last_enrolment"] == started.turn
    assert started.cohorts, "the enrolment left no cohorts to mature"


def test_lenin_enrolment_adds_candidates_not_members(state):
    before = {rid: (r.members, r.candidates) for rid, r in state.regions.items()}
    engine.start(state)
    recruits = _recruits(state.world)
    added = sum(r.candidates - before[rid][1] for rid, r in state.regions.items())
    assert all(r.members == before[rid][0] for rid, r in state.regions.items())
    # The bulk of the recruits arrives at once (the Red Army's cells did not take part).
    assert 0.8 * recruits <= added <= recruits
    assert sum(n for _, _, n in state.cohorts) == added
    assert state.regions["red_army"].candidates == before["red_army"][1]


def test_lenin_enrolment_admits_every_recruit(state):
    before = _total(state)
    engine.start(state)
    regions_with_recruits = sum(1 for r in state.regions.values() if r.id != "red_army")
    # Integer rounding may lose at most one recruit per region.
    assert _total(state) - before >= _recruits(state.world) - regions_with_recruits


def test_lenin_enrolment_raises_the_general_secretarys_share(state):
    apparatus = bal(state, "enrolment", "loyalty_to_apparatus")
    before = {rid: dict(r.loyalty) for rid, r in state.regions.items()}
    engine.start(state)
    gs = state.offices["general_secretary"]
    for rid, r in state.regions.items():
        old = before[rid].get(gs, 0.0)
        if rid == "red_army":
            assert r.loyalty == before[rid]
        elif old < apparatus:
            assert r.loyalty.get(gs, 0.0) > old, f"{rid}: the GS's share did not rise"
        for other, share in before[rid].items():  # the others are diluted, never increased
            if other != gs:
                assert r.loyalty.get(other, 0.0) <= share + 1e-12
        assert sum(r.loyalty.values()) <= 1 + 1e-9


def test_enrolment_raises_the_cult_compared_with_no_enrolment():
    with_it = new_game("1924", 1)
    engine.start(with_it)
    without = new_game("1924", 1, ("no_lenin_enrolment",))
    engine.start(without)
    # What the enrolment adds: the balance's cult bonus plus the event's own mood effect.
    event_cult = sum(e.cult for e in _event(with_it.world, "lenin_enrolment").effects if e.type == "mood")
    expected = min(1.0, without.mood.cult + bal(with_it, "enrolment", "cult") + event_cult)
    assert with_it.mood.cult > without.mood.cult
    assert with_it.mood.cult == pytest.approx(expected)


def test_enrol_raises_cult_and_unity_by_the_configured_amounts(state):
    cult, unity = state.mood.cult, state.mood.unity
    enrolment.enrol(state, 10_000, 0.9, 2, "stalin", [])
    assert state.mood.cult == pytest.approx(min(1.0, cult + bal(state, "enrolment", "cult")))
    assert state.mood.unity == pytest.approx(min(1.0, unity + bal(state, "enrolment", "unity")))


def test_enrol_raises_the_worker_share(state):
    before = {rid: r.workers for rid, r in state.regions.items()}
    enrolment.enrol(state, 200_000, 0.95, 2, "stalin", [])
    for rid, r in state.regions.items():
        if rid != "red_army":
            assert r.workers > before[rid]
            assert 0 <= r.workers <= 1


def test_no_lenin_enrolment_toggle_prevents_it():
    state = new_game("1924", 1, ("no_lenin_enrolment",))
    before = {rid: (r.members, r.candidates, dict(r.loyalty)) for rid, r in state.regions.items()}
    events = engine.start(state)
    assert "lenin_enrolment" not in state.fired
    assert not any(e.kind == "enrolment" for e in events)
    assert state.cohorts == []
    for rid, r in state.regions.items():
        assert (r.members, r.candidates) == before[rid][:2]
    # The what-if keeps the party's doors shut until the 14th Congress has sat: no drive of the
    # General Secretary's own in its place a quarter later, as the toggle's note promises.
    assert "mass recruitment before 1926Q1" in enrolment.check_drive(state, "stalin")
    # After it the party recruits again (it had 1.3 million members by 1928).
    state.turn = quarter_index("1926Q1")
    assert enrolment.check_drive(state, "stalin") is None


def test_a_toggle_naming_a_quarter_that_is_not_one_is_refused_with_its_field(tmp_path):
    text = (ROOT / "scenarios" / "1924.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('enrolment_closed_until = "1926Q1"', 'enrolment_closed_until = "1926Q7"'),
                   encoding="utf-8")
    with pytest.raises(BadInput, match=r"toggles\.no_lenin_enrolment\.flags\.enrolment_closed_until"):
        load_model(str(bad))


def test_cohorts_mature_into_full_members_after_their_quarters(started):
    cohorts = list(started.cohorts)
    due = {t for t, _, _ in cohorts}
    assert len(due) == 1
    due_turn = due.pop()
    assert due_turn > started.turn
    candidates = {rid: r.candidates for rid, r in started.regions.items()}
    members = {rid: r.members for rid, r in started.regions.items()}
    total = _total(started)
    matured_events = []
    while started.turn < due_turn:
        matured_events += [e for e in end_quarter(started) if e.kind == "membership"]
        # Before the due quarter's reckoning nothing has matured.
        assert started.cohorts == cohorts
        assert all(started.regions[rid].members == members[rid] for rid in members)
    matured_events += [e for e in end_quarter(started) if e.kind == "membership"]
    assert started.cohorts == []
    for _, rid, n in cohorts:
        r = started.regions[rid]
        assert r.members == members[rid] + n
        assert r.candidates == candidates[rid] - n
    assert _total(started) == total
    assert len(matured_events) == 1
    assert matured_events[0].detail["members"] == sum(n for _, _, n in cohorts)


def test_mature_never_makes_candidates_negative(started):
    rid = started.cohorts[0][1]
    started.regions[rid].candidates = 5
    started.cohorts = [(started.turn, rid, 1_000)]
    members = started.regions[rid].members
    enrolment.mature(started, [])
    assert started.regions[rid].candidates == 0
    assert started.regions[rid].members == members + 5


def test_check_drive_refuses_anyone_but_the_general_secretary(started):
    started.flags["last_enrolment"] = -99
    assert enrolment.check_drive(started, "stalin") is None
    for other in ("trotsky", "zinoviev", "molotov"):
        assert "General Secretary" in enrolment.check_drive(started, other)


def test_check_drive_respects_the_cooldown(started):
    cooldown = bal(started, "enrolment", "drive_cooldown")
    # The Lenin Enrolment has just happened.
    assert "recent" in enrolment.check_drive(started, "stalin")
    started.flags["last_enrolment"] = started.turn - cooldown + 1
    assert enrolment.check_drive(started, "stalin") is not None
    started.flags["last_enrolment"] = started.turn - cooldown
    assert enrolment.check_drive(started, "stalin") is None


def test_check_drive_needs_patronage(started):
    started.flags["last_enrolment"] = -99
    started.leaders["stalin"].patronage = bal(started, "enrolment", "drive_patronage") - 1
    assert "patronage" in enrolment.check_drive(started, "stalin")


def test_drive_through_the_engine(started):
    started.flags["last_enrolment"] = -99
    pass_until(started, "stalin")
    patronage = started.leaders["stalin"].patronage
    total = _total(started)
    engine.apply(started, A.LaunchEnrolment("stalin"))
    assert started.flags["last_enrolment"] == started.turn
    assert started.leaders["stalin"].patronage == pytest.approx(
        patronage - bal(started, "enrolment", "drive_patronage"))
    assert _total(started) > total
    # And straight away a second one is refused.
    with pytest.raises(IllegalAction):
        engine.apply(started, A.LaunchEnrolment("stalin"))
