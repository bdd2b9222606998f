"""Classroom features through the Session API, without a window: presets and the action-point cap,
the turn timer, saves named by the class, branches, forcing a vote's waverers, the historian's
view, the model sheet and the CSV of a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import actions as A
from game import classroom, historian, modelsheet, saves
from game.errors import BadInput, IllegalAction
from game.events import Event
from game.session import Session
from game.whatif import plan_flip


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def play_out(s: Session, until_turn: int | None = None) -> Session:
    """Human seats end their turns and take the default answers; the AI plays under the class rules."""
    while not s.over and (until_turn is None or s.state.turn < until_turn):
        s.run_ai()
        if s.over or (until_turn is not None and s.state.turn >= until_turn):
            break
        actor, d = s.current_actor(), s.pending()
        s.act(A.Decide(actor, d.id, d.default) if d else A.EndTurn(actor))
    return s


@pytest.fixture(scope="module")
def full_save(tmp_path_factory) -> tuple[Path, Session]:
    """A whole 1924 game with Stalin human (ending his turns), saved: the source of branches."""
    s = play_out(Session.new("1924", 1, seats={"stalin": "human"}))
    path = tmp_path_factory.mktemp("saves") / "whole.json"
    s.save(path)
    return path, s


# ---- presets and the action-point cap ------------------------------------------------------------

def test_presets_give_their_options():
    one = classroom.options_for("one_period", "  Class 9B ", 180)
    assert one.ap_limit == 1 and one.timer == 180 and one.class_name == "Class 9B"
    assert classroom.PRESETS["one_period"].scenario == "1926"
    demo = classroom.options_for("demo", "", 180)
    assert demo.timer == 0 and demo.pace and classroom.PRESETS["demo"].spectate
    assert classroom.options_for("full_campaign").ap_limit is None
    with pytest.raises(BadInput):
        classroom.options_for("marathon")
    with pytest.raises(BadInput):
        classroom.check_class_name("!!!")


def test_cap_refuses_and_ends_the_turn_and_the_ai_keeps_it_too():
    s = Session.new("1927", 2, seats={"stalin": "human"})
    s.classroom = classroom.options_for("one_period").copy(ap_limit=2)
    s.run_ai()
    me = "stalin"
    assert s.current_actor() == me and s.allowance(me) == 2
    publish = [a for a in s.legal_for(me) if a.kind == "publish"]
    s.act(publish[0])
    assert s.spent(me) == 1 and s.current_actor() == me
    two = A.LaunchEnrolment(me)
    if s.check(two) is None:  # costs 2: over what is left
        assert "action point" in s.check_act(two)
        with pytest.raises(IllegalAction):
            s.act(two)
        assert two not in s.legal_for(me)
    s.act([a for a in s.legal_for(me) if a.kind == "publish"][0])
    assert s.log[-1] == {"kind": "end_turn", "actor": me}  # the cap ended his turn by itself
    assert s.state.leaders[me].ap >= 1  # though the rules would have let him go on
    # every AI seat spent at most the cap this quarter
    turn = s.state.turn
    play_out(s, until_turn=turn + 1)
    assert all(v <= 2 for v in s._spent.values())


def test_class_options_survive_a_save_in_mid_quarter(tmp_path):
    s = Session.new("1927", 3, seats={"stalin": "human"})
    s.classroom = classroom.options_for("one_period", "9B", 180)
    s.run_ai()
    s.act([a for a in s.legal_for("stalin") if a.kind == "publish"][0])
    path = s.save(tmp_path / "mid.json")
    data = json.loads(path.read_text())
    assert data["classroom"]["preset"] == "one_period" and data["classroom"]["timer"] == 180
    back = Session.load(path)
    assert back.classroom.ap_limit == 1 and back.classroom.timer == 180 and back.classroom.class_name == "9B"
    assert back.spent("stalin") == 1 and back.allowance("stalin") == 0


def test_a_plain_save_has_no_classroom_section(tmp_path):
    s = Session.new("1924", 1, seats={"stalin": "human"})
    data = s.to_save()
    assert "classroom" not in data and "forced" not in data


@pytest.mark.parametrize("field,value,expect", [
    ("classroom", {"preset": "nap"}, "classroom.preset"),
    ("classroom", {"ap_limit": 0}, "classroom.ap_limit"),
    ("classroom", {"timer": "soon"}, "classroom.timer"),
    ("classroom", [], "classroom"),
    ("forced", {"1924Q1:vote:3:kalinin": 1.5}, "forced."),
    ("forced", [], "forced"),
])
def test_bad_class_fields_in_a_save_are_named(tmp_path, field, value, expect):
    s = Session.new("1924", 1, seats={"stalin": "human"})
    data = s.to_save()
    data[field] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(BadInput) as err:
        Session.load(path)
    assert expect in err.value.problems[0]


def test_time_up_ends_the_turn_or_answers_by_default():
    s = Session.new("1924", 1, seats={"stalin": "human"})
    s.advance()
    turn = s.state.turn
    assert s.time_up("trotsky") == []  # not his move: nothing happens
    s.time_up("stalin")
    assert s.log[-1] == {"kind": "end_turn", "actor": "stalin"} or s.state.turn != turn
    for _ in range(400):  # on to a question for Stalin, answered by the clock
        s.advance()
        d = s.pending()
        if d is not None and d.leader == "stalin":
            s.time_up("stalin")
            assert s.log[-1]["kind"] == "decide" and s.log[-1]["choice"] == d.default
            break
        if s.over:
            break
        s.time_up(s.current_actor())


# ---- saves named by the class ----------------------------------------------------------------------

def test_class_save_path_and_listing(home):
    path = classroom.class_save_path("Class 9B (Tuesday)", "1927")
    assert path.name == "class-9b-tuesday-1927.json" and path.parent == home / "data" / "saves"
    s = Session.new("1927", 1, seats={"stalin": "human"})
    s.classroom = classroom.options_for("one_period", "Class 9B (Tuesday)")
    s.save(path, keep_previous=True)
    s.save(path, keep_previous=True)  # leaves a .prev.json beside it, which is not listed
    assert classroom.list_saves() == [path]
    assert classroom.find_save("class-9b-tuesday-1927") == path
    assert classroom.find_save("Class 9B (Tuesday)-1927") == path
    with pytest.raises(BadInput):
        classroom.class_save_path("", "1927")


# ---- branches and what-ifs ---------------------------------------------------------------------------

def test_branch_from_a_quarter_replays_exactly_to_its_start(full_save):
    path, whole = full_save
    data = saves.read_save(path)
    b = Session.branch(data, "1926Q1", label=str(path))
    assert b.state.quarter == "1926Q1" and not b.over
    assert b.hashes["1925Q4"] == whole.hashes["1925Q4"]
    assert b.classroom.origin == {"save": str(path), "quarter": "1926Q1"}
    assert len(b.log) < len(whole.log) and whole.log[:len(b.log)] == b.log
    with pytest.raises(BadInput, match="outside this game"):
        Session.branch(data, "1923Q1")
    with pytest.raises(BadInput, match="quarter like"):
        Session.branch(data, "spring")


def test_what_if_vote_turns_the_waverers_and_the_branch_saves(full_save, tmp_path):
    path, whole = full_save
    data = saves.read_save(path)
    waver = whole.state.world.balance["vote"]["waver"]
    votes = whole.past_votes()
    flippable = [e for e in votes if plan_flip(e, waver).possible]
    assert flippable, "a whole game has at least one vote that chance could have turned"
    event = flippable[0]
    motion = event.detail["motion"]
    plan, b = Session.what_if_vote(data, motion, label=str(path))
    assert plan.possible and plan.forced and all(k.startswith(f"{event.turn}:vote:{motion}:") for k in plan.forced)
    again = next(e for e in b.chronicle if e.kind == "vote" and e.detail.get("motion") == motion)
    assert again.detail["passed"] != event.detail["passed"]
    assert b.classroom.origin["motion"] == motion and b.classroom.origin["quarter"] == event.turn
    # the branch saves with its forced draws and loads back to the same state
    out = b.save(tmp_path / "whatif.json")
    assert json.loads(out.read_text())["forced"] == plan.forced
    assert Session.load(out).state.state_hash() == b.state.state_hash()


def test_a_vote_chance_could_not_turn_says_why(full_save):
    path, whole = full_save
    data = saves.read_save(path)
    waver = whole.state.world.balance["vote"]["waver"]
    firm = [e for e in whole.past_votes() if not plan_flip(e, waver).possible]
    assert firm
    plan, b = Session.what_if_vote(data, firm[0].detail["motion"])
    assert b is None and not plan.possible
    text = "\n".join(plan.lines(whole.state.world.name))
    assert "could not" in text and "lean" in text


def test_plan_flip_arithmetic_on_a_made_up_vote():
    def vote(lean, waver, v, human=False):
        return {"vote": v, "lean": lean, "waver": waver, "human": human, "reasons": [["trusts X", lean]]}

    e = Event("1925Q2", "vote", "x", detail={"motion": 9, "title": "T", "passed": True, "yes": 4, "no": 3, "votes": {
        "a": vote(5.5, 1.0, "yes"), "b": vote(2.0, 0.0, "yes"), "c": vote(30.0, 0.0, "yes"),
        "d": vote(1.0, 0.0, "yes", human=True), "e": vote(-9.0, 0.0, "no"), "f": vote(-9.0, 0.0, "no"),
        "g": vote(-9.0, 0.0, "no")}})
    plan = plan_flip(e, 6.0)
    assert plan.needed == 1 and plan.possible
    assert plan.forced == {"1925Q2:vote:9:b": 0.0}  # the man nearest zero, pushed to -6
    assert [s.voter for s in plan.firm] == ["c"] and plan.players == ["d"]
    e.detail["votes"]["b"]["lean"] = 6.5
    e.detail["votes"]["a"]["lean"] = 6.1
    assert not plan_flip(e, 6.0).possible  # nobody of the majority within reach of the wavering


# ---- the historian's view -------------------------------------------------------------------------------

def test_historian_reveals_secret_pacts_trust_and_hidden_moves():
    s = Session.new("1924", 1, seats={"stalin": "human", "trotsky": "human"})
    play_out(s)
    sections = {sec.key: sec for sec in historian.reveal(s)}
    assert set(sections) == {"pacts", "moves", "trust", "chance", "ai"}
    secret = [e for e in s.chronicle if e.kind == "pact_formed" and e.detail.get("secret")]
    heads = [ln for ln in sections["pacts"].lines if ln.style == "head"]
    assert len(heads) == len(secret)
    assert any("Toward Stalin" in ln.text for ln in sections["trust"].lines)
    assert any("Toward Trotsky" in ln.text for ln in sections["trust"].lines)
    text = "\n".join(historian.as_text(s))
    assert "HISTORIAN" in text and "SECRET PACTS" in text and "THE AI'S INTENTIONS" in text


# ---- the model sheet -------------------------------------------------------------------------------------

def test_model_sheet_has_every_section_with_live_numbers():
    balance = modelsheet.load_balance()
    title, _, sections = modelsheet.build(balance)
    titles = [s.title for s in sections]
    assert title == "How the model works" and any("Votes" in t for t in titles)
    votes = next(s for s in sections if "Votes" in s.title)
    assert any(lv.key == "waver" and lv.value == balance["vote"]["waver"] for lv in votes.live)
    assert any(b.kind == "table" for b in votes.blocks)
    assert any(s.title == "What the model simplifies (for discussion)" for s in sections)


def test_model_sheet_flags_a_number_the_file_has_changed():
    md = ("# Model\n\nIntro.\n\n## Votes\n\nThe wavering is ±`waver` = 99, and 3 motions are heard "
          "(`max_motions_per_session`).\n\n- a bullet with `patron`\n  continued\n")
    balance = {"vote": {"waver": 6.0, "patron": 30.0}, "turn": {"max_motions_per_session": 3}}
    _, intro, sections = modelsheet.build(balance, md)
    votes = sections[0]
    assert intro == "Intro."
    assert votes.stale == ["The text says 99 for waver; the game now uses 6."]
    assert "waver = 6" in votes.blocks[0].text and "max_motions_per_session = 3" in votes.blocks[0].text
    assert votes.blocks[1].kind == "bullet" and votes.blocks[1].text == "a bullet with patron = 30 continued"
    assert any(s.title == "Other numbers" for s in sections)


def test_model_sheet_without_the_page_lists_the_numbers():
    balance = modelsheet.load_balance()
    _, intro, sections = modelsheet.build(balance, md="")
    assert "not installed" in intro and all(s.live for s in sections)
    with pytest.raises(BadInput):
        modelsheet.as_text(balance, "no such section")


# ---- the CSV of a batch ------------------------------------------------------------------------------------

def test_lab_csv_has_the_columns_of_simulate_csv(tmp_path):
    import threading

    from game.simulate import simulate
    from game.ui.scenes.lab import run_batch

    simulate("1928", 3, seed=5, workers=1, csv_path=tmp_path / "sim.csv", progress=False)
    result = run_batch("1928", (), 3, 5, [0], threading.Event(), 1)
    path = classroom.export_batch(result["rows"], "1928", (), 5)
    assert path.parent == classroom.exports_dir()
    assert path.read_bytes() == (tmp_path / "sim.csv").read_bytes()
    with pytest.raises(BadInput):
        classroom.batch_csv([])


def test_paired_difference_and_changed_winner():
    a = [{"seed": i, "top_leader": "stalin"} for i in range(10)]
    b = [{"seed": i, "top_leader": "stalin" if i < 4 else "bukharin"} for i in range(10)]
    d, lo, hi = classroom.paired_difference(a, b, "stalin")
    assert d == pytest.approx(-0.6) and lo < d < hi < 0
    assert classroom.paired_difference(a, a, "stalin") == (0.0, 0.0, 0.0)
    assert classroom.changed_winner(a, b) == (6, 10)
    assert classroom.t95(4) == 2.78 and classroom.t95(11) == 2.23 and classroom.t95(5000) == 1.96


def test_the_model_page_agrees_with_the_balance_file():
    """No number in docs/model.md next to a key contradicts balance.toml (the sheet would flag it
    to the player), and the AI's section carries the AI's own numbers."""
    _, _, sections = modelsheet.build(modelsheet.load_balance())
    assert [(s.title, s.stale) for s in sections if s.stale] == []
    ai = next(s for s in sections if s.title == "How the AI plays a turn")
    assert {live.key for live in ai.live} >= {"patience", "urgent_share", "worse_enemy_share", "unbroken_share"}
