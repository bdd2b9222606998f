"""The debrief pack's charts as PNG files, drawn offscreen with the window's chart code (the
one place outside the scenes where the report touches pygame)."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from ..calendar import quarter_name
from ..report import CHART_SIZE, CHARTS, contenders


def draw_charts(session, out_dir: Path, colour_blind: bool = False) -> list[Path]:
    """The four charts as PNG files, drawn offscreen with the window's chart code."""
    if not pygame.display.get_init():  # no window needed: offscreen surfaces only
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

    from .charts import Series, line_chart, stacked_bars
    from .theme import INK as C_INK
    from .theme import OCHRE as C_OCHRE
    from .theme import PAPER as C_PAPER
    from .theme import RED as C_RED
    from .theme import UNATTACHED, Settings, Theme, mix
    from .view import politburo_by_quarter, track

    pygame.font.init()
    st = session.state
    world = st.world
    theme = Theme(Settings(colour_blind=colour_blind), (1600, 1000))
    theme.set_factions(world.playable)
    cons = contenders(session)
    rect = pygame.Rect(0, 0, *CHART_SIZE)
    written: list[Path] = []

    def save(surf: pygame.Surface, fname: str) -> None:
        path = out_dir / fname
        pygame.image.save(surf, str(path))
        written.append(path)

    def canvas() -> pygame.Surface:
        surf = pygame.Surface(CHART_SIZE)
        surf.fill(C_PAPER)
        return surf

    titles = {fname: alt for fname, alt, _ in CHARTS}
    # power over time
    hist = st.power_history
    xs = [quarter_name(st.start + i) for i in range(len(hist))]
    series = [Series(world.name(lid) + (" (class)" if session.is_human(lid) else ""), theme.faction_colour(lid),
                     [row.get(lid, 0.0) for row in hist], theme.faction_shape(lid), 3 if session.is_human(lid) else 2)
              for lid in cons]
    surf = canvas()
    line_chart(surf, theme, rect, titles["power.png"], xs, series, lo=0)
    save(surf, "power.png")
    # the Politburo
    pb = politburo_by_quarter(session.chronicle)
    surf = canvas()
    stacked_bars(surf, theme, rect, titles["politburo.png"], [q for q, _, _ in pb],
                 [Series("full members", C_RED, [float(f) for _, f, _ in pb], "square"),
                  Series("candidates", mix(C_INK, C_PAPER, 0.45), [float(c) for _, _, c in pb], "triangle")],
                 patterns=theme.cb)
    save(surf, "politburo.png")
    # the Central Committee and the mood, from a replay
    snaps = track(session)
    snaps = [x for x in snaps if x.quarter != "end"] or snaps
    xs3 = [x.quarter for x in snaps]
    stacks = [Series(world.name(lid), theme.faction_colour(lid), [x.cc.get(lid, 0.0) for x in snaps],
                     theme.faction_shape(lid)) for lid in cons]
    stacks.append(Series("unattached", UNATTACHED, [x.cc.get("", 0.0) for x in snaps], "ring"))
    surf = canvas()
    stacked_bars(surf, theme, rect, titles["cc_share.png"], xs3, stacks, total=1.0, fmt="{:.0%}", patterns=theme.cb)
    save(surf, "cc_share.png")
    mood = [
        Series("economy → industry", C_RED, [x.mood[0] for x in snaps], "square"),
        Series("world revolution", C_INK, [x.mood[1] for x in snaps], "triangle"),
        Series("inner democracy", (25, 96, 170), [x.mood[2] for x in snaps], "diamond"),
        Series("unity", (46, 125, 50), [x.mood[3] for x in snaps], "circle", dashed=True),
        Series("Lenin cult", C_OCHRE, [x.mood[4] for x in snaps], "star", dashed=True),
    ]
    surf = canvas()
    line_chart(surf, theme, rect, titles["mood.png"], xs3, mood, lo=-1, hi=1, fmt="{:+.1f}", zero=True)
    save(surf, "mood.png")
    return written


