"""Classroom settings: the presets a teacher picks on the setup screen, the per-game options they
set (a cap on action points a quarter, a turn timer, the demo's pace), saves named by the class,
and the CSV of a batch. No pygame here: the window, the terminal and the tests share it.

The cap on action points is a *session* rule, not an engine one: the engine still grants every
leader his points, and the session ends a seat's turn once he has spent the cap (the EndTurn goes
into the action log like any other move, so a save replays exactly without knowing the cap).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import paths
from .errors import BadInput

CLASS_NAME_MAX = 40
TIMER_CHOICES = (0, 60, 120, 180, 300)  # seconds per seat's turn; 0 switches the timer off
DEMO_PACE = 3.0  # seconds between quarters (and the reading time of a card) in a demonstration


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    blurb: str
    scenario: str | None = None  # None: keep whatever the teacher chose
    ap_limit: int | None = None  # action points each leader may spend a quarter (None: the rules' own)
    spectate: bool = False  # every seat to the AI
    autoplay: bool = False  # the quarters follow each other without a key press
    pace: float | None = None  # seconds between quarters when autoplaying


PRESETS: dict[str, Preset] = {p.key: p for p in (
    Preset("custom", "Free setup", "Choose everything yourself."),
    Preset("one_period", "One period",
           "A 45-minute lesson: 1926, after the 14th Congress, to the fall of the Right; each leader "
           "spends one action point a quarter. Switch the one-minute turn timer on to keep the hot seat moving.",
           scenario="1926", ap_limit=1),
    Preset("full_campaign", "Full campaign",
           "Lenin's death to the defeat of the Right, 1924-1929, with the rules' full action points. "
           "Several lessons: the game is saved under the class's name at the end of every quarter.",
           scenario="1924"),
    Preset("demo", "Demo",
           "The AI plays every seat and the quarters follow each other at a pace a class can read on a "
           "projector. Space pauses.", scenario="1924", spectate=True, autoplay=True, pace=DEMO_PACE),
)}


@dataclass
class ClassOptions:
    """What a class game adds to a plain one; kept in the save so a resumed game keeps it."""

    preset: str = "custom"
    class_name: str = ""
    ap_limit: int | None = None
    timer: int = 0  # seconds per seat's turn; 0 = no timer
    pace: float | None = None
    origin: dict[str, Any] = field(default_factory=dict)  # a branch: where it was taken from

    @property
    def active(self) -> bool:
        return (self.preset != "custom" or bool(self.class_name) or self.ap_limit is not None or bool(self.timer)
                or self.pace is not None or bool(self.origin))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"preset": self.preset}
        if self.class_name:
            out["class_name"] = self.class_name
        if self.ap_limit is not None:
            out["ap_limit"] = self.ap_limit
        if self.timer:
            out["timer"] = self.timer
        if self.pace is not None:
            out["pace"] = self.pace
        if self.origin:
            out["origin"] = dict(self.origin)
        return out

    @classmethod
    def from_dict(cls, data: Any, label: str = "save") -> ClassOptions:
        """Read the `classroom` section of a save; BadInput naming the field otherwise."""
        if not isinstance(data, dict):
            raise BadInput(f"{label}: classroom: must be a table of options")
        preset = data.get("preset", "custom")
        if preset not in PRESETS:
            raise BadInput(f"{label}: classroom.preset: unknown preset {preset!r} ({', '.join(PRESETS)})")
        name = data.get("class_name", "")
        if not isinstance(name, str) or len(name) > CLASS_NAME_MAX:
            raise BadInput(f"{label}: classroom.class_name: must be a name of at most {CLASS_NAME_MAX} characters")
        limit = data.get("ap_limit")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 9):
            raise BadInput(f"{label}: classroom.ap_limit: must be a whole number from 1 to 9 (got {limit!r})")
        timer = data.get("timer", 0)
        if not isinstance(timer, int) or isinstance(timer, bool) or not 0 <= timer <= 3600:
            raise BadInput(f"{label}: classroom.timer: must be seconds from 0 to 3600 (got {timer!r})")
        pace = data.get("pace")
        if pace is not None and (not isinstance(pace, int | float) or isinstance(pace, bool) or not 0 <= pace <= 60):
            raise BadInput(f"{label}: classroom.pace: must be seconds from 0 to 60 (got {pace!r})")
        origin = data.get("origin", {})
        if not isinstance(origin, dict):
            raise BadInput(f"{label}: classroom.origin: must be a table")
        return cls(preset, name, limit, timer, float(pace) if pace is not None else None, dict(origin))

    def copy(self, **changes: Any) -> ClassOptions:
        return replace(self, origin=dict(self.origin), **changes)


def options_for(preset: str, class_name: str = "", timer: int = 0) -> ClassOptions:
    """The options a preset gives a new game (the timer is the teacher's own switch)."""
    if preset not in PRESETS:
        raise BadInput(f"unknown preset {preset!r} (presets: {', '.join(PRESETS)})")
    p = PRESETS[preset]
    if timer and p.spectate:
        timer = 0  # nobody to hurry in a demonstration
    return ClassOptions(preset, check_class_name(class_name), p.ap_limit, check_timer(timer), p.pace)


def check_timer(seconds: int) -> int:
    if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 <= seconds <= 3600:
        raise BadInput(f"the turn timer must be a number of seconds from 0 to 3600 (got {seconds!r})")
    return seconds


class TurnTimer:
    """The class's turn timer as a front end keeps it. The clock belongs to the front end, never to
    the engine: the window feeds it the frames' seconds, the terminal the time between its prompts
    and the replies. It starts afresh for each seat's turn of a quarter and for each question (the
    key is `Session.timer_key`); when it runs out the front end calls `Session.time_up`."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        self.key: tuple | None = None
        self.left: float | None = None  # None: no clock running

    def watch(self, key: tuple) -> float:
        """Seconds left for `key`, starting a fresh count when the key is new."""
        if key != self.key or self.left is None:
            self.key, self.left = key, float(self.seconds)
        return self.left

    def spend(self, key: tuple, seconds: float) -> bool:
        """Count `seconds` against `key`; True if that ran the clock out (it then stops)."""
        self.left = max(0.0, self.watch(key) - seconds)
        if self.left > 0:
            return False
        self.stop()
        return True

    def stop(self) -> None:
        self.key, self.left = None, None


def clock_text(seconds: float) -> str:
    """'2:05' — whole seconds, rounded up, so the count never shows 0:00 while time is left."""
    import math

    left = int(math.ceil(seconds))
    return f"{left // 60}:{left % 60:02d}"


# ---- saves named by the class ---------------------------------------------------------------------

_SLUG = re.compile(r"[^a-z0-9]+")


def check_class_name(name: str) -> str:
    """A class name as the teacher typed it, trimmed; BadInput if it cannot name a file."""
    name = " ".join(str(name).split())
    if len(name) > CLASS_NAME_MAX:
        raise BadInput(f"the class name is too long (at most {CLASS_NAME_MAX} characters)")
    if name and not slug(name):
        raise BadInput(f"the class name {name!r} needs at least one letter or digit")
    return name


def slug(name: str) -> str:
    """'Class 9B (Tuesday)' -> 'class-9b-tuesday': safe in a file name on every system."""
    return _SLUG.sub("-", name.lower()).strip("-")[:CLASS_NAME_MAX]


def saves_dir() -> Path:
    return paths.data_dir() / "saves"


def exports_dir() -> Path:
    return paths.data_dir() / "exports"


def class_save_path(class_name: str, scenario: str) -> Path:
    """Where a class's game of a scenario lives: `<saves>/<class>-<scenario>.json`."""
    name = check_class_name(class_name)
    if not name:
        raise BadInput("a class save needs a class name")
    return saves_dir() / f"{slug(name)}-{slug(scenario) or 'custom'}.json"


def list_saves() -> list[Path]:
    """The saves in the saves folder, newest first (the kept previous copies left out)."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.json") if not p.name.endswith(".prev.json")]
    return sorted(found, key=lambda p: (-p.stat().st_mtime, p.name))


def all_saves() -> list[Path]:
    """The autosave (if any) and the saves folder's games, newest first."""
    auto = paths.autosave_path()
    found = [auto] if auto.is_file() else []
    return sorted(found + list_saves(), key=lambda p: (-p.stat().st_mtime, p.name))


def latest_save(class_name: str | None = None) -> Path | None:
    """The game "Continue" resumes: the newest unfinished save — with a class name, the newest
    unfinished game saved for that class (its own games and their branches). None if there is none."""
    from .saves import read_save

    wanted = slug(check_class_name(class_name)) if class_name else None
    if class_name is not None and not wanted:
        raise BadInput("--class: give the class's name")
    for path in all_saves():
        try:
            data = read_save(path)
            options = ClassOptions.from_dict(data.get("classroom", {}), str(path))
        except BadInput:
            continue  # a damaged file is listed by `politburo load`, never resumed blindly
        if data.get("over") or (wanted is not None and slug(options.class_name) != wanted):
            continue
        return path
    return None


def keeps_own_file(options: ClassOptions) -> bool:
    """A class game or a branch goes on saving itself in its own file; any other game in the autosave."""
    return bool(options.class_name or options.origin)


def describe_save(path: Path, label: str | None = None) -> tuple[str, str]:
    """(title, detail) of a save for a list: the class, the scenario and quarter, the players, the
    preset, whether it is a branch. A damaged file gets its one-line problem as the detail."""
    import time

    from .saves import read_save

    try:
        data = read_save(path)
    except BadInput as exc:
        return path.name, exc.problems[0]
    humans = [k for k, v in data["seats"].items() if v == "human"] or ["AI only"]
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    label = label or path.stem
    extra = ""
    try:
        opts = ClassOptions.from_dict(data["classroom"], str(path)) if "classroom" in data else None
    except BadInput:
        opts = None
    if opts is not None:
        if opts.class_name:
            label = f"Class {opts.class_name}"
        if opts.origin:
            label += f" (branch from {opts.origin.get('quarter', '?')})"
        if opts.preset != "custom":
            extra += f" · {PRESETS[opts.preset].title.lower()}"
        if opts.timer:
            extra += f" · timer {opts.timer // 60} min"
        if opts.origin:
            extra += f" · branch of {Path(str(opts.origin.get('save', '?'))).stem}"
            if opts.origin.get("toggles"):
                extra += f" with {', '.join(map(str, opts.origin['toggles']))}"
    over = " · finished" if data.get("over") else ""
    return (f"{label}: scenario {data['scenario']}, {data.get('quarter', '?')} — {', '.join(h.capitalize() for h in humans)}",
            f"{data['difficulty']} · seed {data['seed']} · {len(data['actions'])} moves{extra}{over} · saved {when}")


def find_save(ref: str | Path) -> Path:
    """A save given as a path, or by its name in the saves folder ('9b-1927' or '9b-1927.json')."""
    path = Path(ref)
    if path.exists():
        return path
    folder = saves_dir()
    for candidate in (folder / str(ref), folder / f"{ref}.json", folder / f"{slug(str(ref))}.json"):
        if candidate.is_file():
            return candidate
    return path  # not found: the caller's read reports "no such file" on the path as given


# ---- the CSV of a batch -------------------------------------------------------------------------

def batch_csv(rows: list[dict[str, Any]]) -> str:
    """The rows of a batch as CSV, with the columns `politburo simulate --csv` writes."""
    if not rows:
        raise BadInput("the batch has no games to export")
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def export_batch(rows: list[dict[str, Any]], scenario: str, toggles: tuple[str, ...] | list[str], seed: int,
                 tag: str = "", folder: Path | None = None) -> Path:
    """Write a batch's CSV to the exports folder (atomically) and return its path."""
    from .saves import write_atomic_bytes

    folder = folder or exports_dir()
    parts = [f"batch-{slug(scenario)}", *(slug(t) for t in sorted(toggles)), f"{len(rows)}runs", f"seed{seed}"]
    if tag:
        parts.insert(0, slug(tag))
    path = folder / ("-".join(p for p in parts if p) + ".csv")
    write_atomic_bytes(path, batch_csv(rows).encode("utf-8"))
    return path


def branch_save_path(origin: str | Path, quarter: str, motion: int | None = None) -> Path:
    """A fresh file in the saves folder for a game branched from `origin` (never the original)."""
    stem = Path(origin).stem
    stem = stem[: -len(".prev")] if stem.endswith(".prev") else stem
    base = f"{slug(stem) or 'game'}-branch-{quarter.lower()}" + (f"-vote{motion}" if motion is not None else "")
    path = saves_dir() / f"{base}.json"
    i = 2
    while path.exists():
        path = saves_dir() / f"{base}-{i}.json"
        i += 1
    return path


# ---- comparing two settings on the same seeds ------------------------------------------------------

# Student's t, 95% two-sided, by degrees of freedom (the nearest lower entry is used: conservative).
_T95 = ((1, 12.71), (2, 4.30), (3, 3.18), (4, 2.78), (5, 2.57), (6, 2.45), (7, 2.36), (8, 2.31), (9, 2.26),
        (10, 2.23), (12, 2.18), (15, 2.13), (20, 2.09), (25, 2.06), (30, 2.04), (40, 2.02), (60, 2.00),
        (120, 1.98))


def t95(df: int) -> float:
    return next((t for d, t in reversed(_T95) if df >= d), _T95[0][1]) if df < 1000 else 1.96


def paired_difference(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]],
                      leader: str) -> tuple[float, float, float]:
    """B's share minus A's of the games `leader` ended on top, over games paired by seed, with a
    95% interval (Student's t) from the spread of the per-game differences (each -1, 0 or +1).
    Pairing removes the luck both settings share, so the interval is narrower than two separate
    ones suggest."""
    pairs = _pairs(rows_a, rows_b)
    n = len(pairs)
    if n == 0:
        return 0.0, 0.0, 0.0
    diffs = [(b["top_leader"] == leader) - (a["top_leader"] == leader) for a, b in pairs]
    mean = sum(diffs) / n
    if n < 2:
        return mean, -1.0, 1.0
    var = sum((d - mean) ** 2 for d in diffs) / (n - 1)
    half = t95(n - 1) * (var / n) ** 0.5
    return mean, max(-1.0, mean - half), min(1.0, mean + half)


def changed_winner(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> tuple[int, int]:
    """(games in which a different leader ended on top, games compared)."""
    pairs = _pairs(rows_a, rows_b)
    return sum(1 for a, b in pairs if a["top_leader"] != b["top_leader"]), len(pairs)


def _pairs(rows_a: list[dict[str, Any]], rows_b: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    by_seed = {r["seed"]: r for r in rows_b}
    return [(a, by_seed[a["seed"]]) for a in rows_a if a["seed"] in by_seed]
