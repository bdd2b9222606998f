"""The classroom through the real command line: a class preset played in the terminal and saved
under the class's name, `politburo load` listing and resuming it, branching it from a quarter or
from a vote, the terminal's model sheet and the historian's view after a hot-seat game."""

from __future__ import annotations

import json
import subprocess

from conftest import run_cli

run = run_cli  # the shared runner (conftest)


def clean_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_a_class_game_is_saved_under_its_name_listed_and_branched(tmp_path):
    home = tmp_path / "home"
    # one period, half a lesson: a few quarters, then quit
    proc = run(["play", "--ui", "terminal", "--preset", "one_period", "--class", "Class 9B", "--as", "stalin",
                "--seed", "3", "--timer", "180"], stdin="status\nmodel\nmodel votes\n" + "\n" * 40 + "quit\n", home=home)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "One period" in out and "class-9b-1926.json" in out and "Turn timer: 3:00 a seat" in out
    assert "this class plays with 1 a quarter" in out          # status shows the cap
    assert "Sections (model N" in out and "waver = " in out    # the model sheet in the terminal
    save = home / "data" / "saves" / "class-9b-1926.json"
    data = json.loads(save.read_text())
    assert data["classroom"]["preset"] == "one_period" and data["classroom"]["timer"] == 180
    # the next lesson: the list, and the game by its name
    listing = run(["load"], home=home)
    assert listing.returncode == 0 and "class-9b-1926" in listing.stdout and "Class Class 9B" in listing.stdout
    votes = run(["load", "class-9b-1926", "--votes"], home=home)
    assert votes.returncode == 0, votes.stderr
    resumed = run(["load", "class-9b-1926", "--ui", "terminal"], stdin="\n" * 3000, home=home)
    assert resumed.returncode == 0 and "THE END" in resumed.stdout, resumed.stderr[-2000:]
    assert json.loads(save.read_text())["over"] is True     # it went on saving in the class's file
    # a branch from a quarter: a new file, the original untouched
    before = save.read_bytes()
    branch = run(["load", "class-9b-1926", "--branch", "1928Q1", "--ui", "terminal"], stdin="quit\n", home=home)
    assert branch.returncode == 0, branch.stderr[-2000:]
    assert "A new branch" in branch.stdout and save.read_bytes() == before
    copies = list((home / "data" / "saves").glob("class-9b-1926-branch-1928q1*.json"))
    assert len(copies) == 1 and json.loads(copies[0].read_text())["quarter"] == "1928Q1"


def test_reverse_vote_from_the_command_line(tmp_path):
    home = tmp_path / "home"
    save = tmp_path / "whole.json"
    proc = run(["play", "--ui", "terminal", "--scenario", "1924", "--as", "stalin", "--seed", "1", "--save", str(save)],
               stdin="\n" * 3000, home=home)
    assert proc.returncode == 0, proc.stderr[-2000:]
    listing = run(["load", str(save), "--votes"], home=home).stdout
    rows = [line.split() for line in listing.splitlines() if line.startswith("  ")]
    firm = next(r[0] for r in rows if "firm" in " ".join(r))
    turnable = next(r[0] for r in rows if "chance could reverse it" in " ".join(r))
    flipped = run(["load", str(save), "--reverse-vote", turnable, "--ui", "terminal"], stdin="quit\n", home=home)
    assert flipped.returncode == 0, flipped.stderr[-2000:]
    assert "Chance alone could have done it" in flipped.stdout and "A new branch" in flipped.stdout
    refused = run(["load", str(save), "--reverse-vote", firm, "--ui", "terminal"], home=home)
    assert "could not" in clean_error(refused) and "decided by his reasons" in refused.stdout
    assert "no Politburo vote on motion 99999" in clean_error(run(["load", str(save), "--reverse-vote", "99999"], home=home))
    assert "outside this game" in clean_error(run(["load", str(save), "--branch", "1931Q1"], home=home))
    assert "not both" in clean_error(run(["load", str(save), "--branch", "1925Q1", "--reverse-vote", "3"], home=home))


def test_bad_class_options_are_one_line(tmp_path):
    assert "class name" in clean_error(run(["play", "--ui", "terminal", "--class", "!!!", "--as", "stalin"], home=tmp_path))
    assert "timer" in clean_error(run(["play", "--ui", "terminal", "--timer", "-5", "--as", "stalin"], home=tmp_path))
    assert "invalid choice" in clean_error(run(["play", "--preset", "marathon"], home=tmp_path))
    assert "no such file" in clean_error(run(["load", "nonexistent-class"], home=tmp_path))


def test_hot_seat_in_the_terminal_ends_with_the_historians_view(tmp_path):
    proc = run(["play", "--ui", "terminal", "--scenario", "1929", "--hotseat", "stalin,bukharin", "--seed", "2"],
               stdin="\n" * 4000, home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    end = out.index("THE END")
    assert "THE HISTORIAN'S VIEW" in out[end:] and "PRIVATE LOYALTIES" in out[end:] and "Toward Bukharin" in out[end:]


def test_demo_preset_in_the_terminal_is_a_spectator_game(tmp_path):
    proc = run(["play", "--ui", "terminal", "--preset", "demo", "--scenario", "1929", "--seed", "4"], home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Autoplay" in proc.stdout and "THE END" in proc.stdout
