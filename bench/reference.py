"""Results must not change when the engine gets faster: record every scenario's AI games once, then
check later builds against the record.

    python bench/reference.py --record /tmp/ref.json   # before optimising
    python bench/reference.py --check /tmp/ref.json    # after each change: exit 1 on any difference

Each game keeps its per-quarter state hashes, the final hash, the outcome and a digest of the
whole chronicle, so a difference is caught in the quarter it first appears. A few hard-AI games
are played for a bounded number of actions (the hard AI plays normal-AI rollouts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.session import Session  # noqa: E402
from game.simulate import simulate  # noqa: E402

SCENARIOS = ("1924", "1925", "1926", "1927", "1928", "1929")
SEEDS = range(1, 16)
HARD_GAMES = (("1924", 1), ("1926", 2))
HARD_ACTIONS = 60


def chronicle_digest(session: Session) -> str:
    blob = json.dumps([e.to_dict() for e in session.chronicle], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def play(job: tuple[str, int, str, int | None]) -> tuple[str, dict[str, Any]]:
    scenario, seed, difficulty, actions = job
    session = Session.new(scenario, seed=seed, difficulty=difficulty)
    if actions is None:
        session.advance()
    else:
        session.advance(max_actions=actions)
    record = {
        "hash": session.state.state_hash(),
        "quarters": session.hashes,
        "outcome": json.loads(json.dumps(session.state.outcome, default=str)),
        "chronicle": chronicle_digest(session),
    }
    return f"{scenario}:{seed}:{difficulty}", record


def jobs() -> list[tuple[str, int, str, int | None]]:
    out: list[tuple[str, int, str, int | None]] = [
        (sid, seed, difficulty, None) for sid in SCENARIOS for seed in SEEDS for difficulty in ("normal", "easy")
    ]
    out += [(sid, seed, "hard", HARD_ACTIONS) for sid, seed in HARD_GAMES]
    return out


def build(workers: int) -> dict[str, Any]:
    with mp.get_context("fork").Pool(workers) as pool:
        games = dict(pool.map(play, jobs(), chunksize=4))
    batch = simulate("1924", 200, seed=1, workers=workers, progress=False)
    batch.pop("games_per_second")
    return {"games": games, "simulate": batch}


def compare(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    problems = []
    for key, want in expected["games"].items():
        have = got["games"].get(key)
        if have != want:
            first = next((q for q in want["quarters"] if have is None or have["quarters"].get(q) != want["quarters"][q]),
                         "the end")
            problems.append(f"{key}: differs from {first}")
    if got["simulate"] != expected["simulate"]:
        problems.append("simulate 1924 x200 seed 1: the summary differs")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--record", type=Path)
    group.add_argument("--check", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    got = build(args.workers)
    if args.record:
        args.record.write_text(json.dumps(got, sort_keys=True, indent=1))
        print(f"recorded {len(got['games'])} games to {args.record}")
        return
    problems = compare(json.loads(args.check.read_text()), got)
    for line in problems:
        print(line)
    print(f"{len(got['games'])} games: " + (f"{len(problems)} differences" if problems else "identical"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
