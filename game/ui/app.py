"""The window's loop and the handler state machine.

Each screen is a `Handler`: it lays itself out for the window size, draws itself, turns input
into actions for the Session and returns the next handler (itself to stay). A pop-up wraps its
parent: it draws the parent beneath a veil and returns the parent when it closes. The loop
redraws only when something changed (input, a finished AI move, an animation); the AI thinks in
a worker thread (`Job`), so no frame waits on the engine.
"""

from __future__ import annotations

import contextlib
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

import pygame

from .theme import INK, PAPER, Settings, Theme
from .widgets import Spots, dim, draw_tooltip


class Job:
    """Run a function in a daemon thread; poll `done`, then read `result` or `error`."""

    def __init__(self, fn: Callable[[], Any], label: str = ""):
        self.label = label
        self.result: Any = None
        self.error: BaseException | None = None
        self.trace = ""
        self.progress = 0.0
        self.started = time.perf_counter()
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True, name=f"politburo-{label}")
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self.result = fn()
        except BaseException as exc:  # noqa: BLE001 - reported on the main thread
            self.error = exc
            self.trace = traceback.format_exc()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return self.done


def job_error_text(err: BaseException) -> str:
    """One line for a failed background job: the BadInput's own line, or the error's type."""
    from ..errors import BadInput

    return err.problems[0] if isinstance(err, BadInput) else f"{type(err).__name__}: {err}"


class Handler:
    """One screen. Subclasses override layout, render, on_key, on_text, on_click, update."""

    wants_text = False  # True while the screen takes typed text (TEXTINPUT events)

    def __init__(self, app: App):
        self.app = app
        self.spots = Spots()
        self.mouse = (-1, -1)
        self._layout_key: tuple | None = None
        self._hover_key: Any = None

    # ---- helpers ------------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self.app.theme

    @property
    def t(self):
        return self.app.theme.text

    def px(self, n: float) -> int:
        return self.app.theme.px(n)

    def ensure_layout(self) -> None:
        key = (self.app.screen.get_size(), self.app.theme.version)
        if key != self._layout_key:
            self._layout_key = key
            self.layout(*key[0])

    def relayout(self) -> None:
        self._layout_key = None

    # ---- to override --------------------------------------------------------------------------
    def layout(self, w: int, h: int) -> None:
        pass

    def render(self, surf: pygame.Surface) -> None:
        surf.fill(PAPER)

    def return_to(self, back: Handler | None) -> Handler:
        """Back to the screen we came from (laid out afresh), or to the title menu."""
        if back is not None:
            back.relayout()
            return back
        from .scenes.menu import TitleMenu

        return TitleMenu(self.app)

    def on_key(self, ev: pygame.event.Event) -> Handler | None:
        return None

    def on_text(self, text: str) -> Handler | None:
        return None

    def on_click(self, pos: tuple[int, int], button: int = 1) -> Handler | None:
        spot = self.spots.hit(pos)
        if spot is not None and spot.click is not None:
            out = spot.click()
            return out if isinstance(out, Handler) else None
        return None

    def on_wheel(self, dy: int) -> Handler | None:
        return None

    def update(self, dt: float) -> Handler | None:
        return None

    def on_enter(self) -> None:
        """Called when this handler becomes the current one (again)."""

    @property
    def animating(self) -> bool:
        return False

    # ---- dispatch -----------------------------------------------------------------------------
    def handle(self, ev: pygame.event.Event) -> Handler | None:
        if ev.type == pygame.MOUSEMOTION:
            self.mouse = ev.pos
            spot = self.spots.hit(ev.pos)
            key = (id(spot), spot.rect.topleft) if spot else None
            if key != self._hover_key or (spot is not None and spot.tip):
                self._hover_key = key
                self.app.dirty = True
            return None
        self.app.dirty = True
        if ev.type == pygame.MOUSEBUTTONUP and ev.button in (1, 3):
            self.mouse = ev.pos
            return self.on_click(ev.pos, ev.button)
        if ev.type == pygame.MOUSEWHEEL:
            return self.on_wheel(ev.y)
        if ev.type == pygame.KEYDOWN:
            return self.on_key(ev)
        if ev.type == pygame.TEXTINPUT:
            return self.on_text(ev.text)
        return None

    def frame(self, surf: pygame.Surface) -> None:
        """Draw one frame: the screen, then the tooltip of whatever is under the pointer."""
        self.spots.clear()
        self.render(surf)
        self.draw_tooltip(surf)

    def draw_tooltip(self, surf: pygame.Surface) -> None:
        spot = self.spots.hit(self.mouse) if self.mouse[0] >= 0 else None
        if spot is None:
            return
        tip = spot.tooltip()
        if tip:
            draw_tooltip(surf, self.theme, tip, self.mouse)


class Popup(Handler):
    """A pop-up over its parent: the parent shows beneath a veil; Esc returns to it."""

    veil = 150

    def __init__(self, app: App, parent: Handler):
        super().__init__(app)
        self.parent = parent
        self._backdrop: pygame.Surface | None = None
        self._backdrop_key: tuple | None = None

    def backdrop(self, surf: pygame.Surface) -> None:
        key = (surf.get_size(), self.app.theme.version)
        if self._backdrop is None or self._backdrop_key != key:
            self.parent.ensure_layout()
            self.parent.render(surf)
            dim(surf, self.veil)
            self._backdrop = surf.copy()
            self._backdrop_key = key
        surf.blit(self._backdrop, (0, 0))

    def refresh_backdrop(self) -> None:
        self._backdrop = None

    def close(self) -> Handler:
        return self.parent


class App:
    """The window: the display surface, the theme, the current handler and the loop."""

    def __init__(self, size: tuple[int, int] | None = None, settings: Settings | None = None,
                 fullscreen: bool | None = None, persist: bool = True):
        pygame.display.init()
        pygame.font.init()
        self.persist = persist
        self.settings = settings if settings is not None else Settings.load()
        if fullscreen is not None:
            self.settings.fullscreen = fullscreen
        self.windowed_size = tuple(size or self.settings.window)
        self.screen = self._set_mode(self.windowed_size, self.settings.fullscreen)
        pygame.display.set_caption("Politburo — the struggle for Lenin's succession, 1924–1929")
        pygame.key.set_repeat(350, 40)
        self.theme = Theme(self.settings, self.screen.get_size())
        self.handler: Handler | None = None
        self.dirty = True
        self.running = True
        self.exit_code = 0
        self.clock = pygame.time.Clock()
        self._last = time.perf_counter()
        self.error: str | None = None
        self.frames = 0

    # ---- the display --------------------------------------------------------------------------
    def _set_mode(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                pass
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def resize(self, w: int, h: int) -> None:
        w, h = max(640, w), max(400, h)
        if self.settings.fullscreen:
            return
        if self.screen.get_size() != (w, h):
            self.screen = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.windowed_size = (w, h)
        self.theme.resize((w, h))
        self.dirty = True

    def set_fullscreen(self, on: bool) -> None:
        self.settings.fullscreen = on
        self.screen = self._set_mode(self.windowed_size, on)
        self.theme.resize(self.screen.get_size())
        self.save_settings()
        self.dirty = True

    def apply_settings(self) -> None:
        """Text size or palette changed: rebuild fonts and every layout."""
        self.theme.resize(self.screen.get_size())
        self.save_settings()
        self.dirty = True

    def save_settings(self) -> None:
        if self.persist:
            self.settings.save()

    # ---- handlers -----------------------------------------------------------------------------
    def set_handler(self, handler: Handler) -> None:
        if handler is not self.handler:
            self.handler = handler
            handler.on_enter()
            self.dirty = True

    def dispatch(self, ev: pygame.event.Event) -> None:
        if ev.type == pygame.QUIT:
            self.quit(0)
            return
        if ev.type == pygame.VIDEORESIZE:
            self.resize(ev.w, ev.h)
            return
        if ev.type in (pygame.WINDOWSIZECHANGED,):
            surf = pygame.display.get_surface()
            if surf is not None and surf.get_size() != self.theme.size:
                self.screen = surf
                self.theme.resize(surf.get_size())
            self.dirty = True
            return
        if ev.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED):
            self.dirty = True
            return
        if ev.type == pygame.KEYDOWN and ev.key == pygame.K_F11:
            self.set_fullscreen(not self.settings.fullscreen)
            return
        if ev.type == pygame.TEXTINPUT and not (self.handler and self.handler.wants_text):
            return
        if self.handler is None:
            return
        nxt = self.handler.handle(ev)
        if nxt is not None and nxt is not self.handler:
            self.set_handler(nxt)

    def step(self, first: pygame.event.Event | None = None) -> bool:
        """One turn of the loop: handle queued input, let the screen update, redraw if needed."""
        now = time.perf_counter()
        dt = now - self._last
        self._last = now
        events = ([first] if first is not None else []) + pygame.event.get()
        for ev in events:
            self.dispatch(ev)
            if not self.running:
                return False
        if self.handler is not None:
            nxt = self.handler.update(dt)
            if nxt is not None and nxt is not self.handler:
                self.set_handler(nxt)
        if self.dirty or (self.handler is not None and self.handler.animating):
            self.draw()
        return self.running

    def draw(self) -> None:
        if self.handler is None:
            return
        surf = self.screen
        self.handler.ensure_layout()
        self.handler.frame(surf)
        pygame.display.flip()
        self.dirty = False
        self.frames += 1

    def settle(self, timeout: float = 10.0) -> None:
        """Step until no background job runs and nothing animates (tests and screenshots)."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            self.step()
            h = self.handler
            if h is None or not (getattr(h, "busy", False) or h.animating):
                self.step()
                if not (getattr(self.handler, "busy", False) or self.handler.animating):
                    return
            time.sleep(0.002)

    def run(self) -> int:
        while self.running:
            h = self.handler
            active = h is not None and (h.animating or getattr(h, "busy", False))
            if active or self.dirty:
                self.step()
                self.clock.tick(60)
            else:
                ev = pygame.event.wait(250)  # sleep until something happens (or a quarter second)
                self.step(ev if ev.type != pygame.NOEVENT else None)
        return self.exit_code

    def quit(self, code: int = 0) -> None:
        self.running = False
        self.exit_code = code

    def screenshot(self, path) -> None:
        self.draw()
        pygame.image.save(self.screen, str(path))


def run_window(session=None, fullscreen: bool = False) -> int:
    """Open the window: the title menu, or the board of `session`. Returns an exit code."""
    from .scenes.board import Board
    from .scenes.menu import TitleMenu

    app = App(fullscreen=fullscreen or None)
    try:
        if session is not None:
            app.set_handler(Board(app, session))
        else:
            app.set_handler(TitleMenu(app))
        code = app.run()
    except KeyboardInterrupt:
        code = 0
    finally:
        _autosave(app)
        pygame.display.quit()
    return code


def _autosave(app: App) -> None:
    h = app.handler
    while h is not None:
        session = getattr(h, "session", None)
        if session is not None and getattr(session, "autosave_path", None) is not None and not session.over:
            board = h
            if getattr(board, "busy", False):
                board.job.wait(5)
            with contextlib.suppress(OSError):
                session.save(session.autosave_path, keep_previous=True)
            return
        h = getattr(h, "parent", None)


def blank(app: App) -> None:  # pragma: no cover - debugging helper
    app.screen.fill(INK)
    pygame.display.flip()
