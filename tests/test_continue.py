""""Continue" for class games: the newest unfinished save (a class's games are saved under its
name), from the command line (`politburo continue [--class NAME]`) and from the window's menu."""

from __future__ import annotations

import json
import os

import pygame
import pytest
from conftest import run_cli

from game import classroom
from game.session import Session


def put(home, name: str, scenario: str, seed: int, mtime: int, class_name: str = "", over: bool = False):
    """A saved game in `home`'s saves folder (or the autosave when name is 'autosave'), dated `mtime`."""
    s = Session.new(scenario, seed, seats={"stalin": "human"})
    s.advance()
    if class_name:
        s.classroom = classroom.options_for("one_period", class_name)
    path = home / "data" / ("autosave.json" if name == "autosave" else f"saves/{name}.json")
    s.save(path)
    if over:
        data = json.loads(path.read_text())
        data["over"] = True
        path.write_text(json.dumps(data))
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("POLITBURO_HOME", str(home))
    put(home, "autosave", "1929", 1, 1_000)
    put(home, "9b-1927", "1927", 2, 2_000, "9B")
    put(home, "10a-1927", "1927", 3, 3_000, "10A")
    put(home, "10a-1928", "1928", 4, 4_000, "10A", over=True)  # finished: nothing to continue
    return home


def test_latest_save_by_class(home):
    assert classroom.latest_save() == home / "data" / "saves" / "10a-1927.json"
    assert classroom.latest_save("9b") == home / "data" / "saves" / "9b-1927.json"
    assert classroom.latest_save("  10A ") == home / "data" / "saves" / "10a-1927.json"
    assert classroom.latest_save("11C") is None


def test_continue_from_the_command_line(home):
    proc = run_cli(["continue", "--class", "9B", "--ui", "terminal"], stdin="quit\n", home=home)
    assert proc.returncode == 0, proc.stderr
    assert "Continuing Class 9B: scenario 1927" in proc.stdout and "Resuming" in proc.stdout
    saved = home / "data" / "saves" / "9b-1927.json"
    assert saved.stat().st_mtime > 2_000  # it went on saving in the class's own file
    # without a class: the newest unfinished game, which is now 9B's (just saved)
    newest = run_cli(["continue", "--ui", "terminal"], stdin="quit\n", home=home)
    assert newest.returncode == 0 and "Continuing Class 9B: scenario 1927" in newest.stdout
    for args, words in ((["continue", "--class", "11C"], "no unfinished saved game for class '11C'"),
                        (["continue", "--class", "!!"], "needs at least one letter or digit")):
        bad = run_cli(args, home=home)
        assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and words in bad.stderr, bad.stderr


def test_nothing_to_continue_is_one_line(tmp_path):
    bad = run_cli(["continue"], home=tmp_path)
    assert bad.returncode == 2 and bad.stderr.strip() == \
        "politburo continue: no unfinished saved game (politburo load lists the saves)"


def test_the_menus_continue_resumes_the_newest_class_game(home):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from test_ui import key, make_app, shown

    from game.ui.scenes.board import Board
    from game.ui.scenes.menu import TitleMenu

    app = make_app()
    menu = TitleMenu(app)
    app.set_handler(menu)
    shown(app)
    assert menu.items[1].enabled and "Class 10A" in menu.items[1].tip
    key(app, pygame.K_2)
    app.settle(20)
    board = app.handler
    assert isinstance(board, Board) and board.session.classroom.class_name == "10A"
    assert board.session.autosave_path == home / "data" / "saves" / "10a-1927.json"
