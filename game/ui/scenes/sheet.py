"""A reading screen in sections: a numbered list of headings on the left, the chosen section on
the right in a scroll view, buttons at the foot. The model sheet and the historian's view are
both built on it, so they read (and are driven by keys) the same way on a projector."""

from __future__ import annotations

import pygame

from ..app import Handler
from ..theme import INK_SOFT, PAPER
from ..widgets import Button, ListView, Para, Row, ScrollView, header_band, layout_row, panel


class SectionScreen(Handler):
    title = "Sections"
    subtitle = ""
    list_title = "Sections"
    hint = "↑/↓ or 1–9: section · PgUp/PgDn or the wheel: scroll · Esc: back"

    def __init__(self, app, back=None):
        super().__init__(app)
        self.back = back
        self.list = ListView(app.theme, font="cond", numbered=True, pad=10)
        self.view = ScrollView(app.theme)
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")
        self.buttons: list[Button] = [self.back_btn]
        self.note = ""
        self._sections: list[tuple[str, list[Para]]] = []

    # ---- to override ---------------------------------------------------------------------------
    def build(self) -> list[tuple[str, list[Para]]]:
        """(heading, paragraphs) for each section."""
        return []

    # ---- content -----------------------------------------------------------------------------
    def load(self) -> None:
        self._sections = self.build()
        self.list.set_rows([Row(title, data=i) for i, (title, _) in enumerate(self._sections)], keep=False)
        self.list.select_first()
        self.show()

    def show(self) -> None:
        row = self.list.current()
        if row is not None:
            self.view.set(self._sections[row.data][1])

    def select(self, index: int) -> None:
        if 0 <= index < len(self.list.rows):
            self.list.selected = index
            self.list.ensure_visible()
            self.show()

    def go_back(self):
        return self.return_to(self.back)

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        k = ev.key
        if k == pygame.K_ESCAPE:
            return self.go_back()
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
            self.view.key(ev)
            return None
        if k in (pygame.K_UP, pygame.K_DOWN) or pygame.K_1 <= k <= pygame.K_9:
            if self.list.key(ev) in ("moved", "number"):
                self.show()
            return None
        if k == pygame.K_SPACE:
            self.view.scroll(self.view.rect.height - self.theme.line_h("body") * 2)
            return None
        return self.on_other_key(ev)

    def on_other_key(self, ev):
        return None

    def on_click(self, pos, button=1):
        i = self.list.index_at(pos)
        if i is not None:
            self.select(i)
            return None
        return super().on_click(pos, button)

    def on_wheel(self, dy):
        if self.list.rect.collidepoint(self.mouse):
            self.list.wheel(dy)
        else:
            self.view.scroll(-dy * self.theme.line_h("body") * 3)
        return None

    # ---- drawing -----------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        top = self.band.bottom + px(12)
        bh = self.back_btn.height(th)
        bottom = h - bh - px(24)
        lw = max(px(260), int(w * 0.3))
        self.r_list = pygame.Rect(px(12), top, lw, bottom - top)
        self.r_view = pygame.Rect(self.r_list.right + px(12), top, w - self.r_list.right - px(24), bottom - top)
        self.button_y = h - bh - px(12)
        self.view._key = None

    def render(self, surf):
        w, _ = surf.get_size()
        th = self.theme
        px = self.px
        surf.fill(PAPER)
        header_band(surf, th, self.band, self.title, self.subtitle)
        inner = panel(surf, th, self.r_list, self.list_title)
        self.list.rect = inner
        self.list.draw(surf, True, self.mouse, self.spots, click=lambda i: self.select(i))
        row = self.list.current()
        heading = self._sections[row.data][0] if row is not None and self._sections else ""
        inner = panel(surf, th, self.r_view, heading)
        self.view.rect = inner
        self.view.draw(surf, self.spots)
        x = layout_row(self.buttons, th, px(12), self.button_y)
        for b in self.buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        self.t.draw(surf, "small", self.note or self.hint, INK_SOFT, (x + px(8), self.buttons[0].rect.centery), "midleft",
                    width=w - x - px(20))
