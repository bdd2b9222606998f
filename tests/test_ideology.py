"""Ideology: publishing, shifting one's line, adopting the party line, the line's pull on the mood."""

from __future__ import annotations

import pytest
from conftest import bal, pass_until

from game import actions as A
from game.errors import IllegalAction
from game.model import AXES
from game.rules import engine, ideology


@pytest.mark.parametrize("author", ["trotsky", "bukharin", "stalin", "rykov"])
@pytest.mark.parametrize("axis", AXES)
def test_publishing_moves_the_mood_toward_the_author(started, author, axis):
    mine = getattr(started.leaders[author], axis)
    before = getattr(started.mood, axis)
    ideology.publish(started, author, axis, [])
    after = getattr(started.mood, axis)
    if mine == before:
        assert after == before
    else:
        assert abs(mine - after) < abs(mine - before)
        assert (after - before) * (mine - before) > 0  # same direction, no overshoot
        assert abs(after - before) < abs(mine - before)


def test_publishing_far_from_the_line_is_a_platform(started):
    tolerance = bal(started, "accusation", "deviation_tolerance")
    # Trotsky's industrialism is far from the NEP line.
    assert abs(started.leaders["trotsky"].econ - started.line["econ"]) > tolerance
    events = []
    ideology.publish(started, "trotsky", "econ", events)
    assert started.leaders["trotsky"].platforms == 1
    assert events[-1].detail["against_line"] is True
    # Stalin is within the tolerance on the world axis: no platform.
    assert abs(started.leaders["stalin"].world - started.line["world"]) <= tolerance
    ideology.publish(started, "stalin", "world", events)
    assert started.leaders["stalin"].platforms == 0
    assert events[-1].detail["against_line"] is False


def test_a_polemic_costs_the_authors_standing_with_the_men_it_argues_against(started):
    """Trotsky's industrialism (+0.6) against Bukharin's NEP (-0.6): Bukharin reads it as an attack
    and trusts him less by polemic_trust x (distance - polemic_from); Kamenev (0.0) is close
    enough on the question to shrug it off, and nobody else's trust in anyone moves."""
    i = started.world.balance["ideology"]
    trust_before = started.trust.copy()
    events = []
    ideology.publish(started, "trotsky", "econ", events)
    far = abs(started.leaders["bukharin"].econ - started.leaders["trotsky"].econ) - i["polemic_from"]
    assert far > 0
    loss = trust_before[started.index["bukharin"], started.index["trotsky"]] - started.trust_of("bukharin", "trotsky")
    assert loss == pytest.approx(i["polemic_trust"] * far)
    assert abs(started.leaders["kamenev"].econ - started.leaders["trotsky"].econ) <= i["polemic_from"]
    assert started.trust_of("kamenev", "trotsky") == trust_before[started.index["kamenev"], started.index["trotsky"]]
    offended = events[-1].detail["trust_lost"]
    assert "bukharin" in offended and "kamenev" not in offended and "trotsky" not in offended
    assert "Bukharin, Rykov and Tomsky take it as an attack on their views." in events[-1].text
    changed = {(a, b) for a in started.index for b in started.index
               if started.trust_of(a, b) != trust_before[started.index[a], started.index[b]]}
    assert changed == {(lid, "trotsky") for lid in offended}


def test_an_article_on_common_ground_offends_nobody(started):
    """Stalin on 'socialism in one country' (-0.3 on the world axis): only Trotsky (+0.7) is far
    enough from him on the question to take offence."""
    events = []
    ideology.publish(started, "stalin", "world", events)
    assert set(events[-1].detail["trust_lost"]) == {"trotsky"}


def test_a_platform_costs_prestige_relative_to_an_ordinary_article(started):
    i = started.world.balance["ideology"]
    within = started.clone()
    within.line["econ"] = within.leaders["trotsky"].econ
    p0 = started.leaders["trotsky"].prestige
    ideology.publish(started, "trotsky", "econ", [])
    ideology.publish(within, "trotsky", "econ", [])
    gain_against = started.leaders["trotsky"].prestige - p0
    gain_within = within.leaders["trotsky"].prestige - p0
    assert p0 + gain_against > 0 and p0 + gain_within < 100  # no clipping at either end
    assert gain_within - gain_against == pytest.approx(i["against_line_prestige"])


def test_publishing_once_per_axis_per_quarter(started):
    pass_until(started, "trotsky")
    engine.apply(started, A.Publish("trotsky", "econ"))
    assert ideology.check_publish(started, "trotsky", "econ") is not None
    assert ideology.check_publish(started, "trotsky", "world") is None
    with pytest.raises(IllegalAction, match="already published"):
        engine.apply(started, A.Publish("trotsky", "econ"))
    assert "unknown axis" in ideology.check_publish(started, "trotsky", "religion")


def test_shift_line_costs_a_grey_leader_less_than_a_visible_one(started):
    i = started.world.balance["ideology"]
    assert started.world.has_trait("stalin", "grey") and not started.world.has_trait("trotsky", "grey")
    before = {lid: started.leaders[lid].prestige for lid in ("stalin", "trotsky")}
    ideology.shift(started, "stalin", "econ", 1, [])
    ideology.shift(started, "trotsky", "econ", -1, [])
    cost_stalin = before["stalin"] - started.leaders["stalin"].prestige
    cost_trotsky = before["trotsky"] - started.leaders["trotsky"].prestige
    assert cost_stalin == pytest.approx(i["shift_cost_grey"])
    assert cost_trotsky == pytest.approx(i["shift_cost_visible"])
    assert cost_stalin < cost_trotsky


def test_shift_moves_ones_own_position_by_a_step(started):
    step = bal(started, "ideology", "shift_step")
    econ = started.leaders["trotsky"].econ
    ideology.shift(started, "trotsky", "econ", -1, [])
    assert started.leaders["trotsky"].econ == pytest.approx(max(-1.0, econ - step))


def test_a_leaders_clients_follow_his_shift_part_of_the_way(started):
    """Stalin turns towards industrialisation: each of his active clients (Molotov, Kirov, ...)
    moves client_follow of the step with him; nobody else's view moves."""
    i = started.world.balance["ideology"]
    before = {lid: ld.econ for lid, ld in started.leaders.items()}
    events = []
    ideology.shift(started, "stalin", "econ", 1, events)
    clients = {lid for lid, ld in started.leaders.items() if ld.patron == "stalin" and ld.active}
    assert {"molotov", "kirov"} <= clients
    for lid, ld in started.leaders.items():
        if lid == "stalin":
            expected = before[lid] + i["shift_step"]
        elif lid in clients:
            expected = min(1.0, before[lid] + i["shift_step"] * i["client_follow"])
        else:
            expected = before[lid]
        assert ld.econ == pytest.approx(expected), lid
    assert set(events[-1].detail["followers"]) == clients
    assert f"{len(clients)} of his clients follow him" in events[-1].text


def test_check_shift_at_the_edge(started):
    started.leaders["trotsky"].econ = 1.0
    assert ideology.check_shift(started, "trotsky", "econ", 1) is not None
    assert ideology.check_shift(started, "trotsky", "econ", -1) is None
    assert ideology.check_shift(started, "trotsky", "econ", 0) is not None
    assert ideology.check_shift(started, "trotsky", "nowhere", 1) is not None


def test_adopt_changes_the_line(started):
    out = []
    ideology.adopt(started, "econ", 0.5, out, "trotsky")
    assert started.line["econ"] == 0.5
    assert out[-1].kind == "line_adopted"
    ideology.adopt(started, "world", 3.0, [], None)
    assert started.line["world"] == 1.0  # clipped


def test_reckon_pulls_the_mood_toward_the_line(started):
    pull = bal(started, "ideology", "line_pull")
    started.line.update(econ=0.8, world=-0.9, regime=0.0)
    before = {ax: getattr(started.mood, ax) for ax in AXES}
    ideology.reckon(started)
    for ax in AXES:
        after = getattr(started.mood, ax)
        gap_before = started.line[ax] - before[ax]
        assert after - before[ax] == pytest.approx(pull * gap_before)
        if gap_before:
            assert abs(started.line[ax] - after) < abs(gap_before)


def test_reckon_fades_the_cult(started):
    started.mood.cult = 0.5
    ideology.reckon(started)
    assert started.mood.cult == pytest.approx(0.5 - bal(started, "mood", "cult_decay"))


def test_adopt_line_motion_moves_the_line_when_passed(started):
    from game.model import Motion
    from game.rules import motions

    m = Motion(started.new_id(), "adopt_line", "trotsky", axis="econ", value=started.line["econ"] + 0.3)
    motions.enact(started, m, [])
    assert started.line["econ"] == pytest.approx(m.value)


def test_a_man_whose_trust_in_the_author_is_already_at_the_bottom_is_not_named(started):
    """Bukharin's trust in Trotsky already at the bottom: the article costs nothing more, and the
    chronicle does not name him among the offended."""
    started.trust[started.index["bukharin"], started.index["trotsky"]] = -1.0
    events = []
    ideology.publish(started, "trotsky", "econ", events)
    assert started.trust_of("bukharin", "trotsky") == -1.0
    assert "bukharin" not in events[-1].detail["trust_lost"]
    assert "Rykov" in events[-1].text and "Bukharin" not in events[-1].text


def test_a_line_just_changed_cannot_be_moved_back_at_once(started):
    """The Politburo moves the line in its sessions of quarter T; in the next quarter's intrigue a
    motion to move it back is refused, naming the quarter from which it may be tabled (T +
    line_settle); moving it further the same way, or another question, is not refused; from T +
    line_settle the minority may try again. A change too late to be reopened says so."""
    from game.calendar import quarter_name

    settle = int(bal(started, "ideology", "line_settle"))
    s = started.clone()
    changed = s.turn
    said = []
    ideology.adopt(s, "econ", s.line["econ"] + 0.3, said, "stalin")
    assert f"cannot be moved back before {quarter_name(changed + settle)}" in said[-1].text  # the chronicle says so
    s.turn = changed + 1  # the next quarter's intrigue, where motions are tabled
    actor = engine.current_actor(s)
    back = A.TableMotion(actor, "adopt_line", axis="econ", direction=-1)
    reason = engine.check(s, back)
    assert reason and f"cannot be moved back before {quarter_name(changed + settle)}" in reason
    assert engine.check(s, A.TableMotion(actor, "adopt_line", axis="econ", direction=1)) is None
    assert engine.check(s, A.TableMotion(actor, "adopt_line", axis="world", direction=-1)) is None
    s.turn = changed + settle
    assert engine.check(s, back) is None
    s.flags["line_moved:econ"] = [s.end, 1]  # carried in the last quarter
    s.turn = s.end
    assert "again before the struggle ends" in engine.check(s, back)
