"""Load a saved game: the autosave and the saves in the data folder, newest first."""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from ... import paths, saves
from ...errors import BadInput
from ..app import Handler, Job, job_error_text
from ..theme import INK, INK_SOFT, PAPER, RED, star_points
from ..widgets import Button, ListView, Row, header_band, layout_row, panel


def save_files() -> list[Path]:
    found = []
    auto = paths.autosave_path()
    if auto.is_file():
        found.append(auto)
    folder = paths.data_dir() / "saves"
    if folder.is_dir():
        found += sorted(folder.glob("*.json"), key=lambda p: -p.stat().st_mtime)
    return found


def describe_save(path: Path) -> tuple[str, str]:
    try:
        data = saves.read_save(path)
    except BadInput as exc:
        return path.name, exc.problems[0]
    humans = [k for k, v in data["seats"].items() if v == "human"] or ["AI only"]
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    label = "Autosave" if path == paths.autosave_path() else path.stem
    return (f"{label}: scenario {data['scenario']}, {data.get('quarter', '?')} — {', '.join(h.capitalize() for h in humans)}",
            f"{data['difficulty']} · seed {data['seed']} · {len(data['actions'])} moves · saved {when}")


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
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")

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
        self.job = Job(lambda: Session.load(path), "load")
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
            from .board import Board

            session = job.result
            session.autosave_path = paths.autosave_path()
            return Board(self.app, session, show_opening=False)
        return None

    def on_key(self, ev):
        if self.busy:
            return None
        if ev.key == pygame.K_ESCAPE:
            return self.go_back()
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
        x = layout_row([self.load_btn, self.back_btn], th, px(12), self.button_y)
        for b in (self.load_btn, self.back_btn):
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, None, b.action)
        if self.busy:
            pygame.draw.polygon(surf, RED, star_points(x + px(16), self.load_btn.rect.centery, px(10), rot=self.spin * 3))
            t.draw(surf, "bold", "Replaying the saved moves…", INK, (x + px(32), self.load_btn.rect.centery), "midleft")
        elif self.error:
            t.draw(surf, "bold", self.error, RED, (x + px(8), self.load_btn.rect.centery), "midleft",
                   width=surf.get_width() - x - px(20))
