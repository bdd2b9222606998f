"""bench/character.py is a measurement, not a test, but its counting must hold: a game of 1924
and the fields docs/model.md reads from it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from game.ai import heuristic
from game.model import LADDER
from game.rules import engine
from game.scenario import new_game
from game.simulate import game_seed

ROOT = Path(__file__).resolve().parent.parent


def _character():
    spec = importlib.util.spec_from_file_location("character", ROOT / "bench" / "character.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_character_bench_dates_each_fall_by_the_quarter_of_the_move():
    character = _character()
    figures = character.measure("1924", 1)  # one game: each mean is that game's own quarter
    assert set(figures["per_game"]) == set(character.FIGURES)
    trotsky = figures["ladder"]["trotsky"]
    assert trotsky["censure"]["share"] == 1.0
    # A man is dated by the quarter in which the vote fell, and a rung is never reached before
    # the rung below it; by any road he leaves the Politburo no later than the ladder puts him out.
    order = [r for r in LADDER[1:] if r in trotsky]
    quarters = [trotsky[r]["quarter"] for r in order]
    assert quarters == sorted(quarters)
    assert all(r["median"] == r["quarter"] for r in trotsky.values())  # one game: mean and median agree
    roads = figures["any_road"]["trotsky"]
    if "out_of_politburo" in trotsky:
        assert roads["out of politburo"]["quarter"] <= trotsky["out_of_politburo"]["quarter"]
    assert figures["troika_ends"] is None or figures["troika_ends"] >= "1924Q1"
    # The same game played again: the censure is dated by the quarter of its event.
    state = new_game("1924", game_seed(1, 0), ())
    state.explain = False
    engine.start(state)
    censured = None
    while censured is None and (actor := engine.current_actor(state)) is not None:
        for e in engine.apply(state, heuristic.choose(state, actor, "normal")):
            if e.kind == "censure" and e.leader == "trotsky":
                censured = e.turn
    assert censured == trotsky["censure"]["quarter"]


def test_a_fall_is_a_post_lost_or_a_seat_left():
    character = _character()
    assert character._fell(frozenset({"comintern_chair", "leningrad_chief"}), frozenset({"comintern_chair"}))
    assert not character._fell(frozenset({"comintern_chair"}), frozenset({"comintern_chair", "pravda_editor"}))
    assert character._fell(True, False) and not character._fell(False, False)


def test_the_median_shows_a_split_the_mean_hides():
    """Zinoviev out of the Politburo at the 14th Congress in two games, two years later in a third:
    the mean falls between, in a quarter nothing happened; the median is the common case."""
    from game.calendar import quarter_index

    character = _character()
    early, late = quarter_index("1926Q1"), quarter_index("1928Q1")
    when = character._when([early, early, late], 4)
    assert when == {"quarter": "1926Q4", "median": "1926Q1", "share": 0.75}
