"""Where a batch's time goes: `python bench/hotspots.py [--games 20] [--top 30]`.

Plays a one-process batch of scenario-1924 AI games (what `simulate` plays, without its pool)
under cProfile and prints the functions by their own time, then by time including callees.
cProfile charges every call, so small functions called often look dearer than they are; the
order is still the place to start.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import new_game  # noqa: E402
from game.simulate import game_seed, play_out  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--scenario", default="1924")
    args = parser.parse_args()
    starts = [new_game(args.scenario, game_seed(1, i), ()) for i in range(args.games)]
    profile = cProfile.Profile()
    cpu = time.process_time()
    profile.enable()
    for state in starts:
        play_out(state, "normal")
    profile.disable()
    cpu = time.process_time() - cpu
    print(f"{args.games} games, {cpu / args.games * 1000:.0f} ms of CPU a game under the profiler")
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
