"""Hostile inputs, each with the one clear line it must get, through the real command line:
exit 2, no traceback, and the file read is left exactly as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "scenarios" / "1924.toml").read_text(encoding="utf-8")


def cli(args: list[str], home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, POLITBURO_HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120, stdin=subprocess.DEVNULL)


def refused(proc: subprocess.CompletedProcess, expect: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout[-500:], proc.stderr[-500:])
    assert "Traceback" not in proc.stderr + proc.stdout
    assert expect in proc.stderr, proc.stderr


SCENARIO_CASES = {
    "syntax": ("[scenario\n", "TOML syntax error"),
    "empty": ("", "empty file"),
    "wrong type": (BASE.replace('start = "1924Q1"', "start = 1924", 1), "scenario.start"),
    "unknown id": (BASE.replace('general_secretary  = "stalin"', 'general_secretary  = "nobody"', 1),
                   "offices.general_secretary: unknown leader id"),
    "huge number": (BASE.replace("prestige = 80", "prestige = 1e308", 1), "prestige"),
    "nan": (BASE.replace("prestige = 80", "prestige = nan", 1), "finite"),
    "control characters": (BASE.replace('title = "The Death of Lenin"', 'title = "The Death\\u0007 of Lenin"', 1),
                           "control characters"),
    "deep nesting": ("x = " + "[" * 5000 + "]" * 5000 + "\n", "bad.toml"),
    "not utf-8": (b"\xff\xfe\x00garbage".decode("latin-1"), "bad.toml"),
    "extends unknown": ('extends = "1066"\n' + BASE, "extends: unknown scenario '1066'"),
    "extends escape": ('extends = "../../etc/passwd"\n', "extends: must be a scenario id"),
    "impossible count": (BASE.replace('[politburo]\nfull = [', '[politburo]\nfull = ["stalin", "stalin", ', 1),
                         "politburo.full"),
}


@pytest.mark.parametrize("case", sorted(SCENARIO_CASES))
def test_hostile_scenarios(tmp_path, case):
    text, expect = SCENARIO_CASES[case]
    path = tmp_path / "bad.toml"
    if case == "not utf-8":
        path.write_bytes(b"\xff\xfe\x00garbage")
    else:
        path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    refused(cli(["validate", str(path)], tmp_path), expect)
    assert path.read_bytes() == before


def test_extends_cycle_is_refused(tmp_path, monkeypatch):
    from game import scenario
    from game.errors import BadInput

    monkeypatch.setattr(scenario, "SCENARIO_DIR", tmp_path)
    (tmp_path / "a.toml").write_text('extends = "b"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a"\n', encoding="utf-8")
    with pytest.raises(BadInput, match="cycle"):
        scenario.load_model(str(tmp_path / "a.toml"))


def test_huge_and_non_files(tmp_path):
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 1_100_000, encoding="utf-8")
    refused(cli(["validate", str(big)], tmp_path), "file too large")
    refused(cli(["validate", str(tmp_path)], tmp_path), "not a file")


@pytest.fixture(scope="module")
def good_save(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("home")
    path = home / "game.json"
    proc = cli(["play", "--autoplay", "--scenario", "1929", "--seed", "6", "--save", str(path)], home)
    assert proc.returncode == 0, proc.stderr[-1000:]
    return json.loads(path.read_text())


def _forge(good: dict, **changes) -> dict:
    data = json.loads(json.dumps(good))
    data.update(changes)
    return data


SAVE_CASES = {
    "truncated": (lambda g: json.dumps(g)[:200], "damaged save"),
    "empty": (lambda g: "", "empty file"),
    "random bytes": (lambda g: "\x00\x13garbage\x7f" * 10, "damaged save"),
    "another program's json": (lambda g: json.dumps({"name": "notes", "items": [1, 2]}), "not a Politburo save"),
    "future version": (lambda g: json.dumps(_forge(g, version=99)), "newer version"),
    "scenario changed": (lambda g: json.dumps(_forge(g, scenario_hash="0" * 16)), "has changed since"),
    "illegal action": (lambda g: json.dumps(_forge(g, actions=[{"kind": "appoint", "actor": "trotsky",
                                                                "region": "moscow"}] + g["actions"])),
                       "actions.0: illegal"),
    "out of order": (lambda g: json.dumps(_forge(g, actions=list(reversed(g["actions"])))), "actions.0"),
    "unknown action": (lambda g: json.dumps(_forge(g, actions=[{"kind": "coup", "actor": "stalin"}])),
                       "unknown action kind"),
    "wrong seat": (lambda g: json.dumps(_forge(g, seats={"stalin": "emperor"})), "seats"),
}


@pytest.mark.parametrize("case", sorted(SAVE_CASES))
def test_hostile_saves(tmp_path, good_save, case):
    make, expect = SAVE_CASES[case]
    path = tmp_path / "save.json"
    path.write_text(make(good_save), encoding="utf-8")
    before = path.read_bytes()
    refused(cli(["load", str(path)], tmp_path), expect)
    assert path.read_bytes() == before


@pytest.mark.parametrize("args,expect", [
    (["play", "--seed", "minus-one"], "invalid int value"),
    (["play", "--scenario", "1924", "--as", "stalin", "--seed", "-5"], "seed must be"),
    (["play", "--scenario", "1924", "--hotseat", "stalin,stalin"], "--hotseat"),
    (["simulate", "--scenario", "1924", "--runs", "5", "--workers", "0"], "--workers"),
    (["screenshot", "board", "--out", "x.png", "--size", "10x10"], "--size"),
    (["replay", "--scenario", "nowhere"], "unknown scenario"),
    (["bogus-command"], "invalid choice"),
])
def test_hostile_arguments(tmp_path, args, expect):
    refused(cli(args, tmp_path), expect)


def test_killed_mid_game_the_next_start_continues(tmp_path):
    """Kill the game with SIGKILL while it waits for input; the next start offers the autosave,
    which is at most the quarter in progress behind."""
    import signal
    import time

    env = dict(os.environ, POLITBURO_HOME=str(tmp_path), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("DISPLAY", None)
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "play", "--ui", "terminal", "--scenario", "1924",
                             "--as", "stalin", "--seed", "5"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT, env=env, text=True)
    proc.stdin.write("\n" * 40)
    proc.stdin.flush()
    autosave = tmp_path / "data" / "autosave.json"
    for _ in range(1200):  # wait (up to a minute on a loaded machine) until a few quarters are autosaved
        if autosave.exists() and json.loads(autosave.read_text() or "{}").get("quarter", "") >= "1925Q1":
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    saved_quarter = json.loads(autosave.read_text())["quarter"]
    assert saved_quarter >= "1925Q1"
    # The newest autosave is damaged as if the machine lost power: the one before it is used.
    autosave.write_text('{"format": "politburo-save", "vers')
    again = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "--ui", "terminal"], input="\n" * 3000,
                           capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert again.returncode == 0, again.stderr[-1000:]
    assert "An unfinished game is autosaved" in again.stdout
    assert "autosave.prev.json" in again.stdout
    assert "THE END" in again.stdout


def test_an_internal_error_is_logged_after_an_autosave(tmp_path, monkeypatch, capsys):
    from game import cli, tui

    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path))

    def boom(self):
        raise RuntimeError("a bug in the middle of a quarter")

    monkeypatch.setattr(tui.TerminalGame, "run", boom)
    code = cli.main(["play", "--ui", "terminal", "--scenario", "1924", "--as", "stalin", "--seed", "2"])
    err = capsys.readouterr().err
    assert code == 1
    assert "internal error" in err and "autosaved" in err and "Traceback" not in err
    log = tmp_path / "logs" / "crash.log"
    assert "a bug in the middle of a quarter" in log.read_text()
    assert (tmp_path / "data" / "autosave.json").exists()
