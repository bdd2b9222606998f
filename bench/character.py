"""Do the rivals play in character? `python bench/character.py [--games 100] [--scenario 1924] [--json]`

Plays AI-vs-AI games at normal difficulty and counts, per game, what the event log says about
how the struggle was fought: the Politburo's votes on motions against Stalin in 1926-27 (the
years in which the Right stood by him against the United Opposition), how many of them were
carried and how many Bukharin, Rykov or Tomsky tabled, the CC plenums that threw out what the
Politburo had carried, the failed charges that cost their accusers prestige, and the
recantations (Trotsky never capitulated; Zinoviev and Kamenev did in 1927-28). A measurement
for docs/model.md, not a unit test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.ai import heuristic  # noqa: E402
from game.rules import engine  # noqa: E402
from game.scenario import new_game  # noqa: E402
from game.simulate import game_seed  # noqa: E402

RIGHT = {"bukharin", "rykov", "tomsky"}
FIGURES = ("politburo_votes_against_stalin_1926_27", "of_which_carried", "of_which_tabled_by_the_right",
           "plenums", "plenum_refused_what_the_politburo_carried", "failed_charges",
           "recantations_by_trotsky", "recantations_by_zinoviev_or_kamenev")
UNITED_OPPOSITION_YEARS = ("1926", "1927")


def count(scenario: str, games: int) -> dict[str, float]:
    seen: Counter[str] = Counter()
    for i in range(games):
        state = new_game(scenario, game_seed(1, i), ())
        state.explain = False
        engine.start(state)
        while (actor := engine.current_actor(state)) is not None:
            for e in engine.apply(state, heuristic.choose(state, actor, "normal")):
                if (e.kind == "vote" and e.target == "stalin" and "votes" in e.detail
                        and e.turn[:4] in UNITED_OPPOSITION_YEARS):
                    seen["politburo_votes_against_stalin_1926_27"] += 1
                    seen["of_which_carried"] += bool(e.detail.get("passed"))
                    seen["of_which_tabled_by_the_right"] += e.leader in RIGHT
                elif e.kind == "plenum":
                    seen["plenums"] += 1
                    seen["plenum_refused_what_the_politburo_carried"] += "refused" in e.text
                elif e.kind == "backfire":
                    seen["failed_charges"] += 1
                elif e.kind == "recanted" and e.leader == "trotsky":
                    seen["recantations_by_trotsky"] += 1
                elif e.kind == "recanted" and e.leader in ("zinoviev", "kamenev"):
                    seen["recantations_by_zinoviev_or_kamenev"] += 1
    return {key: round(seen[key] / games, 2) for key in FIGURES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--scenario", default="1924")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = count(args.scenario, args.games)
    if args.json:
        print(json.dumps({"scenario": args.scenario, "games": args.games, "per_game": figures}))
    else:
        print(f"{args.games} games of {args.scenario}, per game:")
        for key, value in figures.items():
            print(f"  {key.replace('_', ' '):45} {value:6.2f}")


if __name__ == "__main__":
    main()
