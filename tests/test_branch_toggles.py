"""What-if switches at a branch: accepted only while everything they change lies ahead, refused with
the reason otherwise, replayed at the same move when the branch is loaded, and reachable from the
command line (`politburo load SAVE --branch Q --toggle NAME`)."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from game.errors import BadInput
from game.session import Session
from game.whatif import toggle_moments, toggle_refusal


@pytest.fixture(scope="module")
def game_1926() -> dict:
    """A finished 1926 game (Stalin a human seat, played by the AI's choices), as save data."""
    s = Session.new("1926", seed=5, seats={"stalin": "human"})
    while not s.over:
        s.submit(s.ai_action(s.current_actor()))
    return s.to_save()


def test_a_switch_whose_events_lie_ahead_changes_the_future_only(game_1926):
    b = Session.branch(game_1926, "1926Q2", toggles=["dzerzhinsky_lives", "dzerzhinsky_lives"])
    assert b.state.toggles == ("dzerzhinsky_lives",) and b.start_toggles() == ()
    assert b.chronicle[-1].kind == "what_if" and "Dzerzhinsky survives" in b.chronicle[-1].text
    assert b.classroom.origin["toggles"] == ["dzerzhinsky_lives"]
    plain = Session.branch(game_1926, "1926Q2")
    assert plain.state.flags.get("dzerzhinsky_lives") is None
    while not b.over:
        b.submit(b.ai_action(b.current_actor()))
    assert b.state.leaders["dzerzhinsky"].status != "dead"  # in history he died in July 1926


def test_a_branch_with_switches_saves_and_replays_exactly(game_1926, tmp_path):
    b = Session.branch(game_1926, "1926Q2", toggles=["dzerzhinsky_lives"])
    for _ in range(40):
        b.submit(b.ai_action(b.current_actor()))
    path = b.save(tmp_path / "b.json")
    data = json.loads(path.read_text())
    assert data["toggles"] == [] and data["switches"] == [{"at": b.switches[0][0], "toggles": ["dzerzhinsky_lives"]}]
    again = Session.load(path)
    assert again.state.state_hash() == b.state.state_hash() and again.switches == b.switches
    # a branch of the branch keeps the switch if it starts after it, and drops it if before
    assert Session.branch(data, "1926Q3").state.toggles == ("dzerzhinsky_lives",)
    assert Session.branch(data, "1926Q1").state.toggles == ()


def test_a_switch_whose_moment_has_passed_is_refused_with_the_reason(game_1926):
    with pytest.raises(BadInput) as late:
        Session.branch(game_1926, "1926Q3", toggles=["dzerzhinsky_lives"])
    assert "too late at 1926Q3" in late.value.problems[0] and "Dzerzhinsky dies" in late.value.problems[0]
    with pytest.raises(BadInput) as before:
        Session.branch(game_1926, "1926Q2", toggles=["testament_published"])
    assert "before this scenario begins" in before.value.problems[0]
    with pytest.raises(BadInput) as unknown:
        Session.branch(game_1926, "1926Q2", toggles=["bogus", "dzerzhinsky_lives"])
    assert len(unknown.value.problems) == 1 and "unknown toggle 'bogus'" in unknown.value.problems[0]


def test_the_first_quarters_events_come_before_any_branch():
    s = Session.new("1924", seed=1)
    s.advance()
    reason = toggle_refusal(Session.branch(s.to_save(), "1924Q1").state, "trotsky_at_funeral")
    assert "start a new game with it" in reason
    assert [m.event for m in toggle_moments(s.state.world, "trotsky_at_funeral")] == ["funeral", "funeral_trotsky_present"]


def test_a_switch_that_rewrites_starting_facts_is_refused(tmp_path):
    path = tmp_path / "fact.toml"
    path.write_text('extends = "1926"\n[toggles.stronger_trotsky]\ntitle = "Trotsky rested"\n'
                    'leaders = { trotsky = { prestige = 90 } }\n')
    s = Session.new(str(path), seed=1)
    s.advance()
    assert "rewrites starting facts (Trotsky)" in toggle_refusal(s.state, "stronger_trotsky")


def test_switches_from_the_command_line(game_1926, tmp_path):
    save = tmp_path / "g.json"
    save.write_text(json.dumps(game_1926))
    home = tmp_path / "home"
    ok = run_cli(["load", str(save), "--branch", "1926Q2", "--toggle", "dzerzhinsky_lives", "--ui", "terminal"],
                 stdin="quit\n", home=home)
    assert ok.returncode == 0, ok.stderr
    assert "What-if from here on: Dzerzhinsky survives July 1926" in ok.stdout
    branch = next((home / "data" / "saves").glob("g-branch-1926q2*.json"))
    assert json.loads(branch.read_text())["switches"][0]["toggles"] == ["dzerzhinsky_lives"]
    listing = run_cli(["load"], home=home)
    assert "with dzerzhinsky_lives" in listing.stdout
    for args, words in ((["--branch", "1926Q2", "--toggle", "bogus"], "unknown toggle 'bogus'"),
                        (["--branch", "1926Q4", "--toggle", "dzerzhinsky_lives"], "too late at 1926Q4"),
                        (["--toggle", "dzerzhinsky_lives"], "--toggle needs --branch")):
        bad = run_cli(["load", str(save), *args], home=home)
        assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1 and words in bad.stderr, bad.stderr
