"""Load a saved game: the autosave and the saves in the data folder, newest first (a class's
games named by the class); or branch one — start again from any quarter or any vote of it."""

from __future__ import annotations

from pathlib import Path

import pygame

from ... import classroom, paths, saves
from ..app import Handler, Job, job_error_text
from ..theme import INK, INK_SOFT, PAPER, RED, star_points
from ..widgets import Button, ListView, Row, header_band, layout_row, panel


def save_files() -> list[Path]:
    found = []
    auto = paths.autosave_path()
    if auto.is_file():
        found.append(auto)
    return found + classroom.list_saves()


def describe_save(path: Path) -> tuple[str, str]:
    return classroom.describe_save(path, label="Autosave" if path == paths.autosave_path() else None)


class LoadScreen(Handler):
    def __init__(self, app, back=None):
        super().__init__(app)
        self.back = back
        self.list = ListView(app.theme, font="body")
        self.job: Job | None = None
        self.error = ""
        self.spin = 0.0
        rows = []
        for p in save_files():
            text, detail = describe_save(p)
            rows.append(Row(text, detail, data=p, tip=f"{p}\n{detail}"))
        self.list.set_rows(rows, keep=False)
        self.load_btn = Button("Load", self.load, "Enter")
        self.branch_btn = Button("Branch…", self.branch, "B", kind="secondary",
                                 tip="Start a new game from any quarter of this one, or from one of its votes with "
                                     "the vote reversed. The saved game itself is not changed.")
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")
        self.job_kind = "load"

    @property
    def busy(self):
        return self.job is not None and not self.job.done

    @property
    def animating(self):
        return self.busy

    def load(self):
        row = self.list.current()
        if row is None or self.busy:
            return None
        from ...session import Session

        path = row.data
        self.job_kind = "load"
        self.job = Job(lambda: (Session.load(path), path), "load")
        return None

    def branch(self):
        row = self.list.current()
        if row is None or self.busy:
            return None
        from ...session import Session

        path = row.data

        def read():
            return Session.load(path), saves.read_save(path), path

        self.job_kind = "branch"
        self.job = Job(read, "load")
        return None

    def go_back(self):
        return self.return_to(self.back)

    def update(self, dt):
        self.spin += dt
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            if job.error is not None:
                err = job.error
                self.error = job_error_text(err)
                return None
            if self.job_kind == "branch":
                from .branch import BranchScreen

                session, data, path = job.result
                return BranchScreen(self.app, session, data, str(path), back=self)
            from .board import Board

            session, path = job.result
            # a class game (or a branch) goes on saving itself in its own file; others to the autosave
            session.autosave_path = path if classroom.keeps_own_file(session.classroom) else paths.autosave_path()
            return Board(self.app, session, show_opening=False)
        return None

    def on_key(self, ev):
        if self.busy:
            return None
        if ev.key == pygame.K_ESCAPE:
            return self.go_back()
        if ev.key == pygame.K_b:
            return self.branch()
        r = self.list.key(ev)
        if r in ("activate", "number"):
            return self.load()
        return None

    def on_click(self, pos, button=1):
        i = self.list.index_at(pos)
        if i is not None:
            if self.list.selected == i:
                return self.load()
            self.list.selected = i
            return None
        return super().on_click(pos, button)

    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        top = self.band.bottom + px(12)
        self.r_list = pygame.Rect(px(12), top, w - px(24), h - top - self.load_btn.height(th) - px(36))
        self.button_y = h - self.load_btn.height(th) - px(14)

    def render(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        header_band(surf, th, self.band, "Load a game", "the autosave and your saved games")
        inner = panel(surf, th, self.r_list, "Saved games", right=str(paths.data_dir()))
        if not self.list.rows:
            t.draw_wrapped(surf, "body", "No saved games yet. Save from the menu of a game in progress (Esc, then "
                           "'Save the game'); the game also saves itself at the end of every quarter.", INK_SOFT, inner)
        else:
            self.list.rect = inner
            self.list.draw(surf, True, self.mouse, self.spots)
        buttons = [self.load_btn, self.branch_btn, self.back_btn]
        x = layout_row(buttons, th, px(12), self.button_y)
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        if self.busy:
            pygame.draw.polygon(surf, RED, star_points(x + px(16), self.load_btn.rect.centery, px(10), rot=self.spin * 3))
            t.draw(surf, "bold", "Replaying the saved moves…", INK, (x + px(32), self.load_btn.rect.centery), "midleft")
        elif not self.error and self.list.rows:
            t.draw(surf, "small", "Enter: load · B: branch from a quarter or a vote · Esc: back", INK_SOFT,
                   (x + px(8), self.load_btn.rect.centery), "midleft", width=surf.get_width() - x - px(20))
        elif self.error:
            t.draw(surf, "bold", self.error, RED, (x + px(8), self.load_btn.rect.centery), "midleft",
                   width=surf.get_width() - x - px(20))
