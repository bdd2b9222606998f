"""The turn engine: validation, whose move it is, action points, the calendar, motions."""

from __future__ import annotations

import pytest
from conftest import bal, end_quarter, pass_until, table_motion

from game import actions as A
from game.calendar import quarter_index, quarter_name
from game.errors import IllegalAction
from game.model import AXES, LADDER, Case, CCSeat, Motion
from game.rules import engine, motions, sessions
from game.rules.common import contenders, voters


def _refused(state, action, fragment):
    reason = engine.check(state, action)
    assert reason is not None, f"{action} was accepted"
    assert fragment in reason, reason
    before = state.state_hash()
    with pytest.raises(IllegalAction) as err:
        engine.apply(state, action)
    assert err.value.reason == reason
    assert state.state_hash() == before, "a refused action changed the state"


def test_the_general_secretary_moves_first(started):
    assert started.phase == "intrigue"
    assert engine.current_actor(started) == started.offices["general_secretary"] == "stalin"
    assert started.order[0] == "stalin"
    assert sorted(started.order) == sorted(
        c for c in contenders(started) if started.leaders[c].status not in ("dead", "deported"))


def test_wrong_actor_is_refused(started):
    _refused(started, A.EndTurn("trotsky"), "move")
    _refused(started, A.Publish("trotsky", "econ"), "move")


def test_unknown_leader_is_refused(started):
    _refused(started, A.EndTurn("napoleon"), "no leader")


def test_not_enough_action_points(started):
    started.leaders["stalin"].ap = 0
    _refused(started, A.Publish("stalin", "econ"), "action points")
    drive = int(bal(started, "enrolment", "drive_ap"))
    if drive > 1:  # a drive costs more than one point
        started.leaders["stalin"].ap = drive - 1
        started.flags["last_enrolment"] = -99
        _refused(started, A.LaunchEnrolment("stalin"), "action points")


def test_unknown_region_is_refused(started):
    _refused(started, A.Campaign("stalin", "atlantis"), "region")
    _refused(started, A.Appoint("stalin", "atlantis", None), "region")


def test_accusing_oneself_is_refused(started):
    _refused(started, A.Accuse("stalin", "stalin", "factionalism"), "another leader")


def test_other_refusals(started):
    _refused(started, A.Accuse("stalin", "trotsky", "witchcraft"), "unknown charge")
    _refused(started, A.Publish("stalin", "astrology"), "unknown axis")
    _refused(started, A.Decide("stalin", 1, "yes"), "no question")
    _refused(started, A.TableMotion("stalin", "abolish_party"), "unknown motion")
    _refused(started, A.BreakPact("stalin", 9999), "not in that pact")


def test_a_pending_question_must_be_answered_first(started):
    started.seats["bukharin"] = "human"
    engine.apply(started, A.ProposePact("stalin", "bukharin", True))
    d = started.pending[0]
    assert engine.current_actor(started) == "bukharin"
    _refused(started, A.EndTurn("stalin"), "must first answer")
    _refused(started, A.Decide("bukharin", d.id, "maybe"), "answer one of")
    _refused(started, A.Decide("bukharin", d.id + 100, "accept"), "not the question")
    assert engine.legal_actions(started, "bukharin") == [
        A.Decide("bukharin", d.id, choice) for choice in d.options]
    assert engine.legal_actions(started, "stalin") == []


def test_every_legal_action_passes_check(started):
    for _ in range(3):
        actor = engine.current_actor(started)
        legal = engine.legal_actions(started, actor)
        assert legal and legal[0] == A.EndTurn(actor)
        for action in legal:
            assert engine.check(started, action) is None, action
        for other in contenders(started):
            if other != actor:
                assert engine.legal_actions(started, other) == []
        engine.apply(started, A.EndTurn(actor))


def test_every_legal_action_applies(started):
    """Each legal action can be applied."""
    for _ in range(2):
        actor = engine.current_actor(started)
        for action in engine.legal_actions(started, actor):
            trial = started.clone()
            ap = trial.leaders[actor].ap
            engine.apply(trial, action)
            if not isinstance(action, A.EndTurn | A.Decide):
                assert trial.leaders[actor].ap == ap - engine.ap_cost(trial, action) or trial.turn != started.turn
        engine.apply(started, A.EndTurn(actor))


def test_an_early_congress_can_be_tabled(started):
    action = A.TableMotion("stalin", "early_congress")
    assert action in engine.legal_actions(started, "stalin")
    engine.apply(started, action)
    assert any(m.kind == "early_congress" for m in started.motions)


def test_after_end_turn_the_next_contender_acts(started):
    order = list(started.order)
    for i, actor in enumerate(order):
        assert engine.current_actor(started) == actor
        engine.apply(started, A.EndTurn(actor))
        if i + 1 < len(order):
            assert engine.current_actor(started) == order[i + 1]
    assert started.quarter == "1924Q2"


def test_spending_the_last_action_point_passes_the_move(started):
    started.leaders["stalin"].ap = 2
    for axis in ("econ", "world"):
        assert engine.current_actor(started) == "stalin"
        engine.apply(started, A.Publish("stalin", axis))
    assert started.leaders["stalin"].ap == 0
    assert engine.current_actor(started) == started.order[1]


def test_ap_are_restored_each_quarter(started):
    t = started.world.balance["turn"]
    ap = started.leaders["stalin"].ap
    engine.apply(started, A.Publish("stalin", "econ"))
    assert started.leaders["stalin"].ap == ap - 1
    for _ in range(3):
        end_quarter(started)
        assert started.phase == "intrigue"
        for lid in started.order:
            ld = started.leaders[lid]
            if not ld.active:
                continue
            expected = t["action_points"] if started.in_politburo(lid) else t["action_points_outside"]
            assert ld.ap == expected, (started.quarter, lid)


def test_a_quarter_runs_events_intrigue_sessions_reckoning(started):
    pass_until(started, "trotsky")
    engine.apply(started, A.TableMotion("trotsky", "adopt_line", axis="econ", direction=1))
    m = started.motions[-1]
    events = end_quarter(started)
    kinds = [e.kind for e in events]
    vote = kinds.index("vote")
    assert next(e for e in events if e.kind == "vote").detail["motion"] == m.id
    assert kinds.index("quarter") > vote  # the next quarter opens after the session
    assert m not in started.motions  # voted on and cleared
    assert started.quarter == "1924Q2"


def test_full_game_runs_through_24_quarters(finished_game):
    quarters = [e.turn for e in finished_game.chronicle if e.kind == "quarter"]
    start = quarter_index("1924Q1")
    assert quarters == [quarter_name(start + i) for i in range(24)]
    assert quarters[-1] == "1929Q4"
    # The chronicle never goes back in time.
    turns = [quarter_index(e.turn) for e in finished_game.chronicle]
    assert turns == sorted(turns)
    # One recorded hash per quarter.
    assert len(finished_game.hashes) == 24


def test_the_ai_only_plays_legal_moves(started):
    from game.ai import heuristic

    for _ in range(25):
        actor = engine.current_actor(started)
        action = heuristic.choose(started, actor, "normal")
        assert engine.check(started, action) is None
        engine.apply(started, action)


# ---- motions -----------------------------------------------------------------------------------

def test_table_motion_checks(started):
    assert motions.check_table(started, "trotsky", "adopt_line", None, None, "econ", 1) is None
    assert "Politburo" in motions.check_table(started, "radek", "adopt_line", None, None, "econ", 1)
    assert motions.check_table(started, "trotsky", "adopt_line", None, None, "econ", 0) is not None
    assert motions.check_table(started, "trotsky", "remove_office", "stalin", "war_commissar", None, 0) is not None
    assert motions.check_table(started, "trotsky", "remove_office", "trotsky", "war_commissar", None, 0) is not None
    assert motions.check_table(started, "trotsky", "promote", "trotsky", None, None, 0) is not None  # already full
    assert motions.check_table(started, "trotsky", "appoint_office", "kaganovich", "pravda_editor", None, 0) is not None


def test_motions_per_sponsor_are_limited(started):
    limit = int(bal(started, "turn", "motions_per_sponsor"))
    for axis in AXES[:limit]:
        motions.table(started, "stalin", "adopt_line", None, None, axis, -1, [])
    for axis in AXES[limit:]:
        assert motions.check_table(started, "stalin", "adopt_line", None, None, axis, -1) is not None
    reason = motions.check_table(started, "stalin", "promote", "molotov", None, None, 0)
    assert f"{limit} motions" in reason


def test_the_agenda_is_capped(started):
    limit = int(bal(started, "turn", "max_motions_per_session"))
    members = started.politburo_full + started.politburo_candidates
    # The General Secretary's motion is tabled last but heads the agenda.
    sponsors = [m for m in members if m != "stalin"]
    sponsors = [sponsors[i % len(sponsors)] for i in range(limit + 1)] + ["stalin"]
    for i, sponsor in enumerate(sponsors):
        table_motion(started, "adopt_line", sponsor, axis=AXES[i % 3], value=0.1)
    plenum = table_motion(started, "publish_testament", "krupskaya", body="plenum")
    out = []
    sessions.order_agenda(started, out)
    assert plenum in started.motions  # plenum business is never kept off
    assert len([m for m in started.motions if m.body != "plenum"]) == limit
    assert sum(1 for e in out if e.kind == "motion_dropped") == len(sponsors) - limit
    assert started.motions[0] is plenum
    assert started.motions[1].sponsor == started.offices["general_secretary"]


def test_a_passed_removal_empties_and_refills_the_office(started):
    m = Motion(started.new_id(), "remove_office", "stalin", target="bukharin", office="pravda_editor")
    out = []
    motions.enact(started, m, out)
    holder = started.offices["pravda_editor"]
    assert holder is not None and started.leaders[holder].active
    assert any(e.kind == "office_lost" and e.leader == "bukharin" for e in out)
    assert started.flags["struck:bukharin"] == started.turn  # a blow the AI lets settle (heuristic._too_soon)


def test_a_removed_holder_is_not_reappointed(started):
    m = Motion(started.new_id(), "remove_office", "rykov", target="trotsky", office="war_commissar")
    motions.enact(started, m, [])
    assert started.offices["war_commissar"] != "trotsky"


def test_passed_promotion_seats_the_target(started):
    m = Motion(started.new_id(), "promote", "stalin", target="voroshilov")
    motions.enact(started, m, [])
    assert "voroshilov" in started.politburo_candidates
    motions.enact(started, m, [])
    assert "voroshilov" in started.politburo_full and "voroshilov" not in started.politburo_candidates


def test_still_valid_drops_overtaken_motions(started):
    m = Motion(started.new_id(), "remove_office", "stalin", target="trotsky", office="war_commissar")
    assert motions.still_valid(started, m)
    started.offices["war_commissar"] = "frunze"
    assert not motions.still_valid(started, m)


def test_needs_cc_for_the_heavier_rungs(started):
    assert motions.needs_cc(started, Motion(1, "sanction", "stalin", target="trotsky", value=1.0)) is None
    assert motions.needs_cc(started, Motion(1, "sanction", "stalin", target="trotsky", value=3.0)) == 0.5
    assert motions.needs_cc(started, Motion(1, "sanction", "stalin", target="trotsky", value=5.0)) == pytest.approx(
        started.world.balance["cc_vote"]["supermajority_expel"])


def test_the_expulsion_supermajority_comes_from_the_balance(started, monkeypatch):
    monkeypatch.setitem(started.world.balance["cc_vote"], "supermajority_expel", 0.9)
    m = Motion(started.new_id(), "sanction", "stalin", target="trotsky", value=5.0, case=0)
    started.cases.append(Case(0, "stalin", "trotsky", "factionalism", 0.5, "", started.turn))
    out = []
    sessions.resolve(started, m, {v: "yes" for v in voters(started)}, out)
    plenum = next(e for e in out if e.kind == "plenum")
    assert plenum.detail["threshold"] == pytest.approx(0.9)


# ---- the posts the Central Committee elects ----------------------------------------------------

def test_relieving_the_general_secretary_needs_a_cc_majority(started):
    """The CC elected the Secretariat: a Politburo vote to relieve the General Secretary (or to
    name one) goes to a CC plenum, and a sanction that would strip him of his posts does too."""
    relieve = Motion(1, "remove_office", "trotsky", target="stalin", office="general_secretary")
    assert motions.needs_cc(started, relieve) == 0.5
    assert motions.needs_cc(started, Motion(1, "appoint_office", "trotsky", target="trotsky",
                                            office="general_secretary")) == 0.5
    assert motions.needs_cc(started, Motion(1, "remove_office", "stalin", target="trotsky",
                                            office="war_commissar")) is None
    posts = Motion(1, "sanction", "trotsky", target="stalin", value=float(LADDER.index("loss_of_posts")))
    assert motions.needs_cc(started, posts) == 0.5
    censure = Motion(1, "sanction", "trotsky", target="stalin", value=float(LADDER.index("censure")))
    assert motions.needs_cc(started, censure) is None


def test_a_cc_that_owes_the_general_secretary_keeps_him(started):
    """A unanimous Politburo cannot fire a General Secretary whose men fill the CC."""
    started.cc = [CCSeat("stalin", seat.lean) for seat in started.cc]
    m = table_motion(started, "remove_office", "trotsky", target="stalin", office="general_secretary")
    started.motions.remove(m)
    out = []
    sessions.resolve(started, m, {v: "yes" for v in voters(started)}, out)
    plenum = next(e for e in out if e.kind == "plenum")
    assert not plenum.detail["passed"] and "CC plenum" in plenum.text
    assert started.offices["general_secretary"] == "stalin"


def test_a_general_secretary_stripped_of_his_posts_is_replaced(started):
    started.cases.append(Case(0, "trotsky", "stalin", "factionalism", 0.5, "", started.turn))
    m = Motion(started.new_id(), "sanction", "trotsky", target="stalin",
               value=float(LADDER.index("loss_of_posts")), case=0)
    motions.enact(started, m, [])
    holder = started.offices["general_secretary"]
    assert holder is not None and holder != "stalin"


def test_raising_a_man_into_the_politburo_needs_the_cc(started):
    """The Politburo does not co-opt itself: the CC elected it, so a motion to raise a member goes
    to a CC plenum as a motion to remove one does, and a CC of the sponsor's rivals refuses it."""
    assert motions.needs_cc(started, Motion(1, "promote", "stalin", target="molotov")) == 0.5
    started.cc = [CCSeat("trotsky", seat.lean) for seat in started.cc]
    for ld in started.leaders.values():
        if ld.in_cc and ld.id not in ("stalin", "molotov") and ld.patron == "stalin":
            ld.patron = "trotsky"
    m = table_motion(started, "promote", "stalin", target="molotov")
    started.motions.remove(m)
    before = list(started.politburo_full)
    out = []
    sessions.resolve(started, m, {v: "yes" for v in voters(started)}, out)
    plenum = next(e for e in out if e.kind == "plenum")
    assert not plenum.detail["passed"] and "CC plenum" in plenum.text
    assert started.politburo_full == before and "molotov" not in started.politburo_full


def test_the_politburo_fills_its_empty_seats_but_does_not_grow_between_congresses(started):
    """The CC elected seven full members and four candidates in 1923; Lenin's death left a seat
    empty. A motion may fill it, but once every seat is taken nobody else can be raised until a
    Congress elects a larger Politburo (7 to 9 in January 1926)."""
    assert motions.politburo_seats(started) == (7, 4)
    assert len(started.politburo_full) == 6
    check = lambda target: motions.check_table(started, "stalin", "promote", target, None, None, 0)  # noqa: E731
    assert check("molotov") is None  # a candidate into Lenin's empty seat
    started.politburo_candidates.remove("molotov")
    started.politburo_full.append("molotov")
    assert "every seat is taken" in check("kalinin")  # seven full members: no room for an eighth
    assert check("dzerzhinsky") is None  # Molotov's candidate seat is empty now
    started.politburo_candidates.append("dzerzhinsky")
    assert "every seat is taken" in check("frunze")


def test_a_congress_sets_the_size_of_the_politburo_it_elects(started):
    from game.ai import lists
    from game.rules import congress

    assert lists.full_seats_to_elect(started) == 6  # a plenum only fills the places it empties
    started.flags["cc_plenum_due"] = (9, 5)  # the 14th Congress's CC meets next quarter
    assert lists.full_seats_to_elect(started) == 9
    started.flags.pop("cc_plenum_due")
    started.flags["congress_due"] = "early"  # an early Congress adds one seat
    assert lists.full_seats_to_elect(started) == 7
    started.flags.pop("congress_due")
    congress.elect_politburo(started, 9, 5, [])
    assert motions.politburo_seats(started) == (len(started.politburo_full), len(started.politburo_candidates))


def test_a_number_missing_from_the_balance_file_is_bad_input_naming_it(tmp_path):
    """A scenario author who deletes a line of balance.toml gets one line naming the file and the
    field when the rules first ask for it, not a KeyError."""
    from game.errors import BadInput
    from game.world import BALANCE_PATH, load_balance

    text = BALANCE_PATH.read_text(encoding="utf-8")
    edited = tmp_path / "balance.toml"
    edited.write_text("\n".join(line for line in text.splitlines() if not line.startswith("patience =")),
                      encoding="utf-8")
    balance = load_balance(edited)
    assert balance["ai"]["urgent_share"] == 1.0
    with pytest.raises(BadInput) as err:
        balance["ai"]["patience"]
    assert str(err.value) == f"{edited}: ai.patience: missing (the rules need it; see docs/model.md)"
    with pytest.raises(BadInput, match=r"\[nowhere\]: missing"):
        balance["nowhere"]
