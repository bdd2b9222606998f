"""Window soak: 10,000 frames of the board with mouse and keyboard input, checking that memory
stays flat. `python bench/window_soak.py --frames 10000 --json` prints one JSON object.

Input moves the pointer over every panel, switches the action palette, scrolls and opens and
closes the dossier, but never ends the turn, so the frames all show one game in progress.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from game.rng import derive, next_float  # noqa: E402
from game.ui.screenshot import game_in_progress, make_app  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from game.ui.scenes.board import Board

    app = make_app((1280, 800))
    session = game_in_progress("1924", 1)
    app.set_handler(Board(app, session))
    app.settle()
    keys = [pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_TAB, pygame.K_h]
    stream = derive(1, "window-soak")
    tracemalloc.start()
    warm = 500
    marks: dict[str, float] = {}
    start = time.perf_counter()
    for i in range(args.frames):
        stream, u = next_float(stream)
        stream, v = next_float(stream)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(int(u * 1279), int(v * 799)), rel=(0, 0), buttons=(0, 0, 0)))
        if i % 7 == 0:
            key = keys[int(u * len(keys)) % len(keys)]
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        app.step()
        app.draw()
        if i == warm:
            marks["rss_after_warmup_mb"] = rss_mb()
            marks["py_heap_after_warmup_mb"] = tracemalloc.get_traced_memory()[0] / 2**20
    elapsed = time.perf_counter() - start
    report = {
        "window_soak_frames": args.frames,
        "window_soak_seconds": round(elapsed, 1),
        "window_soak_rss_after_warmup_mb": round(marks.get("rss_after_warmup_mb", 0.0), 1),
        "window_soak_rss_end_mb": round(rss_mb(), 1),
        "window_soak_py_heap_after_warmup_mb": round(marks.get("py_heap_after_warmup_mb", 0.0), 2),
        "window_soak_py_heap_end_mb": round(tracemalloc.get_traced_memory()[0] / 2**20, 2),
        "window_soak_turn": session.state.quarter,
    }
    print(json.dumps(report, indent=None if args.json else 1))


if __name__ == "__main__":
    main()
