"""A small widget kit of our own (DESIGN §6): hot spots with tooltips, buttons, a keyboard list,
a text box, a scroll view, meters, faction markers and the portrait card.

Widgets keep no pygame state beyond rectangles; they draw through the theme's text cache.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from .theme import (
    GREY,
    INK,
    INK_SOFT,
    OCHRE,
    PAPER,
    PAPER_DARK,
    PAPER_DEEP,
    RED,
    RED_DARK,
    WHITE,
    Colour,
    Theme,
    mix,
    star_points,
)

Tip = str | Callable[[], str] | None


# ---- hot spots: what the mouse can hover and click ----------------------------------------------

@dataclass
class Spot:
    rect: pygame.Rect
    tip: Tip = None
    click: Callable[[], Any] | None = None
    key: Any = None

    def tooltip(self) -> str | None:
        if callable(self.tip):
            self.tip = self.tip()
        return self.tip or None


class Spots:
    """Rectangles that answer "why?" when hovered and act when clicked; the last added is on top."""

    def __init__(self) -> None:
        self.items: list[Spot] = []

    def clear(self) -> None:
        self.items.clear()

    def add(self, rect: pygame.Rect, tip: Tip = None, click: Callable[[], Any] | None = None,
            key: Any = None) -> Spot:
        spot = Spot(pygame.Rect(rect), tip, click, key)
        self.items.append(spot)
        return spot

    def hit(self, pos: tuple[int, int]) -> Spot | None:
        for spot in reversed(self.items):
            if spot.rect.collidepoint(pos):
                return spot
        return None

    def find(self, key: Any) -> Spot | None:
        for spot in self.items:
            if spot.key == key:
                return spot
        return None


# ---- drawing helpers ------------------------------------------------------------------------

def panel(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str | None = None,
          focused: bool = False, right: str | None = None, fill: Colour = PAPER_DARK) -> pygame.Rect:
    """A framed panel with an ink header band; returns the inner rectangle."""
    pygame.draw.rect(surf, fill, rect)
    inner = rect.inflate(-2 * theme.px(8), -2 * theme.px(8))
    if title is not None:
        hh = theme.line_h("h3") + theme.px(6)
        band = pygame.Rect(rect.x, rect.y, rect.width, hh)
        pygame.draw.rect(surf, INK, band)
        acc = pygame.Rect(band.x, band.y, theme.px(6), band.height)
        pygame.draw.rect(surf, RED, acc)
        t = theme.text
        # the title first; the note on the right gets what room is left
        tr = t.draw(surf, "h3", title.upper(), PAPER, (band.x + theme.px(14), band.centery), "midleft",
                    width=band.width - theme.px(22))
        if right:
            room = band.right - theme.px(8) - tr.right - theme.px(16)
            if room > t.width("small", right) * 0.6:
                t.draw(surf, "small", right, PAPER_DEEP, (band.right - theme.px(8), band.centery), "midright", width=room)
        inner = pygame.Rect(rect.x + theme.px(8), band.bottom + theme.px(6), rect.width - 2 * theme.px(8),
                            rect.bottom - band.bottom - theme.px(12))
    pygame.draw.rect(surf, RED if focused else INK, rect, theme.px(3) if focused else max(1, theme.px(2)))
    return inner


def header_band(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, subtitle: str = "") -> None:
    """The red band with a black wedge at the top of full screens."""
    pygame.draw.rect(surf, RED, rect)
    wedge = [(rect.right - rect.height * 2.2, rect.bottom), (rect.right - rect.height * 1.2, rect.y),
             (rect.right, rect.y), (rect.right, rect.bottom)]
    pygame.draw.polygon(surf, INK, wedge)
    cx = rect.x + theme.px(10) + rect.height // 2
    pygame.draw.polygon(surf, PAPER, star_points(cx, rect.centery, rect.height * 0.34))
    t = theme.text
    x = cx + rect.height // 2
    r = t.draw(surf, "h1", title.upper(), PAPER, (x, rect.centery), "midleft",
               width=int(rect.width - x - rect.height * 2.4))
    if subtitle:
        t.draw(surf, "body", subtitle, PAPER, (r.right + theme.px(16), rect.centery), "midleft",
               width=int(rect.right - r.right - rect.height * 2.4 - theme.px(16)))


def draw_shape(surf: pygame.Surface, shape: str, colour: Colour, center: tuple[float, float], r: float,
               outline: Colour | None = None, width: int = 0) -> None:
    cx, cy = center
    r = max(2.0, r)
    pts: list[tuple[float, float]] | None = None
    if shape == "circle":
        pygame.draw.circle(surf, colour, (int(cx), int(cy)), int(r), width)
        if outline:
            pygame.draw.circle(surf, outline, (int(cx), int(cy)), int(r), 1)
        return
    if shape == "ring":
        pygame.draw.circle(surf, colour, (int(cx), int(cy)), int(r))
        pygame.draw.circle(surf, INK_SOFT, (int(cx), int(cy)), int(r), max(1, int(r / 4)))
        return
    if shape == "square":
        s = r * 0.88
        pts = [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    elif shape == "triangle":
        pts = [(cx, cy - r * 1.1), (cx + r, cy + r * 0.75), (cx - r, cy + r * 0.75)]
    elif shape == "triangle_down":
        pts = [(cx, cy + r * 1.1), (cx + r, cy - r * 0.75), (cx - r, cy - r * 0.75)]
    elif shape == "diamond":
        pts = [(cx, cy - r * 1.15), (cx + r * 1.0, cy), (cx, cy + r * 1.15), (cx - r * 1.0, cy)]
    elif shape == "hexagon":
        pts = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in (i * math.pi / 3 for i in range(6))]
    elif shape == "star":
        pts = star_points(cx, cy, r * 1.2, 5, 0.5)
    elif shape == "plus":
        a = r * 0.38
        pts = [(cx - a, cy - r), (cx + a, cy - r), (cx + a, cy - a), (cx + r, cy - a), (cx + r, cy + a),
               (cx + a, cy + a), (cx + a, cy + r), (cx - a, cy + r), (cx - a, cy + a), (cx - r, cy + a),
               (cx - r, cy - a), (cx - a, cy - a)]
    if pts is None:
        pygame.draw.circle(surf, colour, (int(cx), int(cy)), int(r), width)
        return
    pygame.draw.polygon(surf, colour, pts, width)
    if outline:
        pygame.draw.polygon(surf, outline, pts, 1)


def marker(surf: pygame.Surface, theme: Theme, faction: str | None, center: tuple[float, float], r: float,
           outline: Colour | None = None) -> None:
    """A faction's marker: its colour, and in the colour-blind palette its shape."""
    draw_shape(surf, theme.faction_shape(faction), theme.faction_colour(faction), center, r, outline)


def hatch(surf: pygame.Surface, rect: pygame.Rect, colour: Colour, step: int = 6, direction: int = 1) -> None:
    """Diagonal stripes inside rect (a pattern that does not depend on colour)."""
    clip = surf.get_clip()
    surf.set_clip(rect.clip(clip) if clip else rect)
    x0 = rect.x - rect.height
    while x0 < rect.right:
        if direction > 0:
            pygame.draw.line(surf, colour, (x0, rect.bottom), (x0 + rect.height, rect.y), 1)
        else:
            pygame.draw.line(surf, colour, (x0, rect.y), (x0 + rect.height, rect.bottom), 1)
        x0 += step
    surf.set_clip(clip)


_DIM_CACHE: dict[tuple[int, int, int], pygame.Surface] = {}


def dim(surf: pygame.Surface, alpha: int = 150) -> None:
    key = (*surf.get_size(), alpha)
    veil = _DIM_CACHE.get(key)
    if veil is None:
        _DIM_CACHE.clear()
        veil = pygame.Surface(surf.get_size())
        veil.fill(INK)
        veil.set_alpha(alpha)
        _DIM_CACHE[key] = veil
    surf.blit(veil, (0, 0))


def draw_tooltip(surf: pygame.Surface, theme: Theme, text: str, pos: tuple[int, int]) -> pygame.Rect:
    """A black box with paper text near the pointer; the first line is its title."""
    t = theme.text
    sw, sh = surf.get_size()
    maxw = min(theme.px(420), sw - theme.px(24))
    pad = theme.px(8)
    paras = text.split("\n")
    lines: list[tuple[str, str]] = []
    for i, para in enumerate(paras):
        font = "smallb" if i == 0 else "small"
        for line in t.wrap(font, para, maxw - 2 * pad):
            lines.append((font, line))
    lh = theme.line_h("small") + 1
    max_lines = max(3, (sh - theme.px(20)) // lh - 1)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [("small", "…")]
    w = min(maxw, max(t.width(f, s) for f, s in lines) + 2 * pad + theme.px(4))
    h = len(lines) * lh + 2 * pad
    x, y = pos[0] + theme.px(16), pos[1] + theme.px(18)
    if x + w > sw - 4:
        x = max(4, pos[0] - w - theme.px(8))
    if y + h > sh - 4:
        y = max(4, pos[1] - h - theme.px(8))
    box = pygame.Rect(x, y, w, h)
    pygame.draw.rect(surf, INK, box)
    pygame.draw.rect(surf, RED, (box.x, box.y, theme.px(4), box.height))
    pygame.draw.rect(surf, PAPER_DEEP, box, 1)
    yy = box.y + pad
    for font, line in lines:
        t.draw(surf, font, line, OCHRE if font == "smallb" else PAPER, (box.x + pad + theme.px(4), yy))
        yy += lh
    return box


# ---- buttons ------------------------------------------------------------------------------------

class Button:
    def __init__(self, label: str, action: Callable[[], Any] | None = None, hotkey: str = "",
                 kind: str = "primary", enabled: bool = True, tip: Tip = None, font: str = "h3"):
        self.label = label
        self.action = action
        self.hotkey = hotkey
        self.kind = kind
        self.enabled = enabled
        self.tip = tip
        self.font = font
        self.rect = pygame.Rect(0, 0, 0, 0)

    def natural_width(self, theme: Theme) -> int:
        w = theme.text.width(self.font, self.label.upper()) + theme.px(28)
        if self.hotkey:
            w += theme.text.width("small", self.hotkey) + theme.px(14)
        return w

    def height(self, theme: Theme) -> int:
        return theme.line_h(self.font) + theme.px(14)

    def draw(self, surf: pygame.Surface, theme: Theme, hovered: bool = False, focused: bool = False,
             active: bool = False) -> None:
        r = self.rect
        if not self.enabled:
            bg, fg, border = PAPER_DEEP, GREY, GREY
        elif self.kind == "primary" or active:
            bg = RED_DARK if hovered else RED
            fg, border = PAPER, INK
        elif self.kind == "dark":
            bg = INK_SOFT if hovered else INK
            fg, border = PAPER, INK
        else:
            bg = PAPER_DEEP if hovered else PAPER
            fg, border = INK, INK
        pygame.draw.rect(surf, bg, r)
        pygame.draw.rect(surf, border, r, max(1, theme.px(2)))
        if focused:
            pygame.draw.rect(surf, OCHRE, r.inflate(theme.px(6), theme.px(6)), theme.px(3))
        t = theme.text
        label = self.label.upper()
        hk_w = t.width("small", self.hotkey) + theme.px(10) if self.hotkey else 0
        room = r.width - theme.px(12) - hk_w
        lw = min(t.width(self.font, label), room)
        x = r.centerx - (lw + hk_w) // 2
        t.draw(surf, self.font, label, fg, (x, r.centery), "midleft", width=room)
        if self.hotkey:
            hx = x + lw + theme.px(8)
            chip = pygame.Rect(hx, 0, hk_w - theme.px(2), theme.line_h("small"))
            chip.centery = r.centery
            # an active secondary button is drawn red: its key chip must darken the red, not stay pale
            dark = self.enabled and (self.kind != "secondary" or active)
            pygame.draw.rect(surf, mix(bg, INK, 0.35) if dark else PAPER_DARK, chip)
            t.draw(surf, "small", self.hotkey, fg, chip.center, "center")


def layout_row(buttons: list[Button], theme: Theme, x: int, y: int, gap: int | None = None,
               max_width: int | None = None, equal: bool = False) -> int:
    """Place buttons left to right from (x, y); returns the x after the last one."""
    gap = theme.px(10) if gap is None else gap
    widths = [b.natural_width(theme) for b in buttons]
    if equal and widths:
        widths = [max(widths)] * len(widths)
    if max_width is not None and buttons:
        total = sum(widths) + gap * (len(buttons) - 1)
        if total > max_width:
            f = (max_width - gap * (len(buttons) - 1)) / max(1, sum(widths))
            widths = [int(w * f) for w in widths]
    for b, w in zip(buttons, widths, strict=True):
        b.rect = pygame.Rect(x, y, w, b.height(theme))
        x += w + gap
    return x


# ---- the keyboard list --------------------------------------------------------------------------

@dataclass
class Row:
    text: str
    right: str = ""
    enabled: bool = True
    header: bool = False
    tip: Tip = None
    data: Any = None
    faction: str | None = None  # draw this faction's marker before the text
    mark: bool = False  # a check box, ticked
    checkbox: bool = False
    colour: Colour | None = None


class ListView:
    """Rows with a selection, scrolling, numbers 1–9 for the visible entries, and the mouse."""

    def __init__(self, theme: Theme, font: str = "body", numbered: bool = True, pad: int = 8):
        self.theme = theme
        self.font = font
        self.numbered = numbered
        self.pad = pad
        self.rows: list[Row] = []
        self.selected = -1
        self.top = 0
        self.rect = pygame.Rect(0, 0, 0, 0)

    # ---- content ------------------------------------------------------------------------------
    def set_rows(self, rows: list[Row], keep: bool = True) -> None:
        old = self.current()
        self.rows = rows
        if keep and old is not None:
            for i, r in enumerate(rows):
                if not r.header and r.text == old.text and r.data == old.data:
                    self.selected = i
                    self.ensure_visible()
                    return
        self.selected = -1
        self.top = 0
        self.select_first()

    def select_first(self) -> None:
        sel = self.selectable()
        self.selected = sel[0] if sel else -1
        self.ensure_visible()

    def selectable(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if not r.header]

    def current(self) -> Row | None:
        if 0 <= self.selected < len(self.rows):
            return self.rows[self.selected]
        return None

    # ---- geometry -----------------------------------------------------------------------------
    @property
    def row_h(self) -> int:
        return self.theme.line_h(self.font) + self.theme.px(self.pad)

    def visible_count(self) -> int:
        return max(1, self.rect.height // max(1, self.row_h))

    def ensure_visible(self) -> None:
        if self.rect.height <= 0:
            return
        n = self.visible_count()
        if self.selected < 0:
            self.top = max(0, min(self.top, len(self.rows) - n))
            return
        if self.selected < self.top:
            self.top = self.selected
            if self.top > 0 and self.rows[self.top - 1].header:
                self.top -= 1
        elif self.selected >= self.top + n:
            self.top = self.selected - n + 1
        self.top = max(0, min(self.top, max(0, len(self.rows) - n)))

    def visible_numbered(self) -> list[int]:
        n = self.visible_count()
        return [i for i in range(self.top, min(len(self.rows), self.top + n)) if not self.rows[i].header][:9]

    def index_at(self, pos: tuple[int, int]) -> int | None:
        if not self.rect.collidepoint(pos):
            return None
        i = self.top + (pos[1] - self.rect.y) // max(1, self.row_h)
        if 0 <= i < len(self.rows) and not self.rows[i].header:
            return i
        return None

    # ---- input --------------------------------------------------------------------------------
    def move(self, d: int) -> bool:
        sel = self.selectable()
        if not sel:
            return False
        if self.selected not in sel:
            self.selected = sel[0]
        else:
            k = sel.index(self.selected)
            self.selected = sel[max(0, min(len(sel) - 1, k + d))]
        self.ensure_visible()
        return True

    def page(self, d: int) -> bool:
        return self.move(d * max(1, self.visible_count() - 1))

    def pick_number(self, n: int) -> int | None:
        vis = self.visible_numbered()
        if 1 <= n <= len(vis):
            self.selected = vis[n - 1]
            return self.selected
        return None

    def wheel(self, dy: int) -> None:
        n = self.visible_count()
        self.top = max(0, min(max(0, len(self.rows) - n), self.top - dy * 3))

    def key(self, ev: pygame.event.Event) -> str | None:
        """Arrows, Page Up/Down, Home/End and numbers; returns "activate" for Enter or a number."""
        k = ev.key
        if k in (pygame.K_UP, pygame.K_KP8):
            self.move(-1)
        elif k in (pygame.K_DOWN, pygame.K_KP2):
            self.move(1)
        elif k == pygame.K_PAGEUP:
            self.page(-1)
        elif k == pygame.K_PAGEDOWN:
            self.page(1)
        elif k == pygame.K_HOME:
            self.select_first()
        elif k == pygame.K_END:
            sel = self.selectable()
            if sel:
                self.selected = sel[-1]
                self.ensure_visible()
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return "activate" if self.current() is not None else None
        elif self.numbered and pygame.K_1 <= k <= pygame.K_9:
            if self.pick_number(k - pygame.K_0) is not None:
                return "number"
        else:
            return None
        return "moved"

    # ---- drawing ------------------------------------------------------------------------------
    def draw(self, surf: pygame.Surface, focused: bool = False, mouse: tuple[int, int] | None = None,
             spots: Spots | None = None, click: Callable[[int], Any] | None = None) -> None:
        theme = self.theme
        t = theme.text
        r = self.rect
        rh = self.row_h
        n = self.visible_count()
        if getattr(self, "_drawn_h", None) != r.height or self.top > max(0, len(self.rows) - n):
            self._drawn_h = r.height
            self.ensure_visible()
        numbers = {i: k + 1 for k, i in enumerate(self.visible_numbered())} if self.numbered else {}
        clip = surf.get_clip()
        surf.set_clip(r)
        y = r.y
        hover = self.index_at(mouse) if mouse else None
        for i in range(self.top, min(len(self.rows), self.top + n)):
            row = self.rows[i]
            rr = pygame.Rect(r.x, y, r.width, rh)
            if row.header:
                t.draw(surf, "condb", row.text.upper(), RED, (rr.x + theme.px(2), rr.bottom - theme.px(3)),
                       "bottomleft", width=rr.width - theme.px(4))
                pygame.draw.line(surf, RED, (rr.x, rr.bottom - 1), (rr.right, rr.bottom - 1), 1)
                y += rh
                continue
            sel = i == self.selected and focused
            if sel:
                pygame.draw.rect(surf, INK, rr)
            elif i == self.selected:
                pygame.draw.rect(surf, PAPER_DEEP, rr)
                pygame.draw.rect(surf, RED, (rr.x, rr.y, self.theme.px(4), rr.height))
            elif hover == i:
                pygame.draw.rect(surf, PAPER_DEEP, rr)
            fg = (PAPER if sel else INK) if row.enabled else (PAPER_DEEP if sel else GREY)
            x = rr.x + theme.px(4)
            if self.numbered:
                num = str(numbers[i]) if i in numbers else ""
                box = pygame.Rect(x, 0, t.width("smallb", "8") + theme.px(8), rh - theme.px(6))
                box.centery = rr.centery
                if num:
                    pygame.draw.rect(surf, RED if sel else PAPER_DEEP, box)
                    t.draw(surf, "smallb", num, PAPER if sel else INK, box.center, "center")
                x = box.right + theme.px(6)
            if row.checkbox:
                cb = pygame.Rect(x, 0, rh - theme.px(10), rh - theme.px(10))
                cb.centery = rr.centery
                pygame.draw.rect(surf, PAPER, cb)
                pygame.draw.rect(surf, INK, cb, max(1, theme.px(2)))
                if row.mark:
                    pygame.draw.lines(surf, RED, False, [(cb.x + cb.w * 0.2, cb.centery), (cb.x + cb.w * 0.42, cb.bottom - cb.h * 0.22),
                                                         (cb.right - cb.w * 0.15, cb.y + cb.h * 0.2)], max(2, theme.px(3)))
                x = cb.right + theme.px(8)
            if row.faction is not None or row.colour is not None:
                rad = (rh - theme.px(8)) / 2.6
                if row.colour is not None:
                    draw_shape(surf, "circle", row.colour, (x + rad, rr.centery), rad)
                else:
                    marker(surf, theme, row.faction, (x + rad, rr.centery), rad, outline=PAPER if sel else None)
                x += int(2 * rad + theme.px(6))
            rw = 0
            if row.right:
                rf = "small"
                rrect = t.draw(surf, rf, row.right, (PAPER_DEEP if sel else INK_SOFT),
                               (rr.right - theme.px(6), rr.centery), "midright", width=int(rr.width * 0.45))
                rw = rrect.width + theme.px(10)
            t.draw(surf, self.font, row.text, fg, (x, rr.centery), "midleft", width=rr.right - x - rw - theme.px(4))
            if spots is not None:
                idx = i
                spots.add(rr, row.tip, (lambda idx=idx: click(idx)) if click else None, key=("row", id(self), i))
            y += rh
        surf.set_clip(clip)
        # a scroll bar when the list is longer than the view
        if len(self.rows) > n:
            track = pygame.Rect(r.right - theme.px(4), r.y, theme.px(4), r.height)
            pygame.draw.rect(surf, PAPER_DEEP, track)
            th = max(theme.px(16), int(r.height * n / len(self.rows)))
            ty = r.y + int((r.height - th) * self.top / max(1, len(self.rows) - n))
            pygame.draw.rect(surf, RED, (track.x, ty, track.width, th))


# ---- text box ---------------------------------------------------------------------------------

class TextInput:
    def __init__(self, placeholder: str = "", limit: int = 60):
        self.text = ""
        self.placeholder = placeholder
        self.limit = limit
        self.rect = pygame.Rect(0, 0, 0, 0)

    def on_text(self, text: str) -> bool:
        text = "".join(c for c in text if c.isprintable())
        if not text:
            return False
        self.text = (self.text + text)[: self.limit]
        return True

    def on_key(self, ev: pygame.event.Event) -> bool:
        if ev.key == pygame.K_BACKSPACE and self.text:
            if ev.mod & pygame.KMOD_CTRL:
                self.text = ""
            else:
                self.text = self.text[:-1]
            return True
        return False

    def draw(self, surf: pygame.Surface, theme: Theme, focused: bool = True, blink: bool = True) -> None:
        r = self.rect
        pygame.draw.rect(surf, WHITE, r)
        pygame.draw.rect(surf, RED if focused else INK, r, theme.px(2))
        t = theme.text
        x = r.x + theme.px(8)
        if self.text:
            tr = t.draw(surf, "body", self.text, INK, (x, r.centery), "midleft", width=r.width - theme.px(20))
            cx = tr.right + 2
        else:
            t.draw(surf, "body", self.placeholder, GREY, (x, r.centery), "midleft", width=r.width - theme.px(16))
            cx = x
        if focused and blink:
            pygame.draw.line(surf, RED, (cx, r.y + theme.px(6)), (cx, r.bottom - theme.px(6)), 2)


# ---- scroll view ------------------------------------------------------------------------------

@dataclass
class Para:
    text: str
    font: str = "body"
    colour: Colour = INK
    indent: int = 0
    space: int = 4  # pixels after the paragraph (scaled)
    tip: Tip = None
    click: Callable[[], Any] | None = None
    fill: Colour | None = None  # a band behind the paragraph


class ScrollView:
    """Paragraphs wrapped to the view's width, scrolled by wheel and keys."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.paras: list[Para] = []
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.offset = 0
        self._lines: list[tuple[int, str, int, int]] = []  # (para index, line, x, y)
        self._height = 0
        self._key: tuple | None = None

    def set(self, paras: list[Para], keep_offset: bool = False, to_end: bool = False) -> None:
        self.paras = paras
        self._key = None
        if not keep_offset:
            self.offset = 0
        if to_end:
            self._layout()
            self.offset = max(0, self._height - self.rect.height)
            # start at a whole line rather than half a line
            tops = [y for _, _, _, y in self._lines if y >= self.offset]
            if tops and self.offset > 0:
                self.offset = tops[0]

    def _layout(self) -> None:
        key = (self.rect.width, self.theme.version, len(self.paras), id(self.paras))
        if key == self._key:
            return
        self._key = key
        t = self.theme.text
        y = 0
        lines = []
        for i, p in enumerate(self.paras):
            x = self.theme.px(p.indent)
            lh = self.theme.line_h(p.font) + 1
            for line in t.wrap(p.font, p.text, max(20, self.rect.width - x - self.theme.px(8))):
                lines.append((i, line, x, y))
                y += lh
            y += self.theme.px(p.space)
        self._lines = lines
        self._height = y

    @property
    def content_height(self) -> int:
        self._layout()
        return self._height

    def scroll(self, dy: int) -> None:
        self._layout()
        self.offset = max(0, min(max(0, self._height - self.rect.height), self.offset + dy))

    def key(self, ev: pygame.event.Event) -> bool:
        step = self.theme.line_h("body") * 2
        if ev.key in (pygame.K_UP,):
            self.scroll(-step)
        elif ev.key in (pygame.K_DOWN,):
            self.scroll(step)
        elif ev.key == pygame.K_PAGEUP:
            self.scroll(-self.rect.height + step)
        elif ev.key == pygame.K_PAGEDOWN:
            self.scroll(self.rect.height - step)
        elif ev.key == pygame.K_HOME:
            self.offset = 0
        elif ev.key == pygame.K_END:
            self.scroll(10**9)
        else:
            return False
        return True

    def draw(self, surf: pygame.Surface, spots: Spots | None = None) -> None:
        self._layout()
        # a line's worth of slack, so the view may start at a whole line when scrolled to the end
        limit = max(0, self._height - self.rect.height) + (self.theme.line_h("body") if self._height > self.rect.height else 0)
        self.offset = max(0, min(self.offset, limit))
        t = self.theme.text
        r = self.rect
        clip = surf.get_clip()
        surf.set_clip(r)
        seen_spot: set[int] = set()
        for i, line, x, y in self._lines:
            yy = r.y + y - self.offset
            p = self.paras[i]
            lh = self.theme.line_h(p.font) + 1
            if yy + lh < r.y or yy > r.bottom:
                continue
            if p.fill is not None:
                pygame.draw.rect(surf, p.fill, (r.x, yy, r.width - self.theme.px(6), lh))
            t.draw(surf, p.font, line, p.colour, (r.x + x, yy))
            if spots is not None and (p.tip or p.click) and i not in seen_spot:
                seen_spot.add(i)
                # one spot over all the visible lines of this paragraph
                ys = [ly for pi, _, _, ly in self._lines if pi == i]
                top = max(r.y, r.y + ys[0] - self.offset)
                bottom = min(r.bottom, r.y + ys[-1] - self.offset + lh)
                if bottom > top:
                    spots.add(pygame.Rect(r.x, top, r.width, bottom - top), p.tip, p.click)
        surf.set_clip(clip)
        if self._height > r.height:
            track = pygame.Rect(r.right - self.theme.px(4), r.y, self.theme.px(4), r.height)
            pygame.draw.rect(surf, PAPER_DEEP, track)
            th = max(self.theme.px(16), int(r.height * r.height / self._height))
            ty = r.y + int((r.height - th) * self.offset / max(1, self._height - r.height))
            pygame.draw.rect(surf, RED, (track.x, ty, track.width, th))


# ---- meters and cards ---------------------------------------------------------------------------

def bipolar_meter(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, value: float,
                  line: float | None, left: str, right: str) -> None:
    """An axis from -1 to +1: the party's mood (black pointer) and the adopted line (red bar)."""
    t = theme.text
    t.draw(surf, "condb", title.upper(), INK, (rect.x, rect.y), width=rect.width)
    ty = rect.y + theme.line_h("condb") + theme.px(8)
    track = pygame.Rect(rect.x, ty, rect.width, theme.px(8))
    pygame.draw.rect(surf, PAPER_DEEP, track)
    pygame.draw.rect(surf, INK, track, 1)
    pygame.draw.line(surf, INK_SOFT, (track.centerx, track.y - theme.px(3)), (track.centerx, track.bottom + theme.px(2)), 1)

    def xpos(v: float) -> int:
        return int(track.x + (max(-1.0, min(1.0, v)) + 1) / 2 * track.width)

    if line is not None:
        lx = xpos(line)
        pygame.draw.rect(surf, RED, (lx - theme.px(2), track.y - theme.px(4), theme.px(4), track.height + theme.px(8)))
    mx = xpos(value)
    s = theme.px(6)
    pygame.draw.polygon(surf, INK, [(mx - s, track.y - s - 2), (mx + s, track.y - s - 2), (mx, track.y + 1)])
    ly = track.bottom + theme.px(3)
    half = rect.width // 2 - theme.px(4)
    t.draw(surf, "tiny", left, INK_SOFT, (rect.x, ly), width=half)
    t.draw(surf, "tiny", right, INK_SOFT, (rect.right, ly), "topright", width=half)


def unit_meter(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, value: float,
               colour: Colour = RED, text: str | None = None) -> None:
    t = theme.text
    t.draw(surf, "condb", title.upper(), INK, (rect.x, rect.y), width=rect.width)
    ty = rect.y + theme.line_h("condb") + theme.px(8)
    track = pygame.Rect(rect.x, ty, rect.width, theme.px(8))
    pygame.draw.rect(surf, PAPER_DEEP, track)
    fill = track.copy()
    fill.width = int(track.width * max(0.0, min(1.0, value)))
    pygame.draw.rect(surf, colour, fill)
    pygame.draw.rect(surf, INK, track, 1)
    t.draw(surf, "tiny", text if text is not None else f"{value:.0%}", INK_SOFT,
           (rect.x, track.bottom + theme.px(3)), width=rect.width)


def meter_height(theme: Theme) -> int:
    return theme.line_h("condb") + theme.px(8) + theme.px(8) + theme.px(3) + theme.line_h("tiny")


def progress_bar(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, frac: float, label: str = "") -> None:
    pygame.draw.rect(surf, PAPER, rect)
    fill = rect.copy()
    fill.width = int(rect.width * max(0.0, min(1.0, frac)))
    pygame.draw.rect(surf, RED, fill)
    # poster stripes on the filled part
    hatch(surf, fill, RED_DARK, theme.px(12))
    pygame.draw.rect(surf, INK, rect, theme.px(2))
    if label:
        theme.text.draw(surf, "h3", label, INK if frac < 0.5 else PAPER, rect.center, "center", width=rect.width - 8)


def portrait_card(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, name: str, full_name: str,
                  faction: str | None, subtitle: str = "", selected: bool = False, focused: bool = False,
                  dimmed: bool = False, name_font: str | None = None) -> None:
    """A stylised portrait: a poster block in the faction's colour, a black disc with initials,
    the name in capitals beneath. No image assets needed."""
    from .theme import initials

    t = theme.text
    colour = theme.faction_colour(faction)
    pygame.draw.rect(surf, PAPER, rect)
    art = pygame.Rect(rect.x, rect.y, rect.width, int(rect.height * 0.62))
    pygame.draw.rect(surf, colour if not dimmed else mix(colour, PAPER, 0.6), art)
    # a diagonal wedge and sun rays, constructivist style
    wedge = [(art.x, art.bottom), (art.x + art.width * 0.55, art.y), (art.x + art.width * 0.75, art.y),
             (art.x + art.width * 0.2, art.bottom)]
    pygame.draw.polygon(surf, mix(colour, INK, 0.35), wedge)
    rad = int(min(art.width, art.height) * 0.34)
    c = (art.centerx, art.centery + theme.px(2))
    pygame.draw.circle(surf, INK, c, rad)
    pygame.draw.circle(surf, PAPER, c, rad, max(2, theme.px(3)))
    label = initials(full_name, name)
    font = "h1" if rad > theme.px(26) else "h2"
    t.draw(surf, font, label, PAPER, c, "center")
    if theme.cb:
        draw_shape(surf, theme.faction_shape(faction), PAPER, (art.right - theme.px(14), art.y + theme.px(14)),
                   theme.px(7), outline=INK)
    pygame.draw.line(surf, INK, (rect.x, art.bottom), (rect.right, art.bottom), max(2, theme.px(3)))
    ny = art.bottom + theme.px(6)
    label = name.upper()
    nfont = name_font or next((f for f in ("h2", "h3", "condb") if t.width(f, label) <= rect.width - theme.px(8)), "condb")
    t.draw(surf, nfont, label, INK if not dimmed else GREY, (rect.centerx, ny), "midtop", width=rect.width - theme.px(8))
    if subtitle:
        sub = pygame.Rect(rect.x + theme.px(6), ny + theme.line_h("h2") + theme.px(2), rect.width - theme.px(12),
                          rect.bottom - ny - theme.line_h("h2") - theme.px(6))
        t.draw_wrapped(surf, "tiny", subtitle, INK_SOFT, sub, gap=0, align="center")
    border = RED if selected else INK
    pygame.draw.rect(surf, border, rect, theme.px(4) if selected else max(1, theme.px(2)))
    if focused:
        pygame.draw.rect(surf, OCHRE, rect.inflate(theme.px(8), theme.px(8)), theme.px(3))


def chip(surf: pygame.Surface, theme: Theme, pos: tuple[int, int], text: str, bg: Colour = INK,
         fg: Colour = PAPER, font: str = "tiny") -> pygame.Rect:
    t = theme.text
    w = t.width(font, text) + theme.px(10)
    r = pygame.Rect(pos[0], pos[1], w, theme.line_h(font) + theme.px(4))
    pygame.draw.rect(surf, bg, r)
    t.draw(surf, font, text, fg, r.center, "center")
    return r
