"""Save files: JSON with a format version, the scenario id and hash, the seed, toggles, seats and
the action log. A save replays exactly: loading re-applies every action and checks the state
hash recorded at the end of each quarter. Writes are atomic (temp file, fsync, rename)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import BadInput

FORMAT = "politburo-save"
VERSION = 1
MAX_SAVE_BYTES = 20_000_000
# What decides how a saved game's moves replay besides the scenario: the rules, the AI that plays
# the other seats, and the balance numbers.
_RULES_FILES = ("rules/*.py", "ai/*.py", "data/balance.toml", "model.py", "actions.py", "rng.py")


@functools.cache
def rules_fingerprint() -> str:
    """A digest of the files that decide how a game replays (`_RULES_FILES`). A save keeps it, so
    a save that no longer replays on this build can say why instead of naming a move."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for pattern in _RULES_FILES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def other_build(data: dict[str, Any]) -> bool:
    """Was this save written by a build whose rules differ from this one (or by one too old to
    record them)?"""
    return data.get("rules") != rules_fingerprint()


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, flushed and fsynced, then renamed over."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_save(path: Path) -> dict[str, Any]:
    """Read and check the shape of a save; BadInput with one clear line otherwise. Never writes."""
    label = str(path)
    if not path.exists():
        raise BadInput(f"{label}: no such file")
    if not path.is_file():
        raise BadInput(f"{label}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(f"{label}: empty file, not a Politburo save")
    if size > MAX_SAVE_BYTES:
        raise BadInput(f"{label}: file too large to be a save ({size} bytes)")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BadInput(f"{label}: damaged save: not valid JSON") from None
    except OSError as exc:
        raise BadInput(f"{label}: cannot read ({exc.strerror or exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInput(f"{label}: not a Politburo save file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadInput(f"{label}: version: missing or not a number")
    if version > VERSION:
        raise BadInput(f"{label}: saved by a newer version of Politburo (format {version}; this one reads {VERSION})")
    expect = {"scenario": str, "scenario_hash": str, "seed": int, "toggles": list, "seats": dict,
              "actions": list, "hashes": dict, "difficulty": str}
    for key, kind in expect.items():
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise BadInput(f"{label}: {key}: missing or of the wrong type")
    if not all(isinstance(t, str) for t in data["toggles"]):
        raise BadInput(f"{label}: toggles: must be a list of names")
    if not all(isinstance(k, str) and v in ("human", "ai") for k, v in data["seats"].items()):
        raise BadInput(f"{label}: seats: each seat must be \"human\" or \"ai\"")
    return data


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """`write_atomic` for bytes: no newline translation (a CSV keeps its CRLF on every system)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_forced(data: dict[str, Any], label: str) -> dict[str, float]:
    """The forced chance outcomes of a what-if save ({} when it has none), checked."""
    forced = data.get("forced", {})
    if not isinstance(forced, dict):
        raise BadInput(f"{label}: forced: must be a table of chance keys and draws")
    out: dict[str, float] = {}
    for key, value in forced.items():
        if not isinstance(key, str) or not isinstance(value, int | float) or isinstance(value, bool) \
                or not 0.0 <= value < 1.0:
            raise BadInput(f"{label}: forced.{key}: must be a draw from 0 up to 1 (got {value!r})")
        out[key] = float(value)
    return out


def read_switches(data: dict[str, Any], label: str) -> list[tuple[int, tuple[str, ...]]]:
    """The what-if switches a branch turned on in mid-game ([] when none): each as (the number of
    moves made before it, the toggle names), in order, checked against the action log."""
    raw = data.get("switches", [])
    if not isinstance(raw, list):
        raise BadInput(f"{label}: switches: must be a list")
    out: list[tuple[int, tuple[str, ...]]] = []
    last = 0
    for i, item in enumerate(raw):
        at = item.get("at") if isinstance(item, dict) else None
        names = item.get("toggles") if isinstance(item, dict) else None
        if not isinstance(at, int) or isinstance(at, bool) or not last <= at <= len(data["actions"]):
            raise BadInput(f"{label}: switches.{i}.at: must be a move number from {last} to {len(data['actions'])}")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise BadInput(f"{label}: switches.{i}.toggles: must be a list of toggle names")
        out.append((at, tuple(names)))
        last = at
    return out
