"""The title menu (a poster) and the pause menu of a game in progress."""

from __future__ import annotations

import contextlib
import math

import pygame

from ... import classroom, paths
from ..app import Handler, Job, Popup, job_error_text
from ..theme import INK, INK_SOFT, PAPER, RED, RED_DARK, WHITE, star_points
from ..widgets import Button


class MenuMixin:
    """A vertical column of buttons: ↑/↓, Enter, numbers, the mouse."""

    items: list[Button]
    index: int = 0

    def menu_key(self, ev):
        k = ev.key
        enabled = [i for i, b in enumerate(self.items) if b.enabled]
        if k in (pygame.K_UP, pygame.K_DOWN):
            if enabled:
                pos = enabled.index(self.index) if self.index in enabled else 0
                self.index = enabled[(pos + (1 if k == pygame.K_DOWN else -1)) % len(enabled)]
            return None
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            b = self.items[self.index]
            return b.action() if b.enabled else None
        if pygame.K_1 <= k <= pygame.K_9:
            i = k - pygame.K_1
            if i < len(self.items) and self.items[i].enabled:
                self.index = i
                return self.items[i].action()
        return None


class TitleMenu(MenuMixin, Handler):
    def __init__(self, app):
        super().__init__(app)
        self.job: Job | None = None
        self.job_label = ""
        self.error = ""
        self.spin = 0.0
        # Continue: the newest unfinished game, a class's included (they save under the class's name)
        auto = paths.autosave_path()
        prev = auto.with_suffix(".prev.json")
        self.autosave = classroom.latest_save() or next((p for p in (auto, prev) if p.is_file()), None)
        cont_tip = ("Resume the newest unfinished game: the autosave, or a class's game saved under its name."
                    if self.autosave else "No unfinished game yet: start a new game first.")
        self.cont_text = ""  # what Continue resumes, shown under the menu
        if self.autosave is not None:
            from .saves import describe_save

            text, detail = describe_save(self.autosave)
            cont_tip += f"\n{text}\n{detail}"
            self.cont_text = f"Continue: {text.split(' — ')[0]}"  # the players are in the tip
        self.items = [
            Button("New game", self.new_game, "1", tip="Choose a scenario, a leader, the difficulty and what-if switches."),
            Button("Continue", self.continue_game, "2", kind="secondary", enabled=self.autosave is not None, tip=cont_tip),
            Button("Load a game", self.load_game, "3", kind="secondary", tip="Open a saved game."),
            Button("Replay history", self.replay, "4", kind="secondary",
                   tip="Play the real history through the rules, quarter by quarter, and see how close the model comes."),
            Button("What-if lab", self.lab, "5", kind="secondary",
                   tip="Run many AI games with what-if switches and see how the odds move."),
            Button("Encyclopedia", self.encyclopedia, "6", kind="secondary", tip="People and terms of the period, with sources."),
            Button("Settings", self.settings, "7", kind="secondary", tip="Text size, colour-blind palette, full screen."),
            Button("Quit", self.quit, "8", kind="dark"),
        ]
        for b in self.items:
            b.font = "h2"
        self.index = 0
        self._title = None

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    @property
    def animating(self) -> bool:
        return self.busy

    # ---- actions -----------------------------------------------------------------------------
    def new_game(self):
        from .setup import Setup

        return Setup(self.app, back=self)

    def continue_game(self):
        if self.autosave is None or self.busy:
            return None
        from ...session import Session

        path = self.autosave
        self.job_label = "Opening the saved game…"
        self.job = Job(lambda: Session.load_last_good(path)[0], "load")
        self.after = "board"
        return None

    def load_game(self):
        from .saves import LoadScreen

        return LoadScreen(self.app, back=self)

    def replay(self):
        if self.busy:
            return None
        from ... import history
        from ...scenario import list_ids

        sid = "1924" if "1924" in list_ids() else list_ids()[0]
        self.job_label = "Replaying the real history through the rules…"
        self.job = Job(lambda: history.replay(sid)[0], "replay")
        self.after = "replay"
        return None

    def lab(self):
        from .lab import Lab

        return Lab(self.app, back=self)

    def encyclopedia(self):
        from .encyclopedia import Encyclopedia

        return Encyclopedia(self.app, back=self)

    def settings(self):
        from .settings import SettingsScreen

        return SettingsScreen(self.app, back=self)

    def quit(self):
        self.app.quit(0)
        return None

    def update(self, dt):
        self.spin += dt
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            if job.error is not None:
                err = job.error
                self.error = job_error_text(err)
                return None
            session = job.result
            if self.after == "board":
                from .board import Board

                # a class game (or a branch) goes on saving itself in its own file
                session.autosave_path = self.autosave if classroom.keeps_own_file(session.classroom) \
                    else paths.autosave_path()
                return Board(self.app, session, show_opening=False)
            from .report import Report

            return Report(self.app, session, back=self, replay=True)
        return None

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        if self.busy:
            return None
        if ev.key == pygame.K_ESCAPE:
            return None
        return self.menu_key(ev)

    # ---- drawing -----------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        col_w = min(int(w * 0.34), px(420))
        x = w - col_w - px(56)
        bh = self.items[0].height(th)
        gap = px(10)
        total = len(self.items) * bh + (len(self.items) - 1) * gap
        y = max(px(20), (h - total) // 2 + px(20))
        if y + total > h - px(40):
            bh = max(th.line_h("h3") + px(8), (h - px(60) - (len(self.items) - 1) * gap) // len(self.items))
            y = px(20)
        for b in self.items:
            b.rect = pygame.Rect(x, y, col_w, bh)
            y += bh + gap
        self._title = None

    def _title_surface(self):
        if self._title is None:
            s = self.theme.font("display").render("POLITBURO", True, PAPER)
            self._title = pygame.transform.rotozoom(s, 8, 1.0)
        return self._title

    def render(self, surf):
        w, h = surf.get_size()
        px = self.px
        t = self.t
        surf.fill(PAPER)
        # the poster: a red wedge, a black disc, rays and a star
        menu_x = self.items[0].rect.x
        pygame.draw.polygon(surf, RED, [(0, h), (0, h * 0.18), (menu_x - px(40), h * 0.02), (menu_x * 0.78, h)])
        pygame.draw.polygon(surf, RED_DARK, [(0, h), (0, h * 0.72), (menu_x * 0.78, h)])
        cx, cy = int(menu_x * 0.38), int(h * 0.56)
        rad = int(min(menu_x * 0.3, h * 0.3))
        for i in range(12):
            a = math.pi * (0.95 + i / 11 * 0.9)
            pygame.draw.line(surf, INK, (cx, cy), (cx + math.cos(a) * rad * 2.2, cy + math.sin(a) * rad * 2.2), max(2, px(4)))
        pygame.draw.circle(surf, INK, (cx, cy), rad)
        pygame.draw.polygon(surf, RED, star_points(cx, cy, rad * 0.72))
        pygame.draw.rect(surf, INK, (0, int(h * 0.86), menu_x - px(30), px(10)))
        title = self._title_surface()
        tr = title.get_rect(midleft=(px(30), int(h * 0.17)))
        if tr.right > menu_x - px(20):
            scale = (menu_x - px(50)) / tr.width
            title = pygame.transform.rotozoom(title, 0, scale)
            tr = title.get_rect(midleft=(px(30), int(h * 0.17)))
        shadow = title.copy()
        shadow.fill(INK, special_flags=pygame.BLEND_RGB_MULT)
        surf.blit(shadow, tr.move(px(5), px(5)))
        surf.blit(title, tr)
        sub = "THE STRUGGLE FOR LENIN'S SUCCESSION · 1924–1929"
        t.draw(surf, "h3", sub, WHITE, (px(34), tr.bottom + px(6)), width=menu_x - px(60))
        if self.theme.supports("h2", "ПОЛИТБЮРО"):
            t.draw(surf, "h2", "ПОЛИТБЮРО ЦК", PAPER, (px(34), tr.bottom + px(10) + self.theme.line_h("h3")))
        t.draw(surf, "small", "A strategy game and classroom simulator", INK, (px(34), int(h * 0.86) + px(16)),
               width=menu_x - px(60))
        # the menu
        for i, b in enumerate(self.items):
            hovered = b.rect.collidepoint(self.mouse)
            b.draw(surf, self.theme, hovered, focused=i == self.index)
            self.spots.add(b.rect, b.tip, (lambda b=b: b.action() if b.enabled else None))
        y = self.items[-1].rect.bottom + px(10)
        t.draw(surf, "tiny", "↑/↓ and Enter, numbers 1–8, or the mouse · F11 full screen", INK_SOFT,
               (self.items[0].rect.x, y), width=w - self.items[0].rect.x - px(10))
        below = (self.items[0].rect.x, y + self.theme.line_h("tiny") + px(4))
        if self.error:
            t.draw(surf, "smallb", self.error, RED, below, width=w - self.items[0].rect.x - px(10))
        elif self.cont_text:
            t.draw(surf, "small", self.cont_text, INK, below, width=w - self.items[0].rect.x - px(10))
        if self.busy:
            box = pygame.Rect(0, 0, min(w - px(40), px(560)), self.theme.line_h("h2") + px(40))
            box.center = (w // 2, h // 2)
            pygame.draw.rect(surf, INK, box)
            pygame.draw.rect(surf, RED, box, px(3))
            pygame.draw.polygon(surf, RED, star_points(box.x + px(28), box.centery, px(12), rot=self.spin * 3))
            t.draw(surf, "h2", self.job_label, PAPER, (box.x + px(50), box.centery), "midleft", width=box.width - px(60))



class PauseMenu(MenuMixin, Popup):
    def __init__(self, app, board):
        super().__init__(app, board)
        self.board = board
        self.session = board.session
        self.note = ""
        self.items = [
            Button("Resume", self.close, "1"),
            Button("Save the game", self.save, "2", kind="secondary"),
            Button("Load a game", self.load, "3", kind="secondary"),
            Button("Settings", self.settings, "4", kind="secondary"),
            Button("Encyclopedia", self.encyclopedia, "5", kind="secondary"),
            Button("How to play", self.help, "6", kind="secondary"),
            Button("How the model works", self.model, "7", kind="secondary",
                   tip="Every mechanism, its formula and the numbers the game uses now (M on the board)."),
            Button("Quit to the title", self.to_title, "8", kind="secondary"),
            Button("Quit the game", self.quit, "9", kind="dark"),
        ]
        self.index = 0

    def save(self):
        self.note = self.board.save_game()
        return None

    def load(self):
        from .saves import LoadScreen

        return LoadScreen(self.app, back=self)

    def settings(self):
        from .settings import SettingsScreen

        return SettingsScreen(self.app, back=self)

    def encyclopedia(self):
        from .encyclopedia import Encyclopedia

        return Encyclopedia(self.app, back=self)

    def help(self):
        from .event import HelpPopup

        return HelpPopup(self.app, self)

    def model(self):
        from .modelsheet import ModelSheet

        return ModelSheet(self.app, back=self, balance=self.session.state.world.balance)

    def _autosave(self):
        s = self.session
        if s.autosave_path is not None and not self.board.busy and not s.over:
            with contextlib.suppress(OSError):
                s.save(s.autosave_path, keep_previous=True)

    def to_title(self):
        self._autosave()
        return TitleMenu(self.app)

    def quit(self):
        self._autosave()
        self.app.quit(0)
        return None

    def on_key(self, ev):
        if ev.key == pygame.K_ESCAPE:
            return self.close()
        return self.menu_key(ev)

    def layout(self, w, h):
        px = self.px
        th = self.theme
        bw = min(w - px(40), px(380))
        bh = self.items[0].height(th)
        gap = px(8)
        total = len(self.items) * (bh + gap) + th.line_h("h1") + px(40)
        self.box = pygame.Rect(0, 0, bw + px(48), total + th.line_h("small") + px(10))
        self.box.center = (w // 2, h // 2)
        y = self.box.y + th.line_h("h1") + px(30)
        for b in self.items:
            b.rect = pygame.Rect(self.box.x + px(24), y, bw, bh)
            y += bh + gap

    def render(self, surf):
        self.backdrop(surf)
        px = self.px
        b = self.box
        pygame.draw.rect(surf, INK, b.move(px(6), px(6)))
        pygame.draw.rect(surf, PAPER, b)
        pygame.draw.rect(surf, RED, (b.x, b.y, b.width, self.theme.line_h("h1") + px(16)))
        self.t.draw(surf, "h1", "MENU", PAPER, (b.centerx, b.y + px(8)), "midtop")
        pygame.draw.rect(surf, INK, b, px(3))
        for i, btn in enumerate(self.items):
            btn.draw(surf, self.theme, btn.rect.collidepoint(self.mouse), focused=i == self.index)
            self.spots.add(btn.rect, btn.tip, btn.action)
        if self.note:
            self.t.draw(surf, "small", self.note, RED, (b.centerx, self.items[-1].rect.bottom + px(6)), "midtop",
                        width=b.width - px(20))
