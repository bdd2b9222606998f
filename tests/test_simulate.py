"""Batch simulation: reproducible whatever the number of workers, honest intervals, clean errors."""

from __future__ import annotations

import csv
import math

import pytest

import game.simulate as simulate_module
from game.errors import BadInput
from game.scenario import new_game
from game.session import Session
from game.simulate import fresh_state, game_seed, jobs, play_one, play_out, simulate, wilson


def test_wilson_interval_properties():
    lo, hi = wilson(0, 20)
    assert lo == 0.0 and 0.1 < hi < 0.2          # an honest upper bound even when nothing happened
    lo, hi = wilson(20, 20)
    assert hi == 1.0 and 0.8 < lo < 0.9
    lo, hi = wilson(50, 100)
    assert lo < 0.5 < hi and math.isclose(lo + hi, 1.0, abs_tol=1e-9)
    assert wilson(30, 1000)[1] - wilson(30, 1000)[0] < wilson(3, 100)[1] - wilson(3, 100)[0]


def test_same_numbers_with_one_worker_or_two(tmp_path):
    one = simulate("1924", 6, seed=5, workers=1, csv_path=tmp_path / "one.csv", progress=False)
    two = simulate("1924", 6, seed=5, workers=2, csv_path=tmp_path / "two.csv", progress=False)
    for key in ("outcomes", "top_leader", "ci95", "mean_turn_decided", "runs", "seed"):
        assert one[key] == two[key], key
    rows_one = list(csv.DictReader((tmp_path / "one.csv").read_text().splitlines()))
    rows_two = list(csv.DictReader((tmp_path / "two.csv").read_text().splitlines()))
    assert rows_one == rows_two and len(rows_one) == 6
    assert {"seed", "outcome", "top_leader", "quarter_decided", "power_stalin", "fate_trotsky"} <= set(rows_one[0])
    assert abs(sum(one["outcomes"].values()) - 1.0) < 1e-3  # shares are rounded to 4 places
    assert abs(sum(one["top_leader"].values()) - 1.0) < 1e-3


def test_a_different_seed_gives_different_games():
    a = simulate("1924", 3, seed=1, workers=1, progress=False)
    b = simulate("1924", 3, seed=2, workers=1, progress=False)
    assert a["seed"] != b["seed"]


@pytest.mark.parametrize("kwargs", [dict(runs=0), dict(runs=3, workers=0), dict(runs=3, seed=-1),
                                    dict(runs=3, toggles=("no_such_toggle",))])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(BadInput):
        simulate("1924", progress=False, **kwargs)


@pytest.mark.parametrize("scenario,toggles", [("1924", ()), ("1924", ("testament_published", "no_lenin_enrolment")),
                                              ("1927", ())])
def test_a_batch_game_starts_exactly_where_new_game_does(scenario, toggles):
    """A batch clones one starting position per process and reseeds it: only the seed may differ
    between starting positions, and a batch game must play exactly as a Session game."""
    template = new_game(scenario, 0, toggles)
    simulate_module._START[scenario, toggles] = template
    try:
        for seed in (1, 7, 2**61 + 3):
            assert fresh_state(scenario, toggles, seed).canonical() == new_game(scenario, seed, toggles).canonical()
        batch = play_out(fresh_state(scenario, toggles, 5), "normal")
    finally:
        simulate_module._START.clear()
    session = Session.new(scenario, seed=5, toggles=toggles)
    session.advance()
    assert batch.state_hash() == session.state.state_hash()
    assert batch.outcome == session.state.outcome


def test_a_batch_game_is_the_game_a_session_plays():
    """The batch skips the words of each voter's reasons (GameState.explain) and the chronicle:
    the same moves, the same final state."""
    for i in range(3):
        batch = play_out(new_game("1924", game_seed(5, i), ()), "normal")
        session = Session.new("1924", seed=game_seed(5, i))
        session.advance()
        assert not batch.explain and session.state.explain
        assert batch.state_hash() == session.state.state_hash()


def test_each_leaders_own_objective_is_counted_from_the_end_screens_grades():
    """The batch reports, beside who ends on top, how often each man met his own objective (a
    Success or a Triumph, as the end screen grades it), with its interval; the CSV row carries
    each grade."""
    from game.rules.victory import grade

    result = simulate("1928", runs=6, seed=3, workers=1, progress=False)
    rows = [play_one(job) for job in jobs("1928", (), 6, 3, "normal")]
    for lid in ("stalin", "bukharin", "rykov", "tomsky"):
        met = sum(r[f"grade_{lid}"] in ("Success", "Triumph") for r in rows)
        assert result["objective_met"][lid] == round(met / 6, 4)
        lo, hi = result["ci95"][f"objective:{lid}"]
        assert lo <= result["objective_met"][lid] <= hi
    # The row's grade is the end screen's: replay the first game and grade it.
    state = play_out(new_game("1928", rows[0]["seed"], ()), "normal")
    assert rows[0]["grade_bukharin"] == grade(state, "bukharin")["grade"]
