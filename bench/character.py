"""Do the rivals play in character? `python bench/character.py [--games 100] [--scenario 1924]
[--toggle NAME] [--json]`

Plays AI-vs-AI games at normal difficulty and reads the event log and the ladder:

- how the struggle was fought, per game: the Politburo's votes on motions against Stalin in
  1926-27 (the years in which the Right stood by him against the United Opposition), how many
  were carried and how many Bukharin, Rykov or Tomsky tabled, the CC plenums that threw out what
  the Politburo had carried, the failed charges that cost their accusers prestige, and the
  recantations (Trotsky never capitulated; Zinoviev and Kamenev did in 1927-28);
- the great turn of 1928-29: the share of games in which Stalin's own view moves towards
  industrialisation, the economic line motions carried towards it and those the Right carried
  back towards NEP, and the share of games that end on a line of industrialisation;
- its pace beside the real one: the mean quarter in which Trotsky, Zinoviev, Kamenev and Bukharin
  first reached each rung of the sanctions ladder (with the share of games in which they did),
  the quarter in which each first lost a post and left the Politburo and the CC by any road (a
  sanction, a motion, or a Congress or plenum that did not re-elect him; a full member or a
  candidate of the Politburo counts as in it), and the quarter in which the troika broke up.

A measurement for docs/model.md, not a unit test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from statistics import median_low

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.ai import heuristic  # noqa: E402
from game.calendar import quarter_name  # noqa: E402
from game.model import LADDER  # noqa: E402
from game.rules import engine, victory  # noqa: E402
from game.scenario import new_game  # noqa: E402
from game.simulate import game_seed  # noqa: E402

RIGHT = {"bukharin", "rykov", "tomsky"}
UNITED_OPPOSITION_YEARS = ("1926", "1927")
FIGURES = ("politburo_votes_against_stalin_1926_27", "of_which_carried", "of_which_tabled_by_the_right",
           "plenums", "plenum_refused_what_the_politburo_carried", "failed_charges",
           "recantations_by_trotsky", "recantations_by_zinoviev_or_kamenev",
           "stalin_turns_to_industrialisation_1928_29", "line_carried_towards_industrialisation_1928_29",
           "line_carried_towards_nep_by_the_right_1928_29", "ends_on_industrialisation")
GREAT_TURN_YEARS = ("1928", "1929")
PACED = ("trotsky", "zinoviev", "kamenev", "bukharin")
RUNGS = LADDER[1:LADDER.index("expelled") + 1]  # censure .. expulsion
ROADS = ("first post lost", "out of politburo", "out of cc")  # by any road, for a man who began in it
TROIKA = "The Triumvirate"


def _tally(e, seen: Counter[str]) -> None:
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
    elif e.kind == "line_adopted" and e.detail.get("axis") == "econ" and e.turn[:4] in GREAT_TURN_YEARS:
        if e.detail["after"] > e.detail["before"]:
            seen["line_carried_towards_industrialisation_1928_29"] += 1
        elif e.leader in RIGHT:
            seen["line_carried_towards_nep_by_the_right_1928_29"] += 1


def _turned(e) -> bool:
    """Stalin's own view moves towards industrialisation in 1928-29 (the great turn)."""
    return (e.kind == "line_shift" and e.leader == "stalin" and e.detail.get("axis") == "econ"
            and e.detail.get("direction") == 1 and e.turn[:4] in GREAT_TURN_YEARS)


def _standing(state, lid: str) -> tuple[frozenset[str], bool, bool]:
    """His posts, and does he sit in the Politburo (full or candidate) and in the CC (ROADS, in order)."""
    posts = frozenset(office for office, holder in state.offices.items() if holder == lid)
    return posts, state.in_politburo(lid), state.leaders[lid].in_cc


def _fell(had, has) -> bool:
    """From a standing to a lower one: a post he began with lost, or a seat left."""
    if isinstance(had, frozenset):
        return bool(had - has)
    return had and not has


def _when(turns: list[int], games: int) -> dict:
    """The mean and the median quarter of the games in which it happened, and their share: the
    mean alone hides a split (Zinoviev out of the Politburo at the 14th Congress in some games,
    two years later in others)."""
    return {"quarter": quarter_name(round(sum(turns) / len(turns))), "median": quarter_name(median_low(turns)),
            "share": round(len(turns) / games, 2)}


def measure(scenario: str, games: int, toggles: tuple[str, ...] = ()) -> dict:
    seen: Counter[str] = Counter()
    reached: dict[tuple[str, str], list[int]] = defaultdict(list)
    lost: dict[tuple[str, str], list[int]] = defaultdict(list)
    troika_ends: list[int] = []
    for i in range(games):
        state = new_game(scenario, game_seed(1, i), toggles)
        state.explain = False
        engine.start(state)
        first: dict[tuple[str, str], int] = {}
        fallen: dict[tuple[str, str], int] = {}
        began = {lid: _standing(state, lid) for lid in PACED if lid in state.leaders}
        troika = any(p.name == TROIKA for p in state.pacts)
        turned = False
        while (actor := engine.current_actor(state)) is not None:
            turn = state.turn  # the quarter the move is made in: the last one resolves the quarter and opens the next
            for e in engine.apply(state, heuristic.choose(state, actor, "normal")):
                _tally(e, seen)
                turned = turned or _turned(e)
            for lid in PACED:
                if lid in state.leaders:
                    for rung in RUNGS[:max(0, state.leaders[lid].sanction)]:
                        first.setdefault((lid, rung), turn)
                    now = _standing(state, lid)
                    for road, had, has in zip(ROADS, began[lid], now, strict=True):
                        if _fell(had, has):
                            fallen.setdefault((lid, road), turn)
            if troika and not any(p.name == TROIKA for p in state.pacts):
                troika = False
                troika_ends.append(turn)
        seen["stalin_turns_to_industrialisation_1928_29"] += turned
        seen["ends_on_industrialisation"] += victory.turned(state, "econ")  # the objective's condition
        for key, turn in first.items():
            reached[key].append(turn)
        for key, turn in fallen.items():
            lost[key].append(turn)
    pace = {lid: {rung: _when(reached[lid, rung], games) for rung in RUNGS if reached[lid, rung]} for lid in PACED}
    roads = {lid: {road: _when(lost[lid, road], games) for road in ROADS if lost[lid, road]} for lid in PACED}
    return {
        "per_game": {key: round(seen[key] / games, 2) for key in FIGURES},
        "ladder": pace,
        "any_road": roads,
        "troika_ends": quarter_name(round(sum(troika_ends) / len(troika_ends))) if troika_ends else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--scenario", default="1924")
    parser.add_argument("--toggle", action="append", default=[])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(args.scenario, args.games, tuple(args.toggle))
    if args.json:
        print(json.dumps({"scenario": args.scenario, "games": args.games, "toggles": args.toggle, **figures}))
        return
    print(f"{args.games} games of {args.scenario}" + (f" with {', '.join(args.toggle)}" if args.toggle else "")
          + ", per game:")
    for key, value in figures["per_game"].items():
        print(f"  {key.replace('_', ' '):45} {value:6.2f}")
    for title, table in (("first reached", figures["ladder"]), ("by any road", figures["any_road"])):
        print(f"{title}, mean quarter / median quarter (share of games):")
        for lid, steps in table.items():
            print(f"  {lid:9} " + "  ".join(f"{step.replace('_', ' ')} {r['quarter']}/{r['median']} ({r['share']:.0%})"
                                            for step, r in steps.items()))
    print(f"  the troika breaks up, mean quarter: {figures['troika_ends']}")


if __name__ == "__main__":
    main()
