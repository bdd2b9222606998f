"""Scheduled events, what-if toggles, endings and graded objectives."""

from __future__ import annotations

import pytest
from conftest import end_quarter

from game.calendar import quarter_index, quarter_name
from game.model import Motion
from game.rules import engine, scheduled, victory
from game.rules.common import contenders
from game.scenario import new_game
from game.session import Session

OUTCOMES = ("sole_leader", "dominant", "collective")


def _event(world, event_id):
    return next(ev for ev in world.events if ev.id == event_id)


def _mantle_delta(world, fired, leader):
    """The mantle change for `leader` that the fired events' data prescribe."""
    total = 0.0
    for ev in world.events:
        if ev.id in fired:
            total += sum(e.delta for e in ev.effects if e.type == "mantle" and e.leader == leader)
    return total


# ---- Lenin's death and the funeral -------------------------------------------------------------

def test_lenin_dies_in_1924q1(state):
    assert state.leaders["lenin"].status == "active"
    held = state.offices_of("lenin")
    assert held and "lenin" in state.politburo_full
    events = engine.start(state)
    assert state.quarter == "1924Q1"
    lenin = state.leaders["lenin"]
    assert lenin.status == "dead" and not lenin.active and not lenin.in_cc
    assert not state.in_politburo("lenin")
    assert state.offices_of("lenin") == []
    death = next(e for e in events if e.kind == "death" and e.leader == "lenin")
    assert set(death.detail["offices"]) == set(held)
    # The succession event refills exactly the posts its data name.
    succession = _event(state.world, "lenin_succession")
    office_effects = [eff for eff in succession.effects if eff.type == "office"]
    assert office_effects
    for eff in office_effects:
        assert state.offices[eff.office] == eff.leader
    for eff in succession.effects:
        if eff.type == "secretariat":
            assert (eff.leader in state.secretariat) == eff.member
    for office in held:
        assert state.offices[office] is None or state.leaders[state.offices[office]].active


def test_the_funeral_gives_stalin_mantle(state):
    before = {lid: state.leaders[lid].mantle for lid in ("stalin", "trotsky")}
    engine.start(state)
    assert "funeral" in state.fired and "funeral_trotsky_present" not in state.fired
    for lid in before:
        assert state.leaders[lid].mantle == pytest.approx(
            max(0.0, before[lid] + _mantle_delta(state.world, state.fired, lid)))
    assert state.leaders["stalin"].mantle > before["stalin"]
    assert state.leaders["trotsky"].mantle < before["trotsky"]


def test_trotsky_at_the_funeral_changes_the_mantle():
    plain = new_game("1924", 1)
    engine.start(plain)
    toggled = new_game("1924", 1, ("trotsky_at_funeral",))
    before = {lid: toggled.leaders[lid].mantle for lid in ("stalin", "trotsky")}
    engine.start(toggled)
    assert "funeral" not in toggled.fired and "funeral_trotsky_present" in toggled.fired
    assert toggled.leaders["trotsky"].mantle > before["trotsky"]
    assert toggled.leaders["trotsky"].mantle > plain.leaders["trotsky"].mantle
    assert toggled.leaders["stalin"].mantle < plain.leaders["stalin"].mantle
    for lid in before:
        assert toggled.leaders[lid].mantle == pytest.approx(
            before[lid] + _mantle_delta(toggled.world, toggled.fired, lid))


def test_events_fire_once(started):
    assert len(started.fired) == len(set(started.fired))
    fired = list(started.fired)
    scheduled.fire_due(started, [])
    assert started.fired == fired


def test_condition_holds(started):
    assert scheduled.condition_holds(started, "alive:stalin")
    assert not scheduled.condition_holds(started, "alive:lenin")
    assert scheduled.condition_holds(started, "!alive:lenin")
    assert scheduled.condition_holds(started, "holds:general_secretary=stalin")
    assert scheduled.condition_holds(started, "in_politburo:trotsky")
    assert not scheduled.condition_holds(started, "flag:testament_published")
    started.flags["x"] = 3
    assert scheduled.condition_holds(started, "flag:x=3")
    assert not scheduled.condition_holds(started, "flag:x=4")
    assert not scheduled.condition_holds(started, "nonsense:stalin")


def test_an_event_waits_for_its_quarter(state):
    engine.start(state)
    lessons = _event(state.world, "lessons_of_october")
    assert quarter_index(lessons.quarter) > state.turn
    assert lessons.id not in state.fired


def test_an_event_skipped_in_its_quarter_does_not_fire_later(started):
    lessons = _event(started.world, "lessons_of_october")
    # Trotsky is out of the party when 'Lessons of October' is due.
    started.turn = quarter_index(lessons.quarter)
    started.fired = [ev.id for ev in started.world.events if quarter_index(ev.quarter) < started.turn]
    started.leaders["trotsky"].status = "expelled"
    scheduled.fire_due(started, [])
    assert lessons.id not in started.fired
    # Two quarters on he is readmitted: the preface of 1924 should not appear now.
    started.turn += 2
    started.leaders["trotsky"].status = "readmitted"
    scheduled.fire_due(started, [])
    assert lessons.id not in started.fired


def test_testament_plenum_is_put_to_the_cc(started):
    end_quarter(started)
    assert started.quarter == "1924Q2"
    plenum = [m for m in started.motions if m.body == "plenum"]
    assert [m.kind for m in plenum] == ["publish_testament"]
    events = end_quarter(started)
    assert any(e.kind == "plenum" and e.detail.get("motion") == plenum[0].id for e in events)


def test_testament_published_toggle_skips_the_plenum():
    plain = new_game("1924", 1)
    toggled = new_game("1924", 1, ("testament_published",))
    for s in (plain, toggled):
        engine.start(s)
        end_quarter(s)
        assert s.quarter == "1924Q2" and s.phase == "intrigue"
    assert "testament_published" in toggled.fired and "testament_plenum" not in toggled.fired
    assert "testament_plenum" in plain.fired and "testament_published" not in plain.fired
    assert toggled.flags.get("testament_out") is True
    assert not any(m.kind == "publish_testament" for m in toggled.motions)
    assert toggled.leaders["stalin"].prestige < plain.leaders["stalin"].prestige
    assert toggled.leaders["stalin"].mantle < plain.leaders["stalin"].mantle


# ---- full games --------------------------------------------------------------------------------

def test_a_full_game_ends_with_an_outcome(finished_game):
    s = finished_game.state
    assert s.phase == "over" and s.over
    assert s.quarter == "1929Q4"
    assert s.outcome is not None
    assert s.outcome["outcome"] in OUTCOMES
    assert s.outcome["top_leader"] in contenders(s)
    assert set(s.outcome["grades"]) == set(contenders(s))
    assert finished_game.chronicle[-1].kind == "game_over"
    assert finished_game.current_actor() is None
    assert engine.legal_actions(s, "stalin") == []


def test_dzerzhinsky_dies_in_1926_in_the_historical_game(finished_game):
    s = finished_game.state
    assert "dzerzhinsky_death" in s.fired
    assert s.leaders["dzerzhinsky"].status == "dead"
    death = next(e for e in finished_game.chronicle if e.kind == "death" and e.leader == "dzerzhinsky")
    assert death.turn == "1926Q3"


def test_dzerzhinsky_lives_toggle_keeps_him_alive():
    session = Session.new("1924", seed=1, toggles=("dzerzhinsky_lives",))
    session.advance()
    s = session.state
    assert s.over
    assert "dzerzhinsky_death" not in s.fired
    assert s.leaders["dzerzhinsky"].status != "dead"
    assert not any(e.kind == "death" and e.leader == "dzerzhinsky" for e in session.chronicle)
    # Frunze's death is not affected by the toggle.
    assert s.leaders["frunze"].status == "dead"


# ---- classify and grade ------------------------------------------------------------------------

def test_classify_returns_a_known_outcome(started, finished_game):
    for s in (started, finished_game.state):
        outcome, top = victory.classify(s)
        assert outcome in OUTCOMES
        assert top in contenders(s)


def _stalin_everywhere(state):
    for office in state.offices:
        state.offices[office] = "stalin"
    state.pacts = []


def test_classify_sole_leader(started):
    _stalin_everywhere(started)
    started.politburo_full[:] = ["stalin", "molotov", "kirov", "voroshilov", "kaganovich"]
    started.politburo_candidates[:] = ["mikoyan", "andreyev"]
    assert victory.classify(started) == ("sole_leader", "stalin")


def test_classify_dominant_when_rivals_remain(started):
    _stalin_everywhere(started)
    started.politburo_full[:] = ["stalin", "molotov", "kirov", "voroshilov", "trotsky"]
    assert victory.classify(started) == ("dominant", "stalin")


def test_classify_collective_without_a_majority(started):
    _stalin_everywhere(started)
    started.politburo_full[:] = ["stalin", "trotsky", "zinoviev", "kamenev", "bukharin"]
    for a in started.politburo_full:
        for b in started.politburo_full:
            if a != b:
                started.trust[started.index[a], started.index[b]] = 0.0
    assert victory.classify(started) == ("collective", "stalin")


def test_the_struggle_is_decided_when_the_final_outcome_begins_to_hold(started):
    """Stalin on top from the first quarter, in command of the Politburo only from the third: the
    struggle was decided in the third. Going on from dominant to sole leader does not reopen it;
    losing command and taking it back does."""
    s = started
    _stalin_everywhere(s)
    collective = ["stalin", "trotsky", "zinoviev", "kamenev", "bukharin"]
    for a in collective:
        for b in collective:
            if a != b:
                s.trust[s.index[a], s.index[b]] = 0.0
    board = {"collective": collective, "dominant": ["stalin", "molotov", "kirov", "voroshilov", "trotsky"],
             "sole_leader": ["stalin", "molotov", "kirov", "voroshilov", "kaganovich"]}
    start = s.turn
    for quarter, outcome in enumerate(["collective", "collective", "dominant", "dominant", "sole_leader"]):
        s.turn = start + quarter
        s.politburo_full[:] = board[outcome]
        if outcome == "sole_leader":
            s.politburo_candidates[:] = ["mikoyan", "andreyev"]
        assert victory.classify(s) == (outcome, "stalin")
        victory.track(s)
    assert victory.decided(s) == start + 2
    assert "commanded the Politburo" in victory.decided_words("sole_leader", "Stalin")
    s.turn += 1
    s.politburo_full[:] = collective
    s.politburo_candidates[:] = []
    victory.track(s)
    assert victory.decided(s) == s.turn
    assert victory.finish(s)["decided"] == quarter_name(s.turn)


def test_before_any_quarter_is_tracked_the_struggle_is_decided_now(started):
    assert "standing" not in started.flags
    assert victory.decided(started) == started.turn


def test_a_collective_leadership_is_decided_anew_when_its_strongest_man_changes(started):
    s = started
    collective = ["stalin", "trotsky", "zinoviev", "kamenev", "bukharin"]
    s.politburo_full[:] = collective
    s.pacts = []
    for a in collective:
        for b in collective:
            if a != b:
                s.trust[s.index[a], s.index[b]] = 0.0
    start = s.turn
    victory.track(s)
    first = victory.classify(s)
    assert first[0] == "collective"
    s.turn += 1
    victory.track(s)
    assert victory.decided(s) == start  # the same man still strongest: nothing reopened
    other = next(lid for lid in collective if lid != first[1])
    for office, holder in list(s.offices.items()):  # the strongest man's posts go to another
        if holder == first[1]:
            s.offices[office] = other
    s.leaders[other].prestige = 100.0
    s.turn += 1
    now = victory.classify(s)
    assert now[0] == "collective" and now[1] != first[1]
    victory.track(s)
    assert victory.decided(s) == s.turn


def test_grade_points_never_exceed_the_maximum(started, finished_game):
    for s in (started, finished_game.state):
        for lid in contenders(s):
            g = victory.grade(s, lid)
            obj = s.world.objectives[lid]
            assert g["max"] == sum(obj.points)
            assert 0 <= g["points"] <= g["max"]
            assert g["points"] == sum(p for p, (_, ok) in zip(obj.points, g["met"], strict=True) if ok)
            assert g["grade"] in ("Triumph", "Success", "Survival", "Defeat")
    for g in finished_game.state.outcome["grades"].values():
        assert 0 <= g["points"] <= g["max"]


def test_grade_for_a_sole_leader(started):
    _stalin_everywhere(started)
    started.politburo_full[:] = ["stalin", "molotov", "kirov", "voroshilov", "kaganovich"]
    started.politburo_candidates[:] = []
    g = victory.grade(started, "stalin")
    assert g["points"] == g["max"] and g["grade"] == "Triumph"
    assert victory.condition(started, "!no_sole_leader")


def test_grade_for_a_leader_without_objectives(started):
    assert victory.grade(started, "molotov")["max"] == 0


def test_fates_and_survivors(finished_game):
    s = finished_game.state
    assert "lenin" not in s.outcome["fates"]
    for lid in s.outcome["survivors"]:
        assert s.leaders[lid].active


def test_motion_helper_is_independent_of_the_engine(started):
    # A smoke check that the Motion dataclass is immutable: the engine relies on it.
    m = Motion(1, "promote", "stalin", target="molotov")
    with pytest.raises(AttributeError):
        m.kind = "sanction"  # type: ignore[misc]


def test_a_dead_mans_posts_are_filled_by_the_majority(started):
    from game.rules import scheduled
    from game.schema import DeathEffect

    started.offices["war_commissar"] = "frunze"
    out = []
    scheduled.apply_effect(started, DeathEffect(type="death", leader="frunze"), out, started.world.events[0])
    successor = started.offices["war_commissar"]
    assert successor is not None and successor != "frunze" and started.leaders[successor].active
    assert any(e.kind == "office_gained" and e.office == "war_commissar" for e in out)


def test_refill_false_leaves_the_succession_to_the_scenario(started):
    from game.rules import scheduled
    from game.schema import DeathEffect

    started.offices["war_commissar"] = "frunze"
    scheduled.apply_effect(started, DeathEffect(type="death", leader="frunze", refill=False), [],
                           started.world.events[0])
    assert started.offices["war_commissar"] is None


def test_an_early_united_opposition_ends_the_triumvirate():
    """Zinoviev and Kamenev cannot stand with Stalin and against him at once: the bloc of 1925
    breaks up the troika then, not in autumn 1925, and they trust the General Secretary less."""
    plain, toggled = new_game("1925", 1), new_game("1925", 1, ("early_united_opposition",))
    engine.start(plain)
    engine.start(toggled)
    assert "early_united_opposition" in toggled.fired
    assert any(p.name == "The Triumvirate" for p in plain.pacts)
    assert not any(p.name == "The Triumvirate" for p in toggled.pacts)
    assert any(p.name == "United Opposition" and set(p.members) == {"trotsky", "zinoviev", "kamenev"}
               for p in toggled.pacts)
    for lid in ("zinoviev", "kamenev"):
        assert toggled.trust_of(lid, "stalin") < plain.trust_of(lid, "stalin") - 0.3


def test_a_line_moved_twice_from_nep_has_turned(started):
    """Two line motions of 0.3 from -0.4 land on +0.2 only to within a float's rounding; the
    objective 'the line turns to industrialisation' counts it (it did not, and Stalin's objective
    from 1928 was graded a Defeat in every game he won). One step short does not count."""
    s = started.clone()
    s.line["econ"] = -0.4 + 0.3 + 0.3
    assert s.line["econ"] < 0.2  # the rounding the tolerance is for
    assert victory.condition(s, "industrialisation", victory.classify(s))
    assert not victory.condition(s, "nep_kept", victory.classify(s))
    s.line["econ"] = -0.4 + 0.3
    assert not victory.condition(s, "industrialisation", victory.classify(s))
    assert victory.condition(s, "nep_kept", victory.classify(s))
