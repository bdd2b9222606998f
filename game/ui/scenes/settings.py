"""Settings: text size (four steps, up to a projector preset), a colour-blind-safe palette in
which factions are also told apart by shape, full screen, window size and the pace of votes.
Saved as JSON in the platformdirs config folder at every change."""

from __future__ import annotations

import pygame

from ..app import Handler
from ..theme import (
    INK,
    INK_SOFT,
    PAPER,
    RED,
    REVEAL_SPEEDS,
    TEXT_SIZE_LABELS,
    TEXT_SIZES,
    WINDOW_SIZES,
)
from ..widgets import Button, chip, header_band, layout_row, marker, panel

FACTION_SAMPLE = ("stalin", "trotsky", "zinoviev", "kamenev", "bukharin", "rykov", "tomsky")


class SettingsScreen(Handler):
    def __init__(self, app, back=None):
        super().__init__(app)
        self.back = back
        if not app.theme.factions:
            app.theme.set_factions(FACTION_SAMPLE)
        self.row = 0
        self.rows = [
            ("Text size", "text_size", [(k, TEXT_SIZE_LABELS[k]) for k in TEXT_SIZES],
             "Four steps. 'Projector' is the large-text preset for a classroom screen."),
            ("Colour-blind palette", "colour_blind", [(False, "Off"), (True, "On")],
             "A palette safe for the common colour-vision deficiencies, in which every faction also has its own shape."),
            ("Full screen", "fullscreen", [(False, "Off"), (True, "On")], "F11 switches at any time."),
            ("Window size", "window", [(s, f"{s[0]}×{s[1]}") for s in WINDOW_SIZES],
             "The size of the window when it is not full screen. You can also drag its edges."),
            ("Vote reveal", "reveal", [(k, k.capitalize()) for k in REVEAL_SPEEDS],
             "How fast the votes are revealed one by one."),
            ("Show every vote", "show_votes", [(True, "On"), (False, "Off")],
             "Open every Politburo vote of the quarter, or only those you cast or that concern you."),
        ]
        self.buttons: list[list[Button]] = []
        for _, key, options, tip in self.rows:
            self.buttons.append([Button(label, (lambda key=key, v=v: self.set(key, v)), kind="secondary", font="condb", tip=tip)
                                 for v, label in options])
        self.back_btn = Button("Back", self.go_back, "Esc")
        self.note = ""

    def value(self, key):
        s = self.app.settings
        return tuple(s.window) if key == "window" else getattr(s, key)

    def set(self, key, v):
        app = self.app
        s = app.settings
        if key == "fullscreen":
            app.set_fullscreen(bool(v))
        elif key == "window":
            s.window = tuple(v)
            if not s.fullscreen:
                app.resize(*v)
            app.save_settings()
        else:
            setattr(s, key, v)
            if key in ("text_size", "colour_blind"):
                app.apply_settings()
            else:
                app.save_settings()
        self.row = [k for _, k, _, _ in self.rows].index(key)
        path = s.path()
        self.note = f"Saved to {path}" if app.persist else "Settings changed (not saved: a demonstration window)."
        self.relayout()
        return None

    def go_back(self):
        if self.back is not None:
            if hasattr(self.back, "refresh_backdrop"):
                self.back.refresh_backdrop()
            parent = getattr(self.back, "parent", None)
            if parent is not None:
                parent.relayout()
                if hasattr(parent, "refresh") and not getattr(parent, "busy", False):
                    parent.refresh()
        return self.return_to(self.back)

    def on_key(self, ev):
        k = ev.key
        if k == pygame.K_ESCAPE:
            return self.go_back()
        if k in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
            d = -1 if k == pygame.K_UP or (k == pygame.K_TAB and ev.mod & pygame.KMOD_SHIFT) else 1
            self.row = (self.row + d) % len(self.rows)
            return None
        if k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
            _, key, options, _ = self.rows[self.row]
            values = [v for v, _ in options]
            cur = self.value(key)
            i = values.index(cur) if cur in values else 0
            d = -1 if k == pygame.K_LEFT else 1
            return self.set(key, values[(i + d) % len(values)])
        return None

    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        top = self.band.bottom + px(14)
        self.r_opts = pygame.Rect(px(14), top, int(w * 0.6), h - top - px(14))
        self.r_prev = pygame.Rect(self.r_opts.right + px(14), top, w - self.r_opts.right - px(28), h - top - px(14))

    def render(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        header_band(surf, th, self.band, "Settings", "text size, palette, screen")
        inner = panel(surf, th, self.r_opts, "Settings", right="↑/↓ choose · ←/→ change")
        y = inner.y + px(4)
        label_w = max(t.width("h3", lab.upper()) for lab, _, _, _ in self.rows) + px(16)
        if label_w > inner.width * 0.42:
            label_w = inner.width
        for i, ((label, key, options, tip), btns) in enumerate(zip(self.rows, self.buttons, strict=True)):
            sel = i == self.row
            lr = t.draw(surf, "h3", label.upper(), RED if sel else INK, (inner.x, y + px(6)), width=min(label_w, inner.width))
            self.spots.add(lr, tip)
            bx = inner.x + label_w if label_w < inner.width else inner.x
            by = y if label_w < inner.width else lr.bottom + px(4)
            cur = self.value(key)
            layout_row(btns, th, bx, by, gap=px(4), max_width=inner.right - bx)
            for (v, _), b in zip(options, btns, strict=True):
                b.draw(surf, th, b.rect.collidepoint(self.mouse), focused=sel and v == cur, active=v == cur)
                self.spots.add(b.rect, b.tip, b.action)
            y = btns[0].rect.bottom + px(14)
            if sel:
                y = t.draw_wrapped(surf, "small", tip, INK_SOFT, pygame.Rect(inner.x, y - px(8), inner.width, th.line_h("small") * 2 + px(4))) + px(8)
        self.back_btn.rect = pygame.Rect(inner.x, inner.bottom - self.back_btn.height(th), self.back_btn.natural_width(th),
                                         self.back_btn.height(th))
        self.back_btn.draw(surf, th, self.back_btn.rect.collidepoint(self.mouse))
        self.spots.add(self.back_btn.rect, None, self.back_btn.action)
        if self.note:
            t.draw(surf, "small", self.note, INK_SOFT, (self.back_btn.rect.right + px(12), self.back_btn.rect.centery),
                   "midleft", width=inner.right - self.back_btn.rect.right - px(16))
        # the preview
        inner = panel(surf, th, self.r_prev, "How it looks")
        y = inner.y
        t.draw(surf, "condb", "FACTIONS", RED, (inner.x, y))
        y += th.line_h("condb") + px(6)
        for lid in FACTION_SAMPLE:
            if y + th.line_h("body") > inner.bottom:
                break
            marker(surf, th, lid, (inner.x + px(10), y + th.line_h("body") // 2), px(8))
            t.draw(surf, "body", lid.capitalize(), INK, (inner.x + px(26), y), width=inner.width - px(30))
            y += th.line_h("body") + px(4)
        y += px(8)
        if y + th.line_h("condb") * 2 < inner.bottom:
            r = chip(surf, th, (inner.x, y), " YES ", th.yes, PAPER, "condb")
            chip(surf, th, (r.right + px(8), y), " NO ", th.no, PAPER, "condb")
            y = r.bottom + px(12)
        t.draw_wrapped(surf, "body", "The Politburo votes on the motion to relieve Trotsky of the War Commissariat.",
                       INK, pygame.Rect(inner.x, y, inner.width, inner.bottom - y))

    def on_enter(self):
        self.relayout()
