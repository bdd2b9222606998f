"""Can a careless Stalin lose? `python bench/careless.py [--games 20] [--difficulty hard] [--json]`

Plays 1924 campaigns in which Stalin's seat does nothing of its own (it answers the questions put
to it with their defaults and ends every turn), against rivals at the given difficulty, beside the
same number of games with Stalin played by the AI at that difficulty. Prints how each Stalin ends:
the grade of his objective, the outcome, whether he still holds the Secretariat, his mean power.

A measurement, not a unit test: at hard a game takes several seconds. Each game's seed is derived
from its index, so any game can be replayed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import actions as A  # noqa: E402
from game.ai import heuristic  # noqa: E402
from game.rules import engine  # noqa: E402
from game.scenario import new_game  # noqa: E402
from game.simulate import game_seed  # noqa: E402


def play(job: tuple[int, str, bool]) -> dict:
    index, difficulty, careless = job
    state = new_game("1924", game_seed(7, index), ())
    state.explain = False
    engine.start(state)
    while (actor := engine.current_actor(state)) is not None:
        if careless and actor == "stalin" and not state.pending:
            action: A.Action = A.EndTurn("stalin")
        else:
            action = heuristic.choose(state, actor, difficulty)
        engine.apply(state, action)
    outcome = state.outcome or {}
    return {"grade": outcome["grades"]["stalin"]["grade"], "outcome": outcome["outcome"],
            "top": outcome["top_leader"], "general_secretary": state.offices.get("general_secretary") == "stalin",
            "power": outcome["power"]["stalin"]}


def summary(rows: list[dict]) -> dict:
    n = len(rows) or 1
    return {"grades": dict(Counter(r["grade"] for r in rows)), "outcomes": dict(Counter(r["outcome"] for r in rows)),
            "on_top": sum(r["top"] == "stalin" for r in rows) / n,
            "still_general_secretary": sum(r["general_secretary"] for r in rows) / n,
            "mean_power": round(sum(r["power"] for r in rows) / n, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--difficulty", default="hard", choices=sorted(heuristic.DIFFICULTY_NOISE))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    jobs = [(i, args.difficulty, careless) for careless in (True, False) for i in range(args.games)]
    with mp.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        rows = pool.map(play, jobs, chunksize=1)
    result = {"difficulty": args.difficulty, "games": args.games,
              "careless_stalin": summary(rows[:args.games]), "ai_stalin": summary(rows[args.games:])}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for who in ("careless_stalin", "ai_stalin"):
        s = result[who]
        print(f"{who.replace('_', ' ')} against {args.difficulty} rivals, {args.games} games: grades {s['grades']}, "
              f"outcomes {s['outcomes']}, on top {s['on_top']:.0%}, still General Secretary "
              f"{s['still_general_secretary']:.0%}, mean power {s['mean_power']}")


if __name__ == "__main__":
    main()
