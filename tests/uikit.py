"""Driving the window headless through the real pygame event queue, for the window's tests: an
app, keys, clicks, typed text, a drawn frame, and waiting for the AI's worker thread."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import time  # noqa: E402

import pygame  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.theme import Settings  # noqa: E402


def make_app(size=(1280, 800)) -> App:
    return App(size=size, settings=Settings(reveal="instant"), persist=False)


def key(app: App, k: int, mod: int = 0, unicode: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0))
    app.step()


def click(app: App, pos) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step()


def type_text(app: App, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.step()


def shown(app: App):
    app.draw()  # lays the screen out and registers its hot spots
    return app.handler


def until(app: App, test, seconds: float = 20.0) -> bool:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.step()
        if test():
            return True
        time.sleep(0.005)
    return False
