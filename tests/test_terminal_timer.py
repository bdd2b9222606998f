"""The class's turn timer in the terminal: the prompt shows the time left, a reply that comes after
the time ran out ends the seat's turn (or takes a question's default) through Session.time_up,
and the clock is injectable (POLITBURO_TEST_CLOCK through the real command line, a StepClock in
process), so none of this waits on the wall clock."""

from __future__ import annotations

import io
import json

from conftest import run_cli

from game import classroom
from game.session import Session
from game.tui import StepClock, TerminalGame


def test_turn_timer_through_the_command_line(tmp_path):
    # 60 s a seat, and each line of input "takes" 25 s: the third reply comes too late
    proc = run_cli(["play", "--ui", "terminal", "--preset", "one_period", "--hotseat", "stalin,trotsky", "--seed", "1",
                    "--timer", "60", "--save", str(tmp_path / "g.json")],
                   stdin="\n" + "power\nstatus\npublish econ\n" + "quit\n", home=tmp_path / "home",
                   env={"POLITBURO_TEST_CLOCK": "25"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "Turn timer: 1:00 a seat" in out
    assert "[1926Q1 Stalin, 1 AP, 1:00 left] > power" in out
    assert "[1926Q1 Stalin, 1 AP, 0:35 left] > status" in out
    assert "0:10 left] > publish econ" in out and "Time is up: Stalin's turn ends." in out
    assert "--- Pass to Comrade Trotsky" in out.split("Time is up: Stalin's turn ends.")[1]
    log = json.loads((tmp_path / "g.json").read_text())["actions"]
    mine = [a for a in log if a.get("actor") == "stalin"]
    assert mine[0] == {"kind": "end_turn", "actor": "stalin"}  # the late "publish econ" was not acted on


def test_without_a_timer_the_prompt_shows_no_clock(tmp_path):
    proc = run_cli(["play", "--ui", "terminal", "--scenario", "1929", "--as", "stalin", "--seed", "1"],
                   stdin="quit\n", home=tmp_path, env={"POLITBURO_TEST_CLOCK": "25"})
    assert proc.returncode == 0 and "[1929Q1 Stalin, " in proc.stdout and " left]" not in proc.stdout


def test_a_bad_test_clock_is_one_line(tmp_path):
    proc = run_cli(["play", "--ui", "terminal", "--scenario", "1929", "--as", "stalin", "--timer", "60"],
                   stdin="quit\n", home=tmp_path, env={"POLITBURO_TEST_CLOCK": "soon"})
    assert proc.returncode == 2 and proc.stderr.strip().splitlines() == [
        "POLITBURO_TEST_CLOCK must be the seconds each line of input takes (got 'soon')"]


def test_questions_take_their_default_when_time_runs_out():
    s = Session.new("1927", 1, seats={"stalin": "human", "trotsky": "human"})
    s.classroom = classroom.options_for("one_period", "", 60)
    out = io.StringIO()
    # every reply takes 61 s: every turn ends and every question is answered by the clock
    TerminalGame(s, io.StringIO("\n" * 3000), out, hotseat=True, clock=StepClock(61)).run()
    text = out.getvalue()
    assert s.over and "THE END" in text
    assert "Time is up: Stalin's turn ends." in text and "Time is up: Stalin takes the default answer" in text
    assert "yes/no [yes], 1:00 left: " in text
    assert all(a["kind"] in ("end_turn", "decide") for a in s.log if a.get("actor") in ("stalin", "trotsky"))


def test_turn_timer_counts_each_seat_and_question_afresh():
    t = classroom.TurnTimer(60)
    assert t.watch((1, "stalin", "intrigue")) == 60
    assert not t.spend((1, "stalin", "intrigue"), 45) and t.left == 15
    assert t.watch((1, "trotsky", "intrigue")) == 60  # the next seat starts with the whole minute
    assert t.spend((1, "trotsky", "intrigue"), 60) and t.left is None
    assert classroom.clock_text(59.2) == "1:00" and classroom.clock_text(0.1) == "0:01"
