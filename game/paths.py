"""Where the game keeps its files: platformdirs folders, overridable with POLITBURO_HOME
(tests and classrooms on shared machines point it at a folder of their own)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "politburo"


def _home(kind: str) -> Path | None:
    root = os.environ.get("POLITBURO_HOME")
    return Path(root) / kind if root else None


def data_dir() -> Path:
    return _home("data") or Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    return _home("config") or Path(platformdirs.user_config_dir(APP, appauthor=False))


def log_dir() -> Path:
    return _home("logs") or Path(platformdirs.user_log_dir(APP, appauthor=False))


def autosave_path() -> Path:
    return data_dir() / "autosave.json"
