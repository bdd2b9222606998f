"""Shared fixtures and helpers for the Politburo engine tests.

Tests read balance numbers from `state.world.balance` rather than hard-coding them, because the
balance file is tuned independently of the rules.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import actions as A
from game.model import GameState, Motion
from game.rules import engine
from game.scenario import new_game
from game.session import Session

SCENARIO = "1924"
ROOT = Path(__file__).resolve().parent.parent


# ---- helpers -----------------------------------------------------------------------------------

def make_motion(state: GameState, kind: str, sponsor: str, **kw) -> Motion:
    """A motion with a fresh id from the state's counter (not placed on the agenda)."""
    return Motion(state.new_id(), kind, sponsor, **kw)


def table_motion(state: GameState, kind: str, sponsor: str, **kw) -> Motion:
    """A motion with a fresh id, put on this quarter's agenda."""
    m = make_motion(state, kind, sponsor, **kw)
    state.motions.append(m)
    return m


def seat(state: GameState, *leaders: str, full: bool = True) -> None:
    """Put leaders in the Politburo (full members by default), moving them if already there."""
    for lid in leaders:
        for group in (state.politburo_full, state.politburo_candidates):
            if lid in group:
                group.remove(lid)
        (state.politburo_full if full else state.politburo_candidates).append(lid)


def bal(state: GameState, section: str, key: str):
    return state.world.balance[section][key]


def end_quarter(state: GameState) -> list:
    """Every contender passes (pending questions get their default answer) until the quarter turns."""
    turn = state.turn
    out: list = []
    guard = 0
    while state.turn == turn and not state.over:
        guard += 1
        assert guard < 500, "the quarter never ended"
        if state.pending:
            d = state.pending[0]
            out += engine.apply(state, A.Decide(d.leader, d.id, d.default))
            continue
        actor = engine.current_actor(state)
        assert actor is not None
        out += engine.apply(state, A.EndTurn(actor))
    return out


def pass_until(state: GameState, leader: str) -> None:
    """End turns until it is `leader`'s move in the current quarter's intrigue."""
    turn = state.turn
    while engine.current_actor(state) != leader:
        assert state.turn == turn, f"{leader} never got a move in this quarter"
        engine.apply(state, A.EndTurn(engine.current_actor(state)))


def run_cli(args: list[str], stdin: str = "", home: Path | None = None, timeout: int = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python main.py ARGS` in a subprocess, with dummy SDL drivers, no display, its home (saves,
    settings, autosave) in `home` when given, and any extra environment variables in `env`."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", **(env or {}))
    env.pop("DISPLAY", None)
    if home is not None:
        env["POLITBURO_HOME"] = str(home)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=timeout)


# ---- fixtures ----------------------------------------------------------------------------------

@pytest.fixture
def state() -> GameState:
    """A fresh 1924 game, before the first quarter's events have fired."""
    return new_game(SCENARIO, seed=1)


@pytest.fixture
def started() -> GameState:
    """The 1924 game after engine.start: Lenin's death and the first events done, in intrigue."""
    s = new_game(SCENARIO, seed=1)
    engine.start(s)
    return s


@pytest.fixture(scope="session")
def finished_game() -> Session:
    """One complete AI game (seed 1), shared by every test that only reads a finished game."""
    session = Session.new(SCENARIO, seed=1)
    session.advance()
    assert session.over
    return session
