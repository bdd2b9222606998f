"""Batch what-if runs: N AI-vs-AI games from a scenario, across processes, with honest statistics.

Each run's game seed is derived from (batch seed, run index), and results are gathered in run
order, so the numbers depend only on the arguments: the same with 1 worker or 8.
"""

from __future__ import annotations

import contextlib
import csv
import math
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .ai import heuristic
from .calendar import quarter_index, quarter_name
from .errors import BadInput
from .model import GameState
from .rng import derive, seed_state
from .rules import engine
from .rules.victory import GRADES

OUTCOMES = ("sole_leader", "dominant", "collective")
OBJECTIVE_MET = GRADES[0][1], GRADES[1][1]  # Triumph and Success: his objective met in full or in the main
MAX_RUNS = 1_000_000


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a proportion: honest at 0 and 1 and for small n."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def game_seed(batch_seed: int, index: int) -> int:
    return derive(batch_seed, "run", index) & ((1 << 62) - 1)


# The starting position of the batch being run, by (scenario, toggles): set by `simulate` for the
# length of its batch (forked workers inherit it), so a game starts from a clone instead of
# reading and validating the scenario files again (a tenth of a game's time).
_START: dict[tuple[str, tuple[str, ...]], GameState] = {}
MAX_ACTIONS = 100_000  # as Session.advance: a bound no real game comes near


def fresh_state(scenario: str, toggles: tuple[str, ...], seed: int) -> GameState:
    """The scenario's starting position for this seed, as `new_game` builds it: the seed and the
    random stream are the only seeded parts of a starting position (tests/test_simulate.py)."""
    template = _START.get((scenario, toggles))
    if template is None:
        from .scenario import new_game

        return new_game(scenario, seed, toggles)
    state = template.clone()
    state.seed, state.rng = seed, seed_state(seed)
    return state


def play_out(state: GameState, difficulty: str, omniscient: bool = False) -> GameState:
    """Every seat played by the AI to the end: what Session.advance does, without the chronicle,
    the action log and the quarterly state hashes that a batch never reads, nor the words of each
    voter's reasons (`explain`). `omniscient`: every AI reads the whole board (a test setting)."""
    state.explain = False
    engine.start(state)
    for _ in range(MAX_ACTIONS):
        actor = engine.current_actor(state)
        if actor is None:
            break
        engine.apply(state, heuristic.choose(state, actor, difficulty, omniscient))
    return state


def play_one(job: tuple[str, tuple[str, ...], int, int, str, bool]) -> dict[str, Any]:
    """One AI-vs-AI game; returns its CSV row as a dict."""
    scenario, toggles, index, seed, difficulty, omniscient = job
    if difficulty not in heuristic.DIFFICULTY_NOISE:
        raise BadInput(f"unknown difficulty {difficulty!r} (easy, normal, hard)")
    st = play_out(fresh_state(scenario, tuple(toggles), seed), difficulty, omniscient)
    outcome = st.outcome or {}
    row: dict[str, Any] = {
        "run": index, "seed": seed, "outcome": outcome.get("outcome"), "top_leader": outcome.get("top_leader"),
        "quarter_decided": outcome.get("decided"),
    }
    for lid, value in sorted(outcome.get("power", {}).items()):
        row[f"power_{lid}"] = value
    for lid in st.world.playable:
        row[f"fate_{lid}"] = st.leaders[lid].status
    grades = outcome.get("grades", {})
    for lid in st.world.playable:  # his own objective, as the end screen grades it (victory.GRADES)
        row[f"grade_{lid}"] = grades.get(lid, {}).get("grade")
    return row


def jobs(scenario: str, toggles: tuple[str, ...], runs: int, seed: int, difficulty: str,
         omniscient: bool = False) -> Iterator[tuple]:
    """The batch's games in run order, as `play_one` takes them (the window's lab runs the same)."""
    for i in range(runs):
        yield scenario, toggles, i, game_seed(seed, i), difficulty, omniscient


def simulate(scenario: str, runs: int, seed: int = 1, toggles: tuple[str, ...] = (), workers: int | None = None,
             csv_path: Path | None = None, progress: bool = True, difficulty: str = "normal",
             omniscient: bool = False) -> dict[str, Any]:
    """`omniscient`: every AI seat reads the whole board, secret pacts included (a test setting;
    by default each reckons only with what its leader knows)."""
    from .scenario import new_game

    if not 1 <= runs <= MAX_RUNS:
        raise BadInput(f"--runs must be between 1 and {MAX_RUNS:,} (got {runs})")
    if workers is not None and not 1 <= workers <= 256:
        raise BadInput(f"--workers must be between 1 and 256 (got {workers})")
    if seed < 0:
        raise BadInput(f"--seed must not be negative (got {seed})")
    probe = new_game(scenario, 0, tuple(toggles))  # validates the scenario and toggles before forking
    playable = list(probe.world.playable)
    workers = min(workers or os.cpu_count() or 1, runs)
    _START.clear()
    _START[scenario, tuple(toggles)] = probe
    try:
        rows, elapsed = _run(scenario, tuple(toggles), runs, seed, difficulty, omniscient, workers, csv_path,
                             progress)
    finally:
        _START.clear()
    result = summarise(scenario, seed, toggles, playable, rows, elapsed, workers)
    result.update(difficulty=difficulty, omniscient=omniscient)
    return result


def _run(scenario: str, toggles: tuple[str, ...], runs: int, seed: int, difficulty: str, omniscient: bool,
         workers: int, csv_path: Path | None, progress: bool) -> tuple[list[dict[str, Any]], float]:
    rows: list[dict[str, Any]] = []
    start = time.perf_counter()
    with contextlib.ExitStack() as stack:
        writer = None
        fh = None
        if csv_path is not None:
            csv_path = Path(csv_path)
            csv_path.parent.mkdir(parents=True, exist_ok=True)
            fh = stack.enter_context(open(csv_path, "w", newline="", encoding="utf-8"))
        bar = _progress(runs, progress)
        if bar is not None:
            stack.callback(bar.close)
        batch = jobs(scenario, tuple(toggles), runs, seed, difficulty, omniscient)
        if workers == 1:
            results: Iterator[dict[str, Any]] = map(play_one, batch)
        else:
            pool = mp.get_context("spawn" if sys.platform == "win32" else "fork").Pool(workers)
            stack.callback(pool.join)
            stack.callback(pool.close)
            # Small chunks: a game is a tenth of a second, so passing jobs costs nothing beside it,
            # while a big last chunk leaves the other workers idle at the end of the batch.
            results = pool.imap(play_one, batch, chunksize=max(1, min(4, runs // (workers * 16))))
        for row in results:  # imap keeps run order, so rows and CSV never depend on the worker count
            rows.append(row)
            if fh is not None:
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
            if bar is not None:
                bar.update(1)
    return rows, time.perf_counter() - start


def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="game", file=sys.stderr, leave=False, dynamic_ncols=True)


def summarise(scenario: str, seed: int, toggles: tuple[str, ...], playable: list[str], rows: list[dict[str, Any]],
              elapsed: float, workers: int) -> dict[str, Any]:
    n = len(rows)
    outcome_counts = {o: sum(1 for r in rows if r["outcome"] == o) for o in OUTCOMES}
    top_counts = {lid: sum(1 for r in rows if r["top_leader"] == lid) for lid in playable}
    # Prevailing: on top at the end and commanding the Politburo (dominant or sole leader), not
    # merely the strongest of a collective leadership.
    prevail_counts = {lid: sum(1 for r in rows if r["top_leader"] == lid and r["outcome"] in ("dominant", "sole_leader"))
                      for lid in playable}
    # Each man's own measure of winning: his objective met in full or in the main (a Success or a
    # Triumph on the end screen). Bukharin can be beaten by the power score and still keep NEP.
    objective_counts = {lid: sum(1 for r in rows if r.get(f"grade_{lid}") in OBJECTIVE_MET) for lid in playable}
    decided = [quarter_index(r["quarter_decided"]) for r in rows if r["quarter_decided"]]
    mean_decided = sum(decided) / len(decided) if decided else None
    ci = {f"outcome:{o}": [round(x, 4) for x in wilson(c, n)] for o, c in outcome_counts.items()}
    ci.update({f"top:{lid}": [round(x, 4) for x in wilson(c, n)] for lid, c in top_counts.items()})
    ci.update({f"prevails:{lid}": [round(x, 4) for x in wilson(c, n)] for lid, c in prevail_counts.items()})
    ci.update({f"objective:{lid}": [round(x, 4) for x in wilson(c, n)] for lid, c in objective_counts.items()})
    return {
        "scenario": scenario,
        "runs": n,
        "seed": seed,
        "toggles": list(toggles),
        "outcomes": {o: round(c / n, 4) for o, c in outcome_counts.items()},
        "top_leader": {lid: round(c / n, 4) for lid, c in top_counts.items()},
        "prevails": {lid: round(c / n, 4) for lid, c in prevail_counts.items()},
        "objective_met": {lid: round(c / n, 4) for lid, c in objective_counts.items()},
        "ci95": ci,
        "mean_turn_decided": round(mean_decided, 2) if mean_decided is not None else None,
        "mean_quarter_decided": quarter_name(round(mean_decided)) if mean_decided is not None else None,
        "games_per_second": round(n / elapsed, 2) if elapsed > 0 else None,
        "workers": workers,
    }


def format_table(result: dict[str, Any], names: dict[str, str]) -> str:
    lines = [f"{result['runs']} games of scenario {result['scenario']}"
             + (f" with {', '.join(result['toggles'])}" if result["toggles"] else "")
             + f", seed {result['seed']} ({result['games_per_second']} games/s on {result['workers']} workers)", ""]
    lines.append("Outcome          share    95% interval")
    for o, p in result["outcomes"].items():
        lo, hi = result["ci95"][f"outcome:{o}"]
        lines.append(f"  {o.replace('_', ' '):14} {p:6.1%}   {lo:6.1%} – {hi:6.1%}")
    lines.append("")
    lines.append("On top at the end share    95% interval")
    for lid, p in sorted(result["top_leader"].items(), key=lambda kv: -kv[1]):
        lo, hi = result["ci95"][f"top:{lid}"]
        lines.append(f"  {names.get(lid, lid):14} {p:6.1%}   {lo:6.1%} – {hi:6.1%}")
    lines.append("")
    lines.append("Prevails        share    95% interval   (on top and commanding the Politburo)")
    for lid, p in sorted(result["prevails"].items(), key=lambda kv: -kv[1]):
        if p > 0:
            lo, hi = result["ci95"][f"prevails:{lid}"]
            lines.append(f"  {names.get(lid, lid):14} {p:6.1%}   {lo:6.1%} – {hi:6.1%}")
    lines.append("")
    lines.append("Own objective   share    95% interval   (a Success or a Triumph by his own aims)")
    for lid, p in sorted(result.get("objective_met", {}).items(), key=lambda kv: (-kv[1], kv[0])):
        lo, hi = result["ci95"][f"objective:{lid}"]
        lines.append(f"  {names.get(lid, lid):14} {p:6.1%}   {lo:6.1%} – {hi:6.1%}")
    lines.append("")
    lines.append(f"The struggle was decided, on average, in {result['mean_quarter_decided']} "
                 f"(the quarter from which the final outcome held without a break: the man on top, and "
                 f"whether he commanded the Politburo).")
    return "\n".join(lines)
