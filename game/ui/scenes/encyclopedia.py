"""The encyclopedia: people and terms from seeds/, searchable by typing, each with its sources."""

from __future__ import annotations

import pygame

from ..app import Handler
from ..theme import INK, INK_SOFT, PAPER, RED
from ..view import CONFIDENCE, encyclopedia, sources
from ..widgets import ListView, Para, Row, ScrollView, TextInput, chip, header_band, panel

CATEGORIES = (("all", "All"), ("person", "People"), ("term", "Terms"))


class Encyclopedia(Handler):
    wants_text = True

    def __init__(self, app, back=None, select: str | None = None):
        super().__init__(app)
        self.back = back
        self.entries = list(encyclopedia())
        self.by_id = {e.id: e for e in self.entries}
        self.search = TextInput("Type to search: a name, an office, a term…")
        self.category = "all"
        self.list = ListView(app.theme, font="body", numbered=False, pad=6)
        self.view = ScrollView(app.theme)
        self.shown_id: str | None = None
        self.filter()
        if select and select in self.by_id:
            self.select(select)

    def on_enter(self):
        pygame.key.start_text_input()
        self.relayout()

    # ---- filtering ---------------------------------------------------------------------------
    def matches(self) -> list:
        q = self.search.text.strip().lower()
        out = []
        for e in self.entries:
            if self.category != "all" and e.kind != self.category:
                continue
            if q and not all(word in e.haystack for word in q.split()):
                continue
            out.append(e)
        # titles that match come first
        if q:
            out.sort(key=lambda e: (q not in e.title.lower(), e.kind, e.title.lower()))
        else:
            out.sort(key=lambda e: (e.kind != "person", e.title.lower()))
        return out

    def filter(self) -> None:
        found = self.matches()
        rows = []
        last = None
        for e in found:
            if e.kind != last:
                rows.append(Row("People" if e.kind == "person" else "Terms", header=True))
                last = e.kind
            rows.append(Row(e.title, "", data=e.id))
        self.list.set_rows(rows, keep=True)
        self.show()

    def select(self, eid: str):
        for i, r in enumerate(self.list.rows):
            if r.data == eid:
                self.list.selected = i
                self.list.ensure_visible()
                break
        else:
            self.search.text = ""
            self.category = "all"
            self.filter()
            return self.select(eid) if any(r.data == eid for r in self.list.rows) else None
        self.show()
        return None

    def show(self) -> None:
        row = self.list.current()
        e = self.by_id.get(row.data) if row else None
        if e is None:
            self.shown_id = None
            self.view.set([Para("Nothing matches your search.", "h2", INK_SOFT),
                           Para("Backspace to change it, Esc to clear it.", "small", INK_SOFT)])
            return
        if e.id == self.shown_id:
            return
        self.shown_id = e.id
        paras = [Para(e.title, "h1", INK, space=2)]
        if e.subtitle:
            paras.append(Para(e.subtitle, "bold", INK_SOFT, space=10))
        for label, text in e.fields:
            paras.append(Para(label.upper(), "condb", RED, space=2))
            paras.append(Para(text, "body", INK, space=10))
        if e.see_also:
            paras.append(Para("SEE ALSO", "condb", RED, space=2))
            for sid in e.see_also:
                target = self.by_id.get(sid)
                if target is None:
                    continue
                paras.append(Para(f"→ {target.title}", "bold", RED, indent=8, space=2,
                                  tip=f"Open “{target.title}”", click=lambda sid=sid: self.select(sid)))
            paras.append(Para("", "tiny", space=6))
        if e.sources:
            paras.append(Para("SOURCES", "condb", RED, space=2))
            table = sources()
            for key in e.sources:
                info = table.get(key, {})
                title = info.get("title", "general knowledge, not covered by the project's sources" if key == "GENERAL" else "")
                where = info.get("url") or info.get("where", "")
                paras.append(Para(f"{key} — {title}" + (f" ({where})" if where else ""), "small", INK_SOFT, indent=8, space=2))
        if e.confidence:
            paras.append(Para(f"Confidence: {e.confidence} — {CONFIDENCE.get(e.confidence, '')}", "small", INK_SOFT, space=2))
        self.view.set(paras)

    # ---- input -------------------------------------------------------------------------------
    def on_text(self, text):
        if self.search.on_text(text):
            self.filter()
        return None

    def on_key(self, ev):
        k = ev.key
        if k == pygame.K_ESCAPE:
            if self.search.text:
                self.search.text = ""
                self.filter()
                return None
            return self.go_back()
        if k == pygame.K_BACKSPACE:
            if self.search.on_key(ev):
                self.filter()
            return None
        if k == pygame.K_TAB:
            keys = [c for c, _ in CATEGORIES]
            i = keys.index(self.category)
            self.category = keys[(i + (-1 if ev.mod & pygame.KMOD_SHIFT else 1)) % len(keys)]
            self.filter()
            return None
        if k in (pygame.K_UP, pygame.K_DOWN, pygame.K_HOME, pygame.K_END):
            self.list.key(ev)
            self.show()
            return None
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.view.key(ev)
            return None
        return None

    def on_click(self, pos, button=1):
        i = self.list.index_at(pos)
        if i is not None:
            self.list.selected = i
            self.show()
            return None
        return super().on_click(pos, button)

    def on_wheel(self, dy):
        if self.list.rect.collidepoint(self.mouse):
            self.list.wheel(dy)
        else:
            self.view.scroll(-dy * self.theme.line_h("body") * 3)
        return None

    def go_back(self):
        pygame.key.stop_text_input()
        return self.return_to(self.back)

    def set_category(self, c: str):
        self.category = c
        self.filter()
        return None

    # ---- drawing -----------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        top = self.band.bottom + px(12)
        lw = max(px(240), int(w * 0.32))
        self.r_left = pygame.Rect(px(12), top, lw, h - top - px(12))
        self.r_right = pygame.Rect(self.r_left.right + px(12), top, w - self.r_left.right - px(24), h - top - px(12))
        self.view._key = None
        self.shown_id = None

    def render(self, surf):
        w, h = surf.get_size()
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        header_band(surf, th, self.band, "Encyclopedia", "people and terms of the period, with their sources")
        inner = panel(surf, th, self.r_left, "Index", right=f"{len(self.list.selectable())} entries")
        self.search.rect = pygame.Rect(inner.x, inner.y, inner.width, th.line_h("body") + px(14))
        self.search.draw(surf, th, True, blink=int(pygame.time.get_ticks() / 500) % 2 == 0 or True)
        y = self.search.rect.bottom + px(8)
        x = inner.x
        for key, label in CATEGORIES:
            active = key == self.category
            r = chip(surf, th, (x, y), label.upper(), RED if active else PAPER, PAPER if active else INK, "condb")
            pygame.draw.rect(surf, INK, r, 1)
            self.spots.add(r, "Tab switches between all entries, people and terms.", lambda key=key: self.set_category(key))
            x = r.right + px(6)
        t.draw(surf, "tiny", "Tab", INK_SOFT, (inner.right, y + px(2)), "topright")
        y += th.line_h("condb") + px(12)
        self.list.rect = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        self.list.draw(surf, True, self.mouse)
        inner = panel(surf, th, self.r_right, "Entry", right="PgUp/PgDn scroll · Esc back")
        pygame.draw.rect(surf, PAPER, inner.inflate(px(8), px(6)))
        self.view.rect = inner.inflate(-px(8), -px(4))
        self.view.draw(surf, self.spots)
