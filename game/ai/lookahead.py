"""The hard AI: it tries its best few moves on copies of its own view of the board, plays each
quarter out to the end of its sessions (every seat by the normal AI), and keeps the move that
leaves it strongest. Bounded by a fixed number of rollouts, not by the clock, so a game with hard
rivals still replays exactly from its seed."""

from __future__ import annotations

from .. import actions as A
from ..errors import IllegalAction
from ..model import GameState
from ..rules import engine, knowledge, victory
from ..rules.power import power_table
from . import heuristic

ROLLOUTS = 6  # candidate moves tried per decision (the best five by the heuristic, and passing)
MAX_STEPS = 400


def evaluate(state: GameState, me: str) -> float:
    """How well placed `me` is: his share of power, and how much of his objective he holds."""
    table = power_table(state)
    share = table.get(me, 0.0) / (sum(table.values()) or 1.0)
    grade = victory.grade(state, me)
    return share + 0.15 * grade["points"] / max(1, grade["max"])


def rollout(state: GameState, turn: int, omniscient: bool = False) -> GameState:
    """Play on with the normal AI until the quarter `turn` is over."""
    for _ in range(MAX_STEPS):
        if state.over or state.turn != turn:
            break
        actor = engine.current_actor(state)
        if actor is None:
            break
        try:
            engine.apply(state, heuristic.choose(state, actor, "normal", omniscient))
        except IllegalAction:
            engine.apply(state, A.EndTurn(actor))
    return state


def choose(state: GameState, me: str, omniscient: bool = False) -> A.Action:
    """The move that leaves `me` strongest once the quarter is played out on a copy of his view of
    the board (the whole board if `omniscient`, a test setting)."""
    seen = knowledge.view(state, None if omniscient else me)
    options = [action for _, action in heuristic.ranked(state, me, "normal", limit=ROLLOUTS - 1,
                                                        omniscient=omniscient)]
    options.append(A.EndTurn(me))
    best: tuple[float, A.Action] | None = None
    for action in options:
        trial = seen.clone()
        try:
            engine.apply(trial, action)
        except IllegalAction:
            continue
        value = evaluate(rollout(trial, state.turn, omniscient), me)
        if best is None or value > best[0] + 1e-9:
            best = (value, action)
    return best[1] if best else A.EndTurn(me)
