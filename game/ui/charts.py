"""Charts drawn with pygame (DESIGN §6: 1.7 ms against 211 ms through matplotlib): lines over
time, stacked bars, and shares with 95% interval whiskers. Every series carries its faction's
colour and, in the colour-blind palette, its shape."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .theme import GREY, INK, INK_SOFT, PAPER, PAPER_DEEP, RED, Colour, Theme, mix
from .widgets import Spots, draw_shape, hatch


@dataclass
class Series:
    label: str
    colour: Colour
    values: list[float]
    shape: str = "circle"
    width: int = 2
    dashed: bool = False


def _frame(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str) -> pygame.Rect:
    t = theme.text
    pygame.draw.rect(surf, PAPER, rect)
    pygame.draw.rect(surf, INK, rect, 1)
    t.draw(surf, "h3", title.upper(), INK, (rect.x + theme.px(8), rect.y + theme.px(5)), width=rect.width - theme.px(16))
    top = rect.y + theme.line_h("h3") + theme.px(8)
    return pygame.Rect(rect.x + theme.px(8), top, rect.width - theme.px(16), rect.bottom - top - theme.px(6))


def _ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering lo..hi."""
    import math

    if hi <= lo:
        return [lo]
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.ceil(lo / step - 1e-9) * step
    out = []
    v = start
    while v <= hi + 1e-9:
        out.append(round(v, 10))
        v += step
    return out


def nice_top(hi: float) -> float:
    import math

    if hi <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(hi))
    return next(m * mag for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * mag >= hi)


def _dashed_line(surf, colour, a, b, width=1, dash=6):
    ax, ay = a
    bx, by = b
    length = max(1.0, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
    steps = int(length // dash)
    for i in range(0, steps, 2):
        t0, t1 = i / steps, min(1.0, (i + 1) / steps)
        pygame.draw.line(surf, colour, (ax + (bx - ax) * t0, ay + (by - ay) * t0), (ax + (bx - ax) * t1, ay + (by - ay) * t1), width)


def _year_labels(surf, theme: Theme, points, y: int, ticks: bool = False) -> None:
    """The year under the first quarter of each year, skipping labels that would collide."""
    t = theme.text
    last_year = None
    right = -10**9
    for x, q in points:
        year = q[:4]
        if year == last_year or not year.isdigit():
            continue
        last_year = year
        if ticks:
            pygame.draw.line(surf, INK, (x, y), (x, y + theme.px(3)), 1)
        w = t.width("tiny", year)
        if x - w / 2 < right + theme.px(4):
            continue
        t.draw(surf, "tiny", year, INK_SOFT, (x, y + theme.px(3)), "midtop")
        right = x + w / 2


def line_chart(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, xs: list[str],
               series: list[Series], lo: float | None = None, hi: float | None = None, fmt: str = "{:.0f}",
               zero: bool = False, legend: bool = True, spots: Spots | None = None, tip: str = "") -> None:
    t = theme.text
    area = _frame(surf, theme, rect, title)
    if spots is not None and tip:
        spots.add(rect, tip)
    values = [v for s in series for v in s.values]
    if not values or not xs:
        t.draw(surf, "small", "no data yet", GREY, area.center, "center")
        return
    lo = min(values) if lo is None else lo
    hi = nice_top(max(values)) if hi is None else hi
    if hi - lo < 1e-9:
        hi = lo + 1
    # legend on the right
    leg_w = 0
    if legend:
        leg_w = min(area.width // 3, max(t.width("tiny", s.label) for s in series) + theme.px(26))
    axis_w = t.width("tiny", fmt.format(hi)) + theme.px(6)
    plot = pygame.Rect(area.x + axis_w, area.y + theme.px(4), area.width - axis_w - leg_w - theme.px(6),
                       area.height - theme.line_h("tiny") - theme.px(8))
    if plot.width < 20 or plot.height < 20:
        return
    for v in _ticks(lo, hi):
        y = plot.bottom - (v - lo) / (hi - lo) * plot.height
        pygame.draw.line(surf, PAPER_DEEP, (plot.x, y), (plot.right, y), 1)
        t.draw(surf, "tiny", fmt.format(v), INK_SOFT, (plot.x - theme.px(4), y), "midright")
    if zero and lo < 0 < hi:
        y0 = plot.bottom - (0 - lo) / (hi - lo) * plot.height
        pygame.draw.line(surf, INK_SOFT, (plot.x, y0), (plot.right, y0), 1)
    pygame.draw.line(surf, INK, plot.bottomleft, plot.bottomright, 1)
    pygame.draw.line(surf, INK, plot.topleft, plot.bottomleft, 1)
    n = len(xs)

    def xpos(i: int) -> float:
        return plot.x + (i / max(1, n - 1)) * plot.width

    # x labels: years, as many as fit
    _year_labels(surf, theme, [(xpos(i), q) for i, q in enumerate(xs)], plot.bottom, ticks=True)
    mark_every = max(1, n // 8)
    for s in series:
        pts = [(xpos(i), plot.bottom - (min(hi, max(lo, v)) - lo) / (hi - lo) * plot.height) for i, v in enumerate(s.values)]
        if len(pts) >= 2:
            if s.dashed:
                for a, b in zip(pts, pts[1:], strict=False):
                    _dashed_line(surf, s.colour, a, b, max(1, theme.px(s.width)))
            else:
                pygame.draw.lines(surf, s.colour, False, pts, max(1, theme.px(s.width)))
        if theme.cb:
            for i in range(0, len(pts), mark_every):
                draw_shape(surf, s.shape, s.colour, pts[i], theme.px(4), outline=PAPER)
    if legend:
        ly = area.y
        lx = plot.right + theme.px(10)
        for s in series:
            if ly + theme.line_h("tiny") > area.bottom:
                break
            cy = ly + theme.line_h("tiny") // 2
            pygame.draw.line(surf, s.colour, (lx, cy), (lx + theme.px(14), cy), max(2, theme.px(3)))
            if theme.cb:
                draw_shape(surf, s.shape, s.colour, (lx + theme.px(7), cy), theme.px(4), outline=PAPER)
            t.draw(surf, "tiny", s.label, INK, (lx + theme.px(18), ly), width=area.right - lx - theme.px(18))
            ly += theme.line_h("tiny") + theme.px(2)


def stacked_bars(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, xs: list[str],
                 stacks: list[Series], total: float | None = None, fmt: str = "{:.0f}", spots: Spots | None = None,
                 tip: str = "", patterns: bool = False) -> None:
    """One bar per x, stacked by series (bottom first)."""
    t = theme.text
    area = _frame(surf, theme, rect, title)
    if spots is not None and tip:
        spots.add(rect, tip)
    if not xs or not stacks:
        t.draw(surf, "small", "no data yet", GREY, area.center, "center")
        return
    sums = [sum(s.values[i] for s in stacks) for i in range(len(xs))]
    top = total if total is not None else nice_top(max(sums) or 1)
    leg_w = min(area.width // 3, max(t.width("tiny", s.label) for s in stacks) + theme.px(24))
    axis_w = t.width("tiny", fmt.format(top)) + theme.px(6)
    plot = pygame.Rect(area.x + axis_w, area.y + theme.px(4), area.width - axis_w - leg_w - theme.px(6),
                       area.height - theme.line_h("tiny") - theme.px(8))
    if plot.width < 20 or plot.height < 20:
        return
    for v in _ticks(0, top):
        y = plot.bottom - v / top * plot.height
        pygame.draw.line(surf, PAPER_DEEP, (plot.x, y), (plot.right, y), 1)
        t.draw(surf, "tiny", fmt.format(v), INK_SOFT, (plot.x - theme.px(4), y), "midright")
    n = len(xs)
    bw = plot.width / n
    for i, _q in enumerate(xs):
        x0 = plot.x + i * bw
        y = plot.bottom
        for k, s in enumerate(stacks):
            v = s.values[i]
            h = v / top * plot.height
            if h <= 0:
                continue
            r = pygame.Rect(int(x0 + bw * 0.12), int(y - h), max(1, int(bw * 0.76)), max(1, int(round(h))))
            pygame.draw.rect(surf, s.colour, r)
            if patterns and k % 2 == 1:
                hatch(surf, r, mix(s.colour, PAPER, 0.6), theme.px(5))
            y -= h
    _year_labels(surf, theme, [(plot.x + i * bw + bw / 2, q) for i, q in enumerate(xs)], plot.bottom)
    pygame.draw.line(surf, INK, plot.bottomleft, plot.bottomright, 1)
    ly = area.y
    lx = plot.right + theme.px(10)
    for k, s in enumerate(reversed(stacks)):
        if ly + theme.line_h("tiny") > area.bottom:
            break
        box = pygame.Rect(lx, ly + theme.px(2), theme.px(12), theme.line_h("tiny") - theme.px(4))
        pygame.draw.rect(surf, s.colour, box)
        if patterns and (len(stacks) - 1 - k) % 2 == 1:
            hatch(surf, box, mix(s.colour, PAPER, 0.6), theme.px(4))
        if theme.cb and s.shape:
            draw_shape(surf, s.shape, s.colour, (lx + theme.px(6), ly + theme.line_h("tiny") // 2), theme.px(4), outline=PAPER)
        t.draw(surf, "tiny", s.label, INK, (lx + theme.px(16), ly), width=area.right - lx - theme.px(16))
        ly += theme.line_h("tiny") + theme.px(2)


@dataclass
class Bar:
    label: str
    colour: Colour
    value: float
    lo: float
    hi: float
    shape: str = "circle"
    ghost: float | None = None  # the previous run's value, drawn behind
    ghost_lo: float | None = None
    ghost_hi: float | None = None


def whisker_bars(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, bars: list[Bar],
                 spots: Spots | None = None, ghost_label: str = "", now_label: str = "") -> None:
    """Horizontal bars of shares (0..1), each with its 95% interval as a whisker."""
    t = theme.text
    area = _frame(surf, theme, rect, title)
    if not bars:
        t.draw(surf, "small", "no runs yet", GREY, area.center, "center")
        return
    label_w = max(t.width("body", b.label) for b in bars) + theme.px(24)
    val_w = t.width("small", "100% (95%: 100%–100%)") + theme.px(8)
    plot = pygame.Rect(area.x + label_w, area.y + theme.px(4), area.width - label_w - val_w,
                       area.height - theme.line_h("tiny") - theme.px(12))
    if ghost_label:
        plot.height -= theme.line_h("tiny") + theme.px(4)
    if plot.width < 40:
        return
    for v in (0, 0.25, 0.5, 0.75, 1.0):
        x = plot.x + v * plot.width
        pygame.draw.line(surf, PAPER_DEEP, (x, plot.y), (x, plot.bottom), 1)
        t.draw(surf, "tiny", f"{v:.0%}", INK_SOFT, (x, plot.bottom + theme.px(3)), "midtop")
    rh = plot.height / len(bars)
    for i, b in enumerate(bars):
        y = plot.y + i * rh
        cy = y + rh / 2
        draw_shape(surf, b.shape if theme.cb else "circle", b.colour, (area.x + theme.px(8), cy), theme.px(6))
        t.draw(surf, "body", b.label, INK, (area.x + theme.px(20), cy), "midleft", width=label_w - theme.px(22))
        bh = max(4, rh * 0.5)
        if b.ghost is not None:
            g = pygame.Rect(plot.x, int(cy - bh / 2 - bh * 0.35), int(plot.width * b.ghost), int(bh * 0.45))
            pygame.draw.rect(surf, mix(b.colour, PAPER, 0.65), g)
            hatch(surf, g, mix(b.colour, PAPER, 0.3), theme.px(4))
        bar = pygame.Rect(plot.x, int(cy - bh / 2 + (bh * 0.1 if b.ghost is not None else 0)), int(plot.width * b.value), int(bh))
        pygame.draw.rect(surf, b.colour, bar)
        pygame.draw.rect(surf, INK, bar, 1)
        x0 = plot.x + b.lo * plot.width
        x1 = plot.x + b.hi * plot.width
        wy = bar.centery
        pygame.draw.line(surf, INK, (x0, wy), (x1, wy), max(1, theme.px(2)))
        for x in (x0, x1):
            pygame.draw.line(surf, INK, (x, wy - bh * 0.35), (x, wy + bh * 0.35), max(1, theme.px(2)))
        text = f"{b.value:.0%} (95%: {b.lo:.0%}–{b.hi:.0%})"
        t.draw(surf, "small", text, INK, (plot.right + theme.px(8), cy), "midleft", width=val_w)
        if spots is not None:
            tip = f"{b.label}: on top at the end in {b.value:.1%} of the runs\n95% interval {b.lo:.1%} – {b.hi:.1%}"
            if b.ghost is not None:
                tip += f"\nPrevious batch{(' (' + ghost_label + ')') if ghost_label else ''}: {b.ghost:.1%}"
                if b.ghost_lo is not None:
                    tip += f" ({b.ghost_lo:.0%}–{b.ghost_hi:.0%})"
            spots.add(pygame.Rect(area.x, int(y), area.width, int(rh)), tip)
    if ghost_label:
        ly = area.bottom - theme.line_h("tiny")
        box = pygame.Rect(area.x, ly + theme.px(2), theme.px(16), theme.line_h("tiny") - theme.px(4))
        pygame.draw.rect(surf, mix(RED, PAPER, 0.65), box)
        hatch(surf, box, mix(RED, PAPER, 0.3), theme.px(4))
        t.draw(surf, "tiny", f"hatched: previous batch — {ghost_label};  solid: this batch — {now_label}", INK_SOFT,
               (box.right + theme.px(6), ly), width=area.width - box.width - theme.px(8))


@dataclass
class Pair:
    """One leader's share of the runs under setting A and under setting B, with intervals, and
    the paired difference B − A with its own interval."""

    label: str
    colour: Colour
    a: float
    a_lo: float
    a_hi: float
    b: float
    b_lo: float
    b_hi: float
    diff: float
    diff_lo: float
    diff_hi: float
    shape: str = "circle"


def paired_bars(surf: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str, rows: list[Pair],
                spots: Spots | None = None, a_label: str = "", b_label: str = "") -> None:
    """Two bars a row — A hatched above, B solid below — each with its 95% whisker, and the
    difference B − A in points at the right (bold when its interval leaves out zero)."""
    t = theme.text
    area = _frame(surf, theme, rect, title)
    if not rows:
        t.draw(surf, "small", "no runs yet", GREY, area.center, "center")
        return
    px = theme.px
    label_w = max(t.width("body", r.label) for r in rows) + px(24)
    val_w = t.width("small", "A 100% · B 100% ") + t.width("smallb", "−100 pts") + px(10)
    legend_h = theme.line_h("tiny") + px(4)
    plot = pygame.Rect(area.x + label_w, area.y + px(4), area.width - label_w - val_w,
                       area.height - theme.line_h("tiny") - px(12) - legend_h)
    if plot.width < 40:
        return
    for v in (0, 0.25, 0.5, 0.75, 1.0):
        x = plot.x + v * plot.width
        pygame.draw.line(surf, PAPER_DEEP, (x, plot.y), (x, plot.bottom), 1)
        t.draw(surf, "tiny", f"{v:.0%}", INK_SOFT, (x, plot.bottom + px(3)), "midtop")
    rh = plot.height / len(rows)
    tag_w = t.width("tiny", "A") + px(4)
    for i, r in enumerate(rows):
        y = plot.y + i * rh
        cy = y + rh / 2
        draw_shape(surf, r.shape if theme.cb else "circle", r.colour, (area.x + px(8), cy), px(6))
        t.draw(surf, "body", r.label, INK, (area.x + px(20), cy), "midleft", width=label_w - px(22))
        bh = max(4, int(rh * 0.3))
        for which, value, lo, hi, top in (("A", r.a, r.a_lo, r.a_hi, cy - bh - 1), ("B", r.b, r.b_lo, r.b_hi, cy + 1)):
            bar = pygame.Rect(plot.x, int(top), int(plot.width * value), bh)
            if which == "A":
                pygame.draw.rect(surf, mix(r.colour, PAPER, 0.6), bar)
                hatch(surf, bar, mix(r.colour, INK, 0.2), px(4))
            else:
                pygame.draw.rect(surf, r.colour, bar)
            pygame.draw.rect(surf, INK, bar, 1)
            t.draw(surf, "tiny", which, INK_SOFT, (plot.x - tag_w, bar.centery), "midleft")
            x0, x1 = plot.x + lo * plot.width, plot.x + hi * plot.width
            wy = bar.centery
            pygame.draw.line(surf, INK, (x0, wy), (x1, wy), max(1, px(2)))
            for x in (x0, x1):
                pygame.draw.line(surf, INK, (x, wy - bh * 0.45), (x, wy + bh * 0.45), max(1, px(2)))
        vx = plot.right + px(8)
        vr = t.draw(surf, "small", f"A {r.a:.0%} · B {r.b:.0%} ", INK, (vx, cy), "midleft")
        clear = r.diff_lo > 0 or r.diff_hi < 0
        points = round(r.diff * 100)
        t.draw(surf, "smallb" if clear else "small", f"{points:+d} pts" if points else "±0 pts",
               (RED if clear else INK_SOFT), (vr.right, cy), "midleft")
        if spots is not None:
            tip = (f"{r.label}: on top in {r.a:.1%} of the games with A ({r.a_lo:.0%}–{r.a_hi:.0%}) and {r.b:.1%} with B "
                   f"({r.b_lo:.0%}–{r.b_hi:.0%}).\nB − A: {r.diff * 100:+.1f} points, paired 95% interval "
                   f"{r.diff_lo * 100:+.1f} to {r.diff_hi * 100:+.1f}" +
                   ("\nThe interval leaves out zero: the switch moved his odds." if clear else
                    "\nThe interval includes zero: these games cannot tell the two settings apart for him."))
            spots.add(pygame.Rect(area.x, int(y), area.width, int(rh)), tip)
    ly = area.bottom - theme.line_h("tiny")
    box = pygame.Rect(area.x, ly + px(2), px(16), theme.line_h("tiny") - px(4))
    pygame.draw.rect(surf, mix(RED, PAPER, 0.6), box)
    hatch(surf, box, mix(RED, INK, 0.2), px(4))
    text = "hatched: A · solid: B · points in red: B − A is clear of chance (its paired 95% interval leaves out zero)"
    t.draw(surf, "tiny", text, INK_SOFT, (box.right + px(6), ly), width=area.width - box.width - px(8))
