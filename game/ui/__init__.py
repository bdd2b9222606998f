"""The pygame-ce window of Politburo (DESIGN §4, §6).

Only this package imports pygame: the engine stays headless. The window is a handler state
machine in the manner of the python-tcod tutorial — each screen is a handler that draws itself,
turns input into actions for the Session and returns the next handler — on a small widget kit of
our own (`widgets.py`), with text rendered once and cached (`theme.py`).

    from game.ui import run_window
    run_window()                 # the title menu
    run_window(session)          # straight onto the board of a game in progress
"""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


class PygameNotCE(ImportError):
    """The upstream `pygame` package is installed in place of pygame-ce."""


try:
    import pygame
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("The Politburo window needs pygame-ce: run  pip install pygame-ce") from exc

if not getattr(pygame, "IS_CE", False):  # pragma: no cover - depends on the environment
    raise PygameNotCE(
        "The Politburo window needs pygame-ce, but the upstream 'pygame' package is installed "
        "(both install into the same folder and overwrite each other). Fix it with:\n"
        "    pip uninstall -y pygame\n"
        "    pip install --force-reinstall pygame-ce"
    )

__all__ = ["PygameNotCE", "run_window", "render"]


def __getattr__(name: str):
    if name == "run_window":
        from .app import run_window

        return run_window
    if name == "render":
        from .screenshot import render

        return render
    raise AttributeError(name)
