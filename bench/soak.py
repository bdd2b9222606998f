"""Soak: many AI-vs-AI games across every scenario and toggle, counting exceptions (there must be
none). `python bench/soak.py --games 10000 --json` prints one JSON object.

A benchmark, not a unit test: it takes minutes. Each game's seed is derived from its index, so a
failure can be replayed exactly from the printed seed, scenario and toggles.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.rng import derive  # noqa: E402
from game.scenario import list_ids, load_model  # noqa: E402


def settings() -> list[tuple[str, tuple[str, ...]]]:
    """Every scenario alone and with each toggle it offers."""
    out = []
    for sid in list_ids():
        model, _, _ = load_model(sid)
        out.append((sid, ()))
        out.extend((sid, (t,)) for t in model.scenario.toggles)
    return out


def play(job: tuple[int, str, tuple[str, ...], int]) -> dict:
    from game.session import Session

    index, scenario, toggles, seed = job
    try:
        session = Session.new(scenario, seed=seed, toggles=toggles)
        session.advance()
        return {"ok": session.over, "index": index}
    except Exception:  # noqa: BLE001 - the soak's whole point is to catch anything at all
        return {"ok": False, "index": index, "scenario": scenario, "toggles": list(toggles), "seed": seed,
                "error": traceback.format_exc(limit=6)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    grid = settings()
    jobs = [(i, *grid[i % len(grid)], derive(7, "soak", i) & ((1 << 62) - 1)) for i in range(args.games)]
    start = time.perf_counter()
    with mp.get_context("fork").Pool(args.workers) as pool:
        results = list(pool.imap(play, jobs, chunksize=8))
    elapsed = time.perf_counter() - start
    failures = [r for r in results if not r["ok"]]
    report = {
        "soak_games": len(results),
        "soak_settings": len(grid),
        "soak_exceptions": len(failures),
        "soak_seconds": round(elapsed, 1),
        "soak_games_per_second": round(len(results) / elapsed, 2),
        "soak_max_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "soak_first_failures": failures[:3],
    }
    print(json.dumps(report, indent=None if args.json else 1))


if __name__ == "__main__":
    main()
