"""The end-of-game report: the outcome, every contender's grade and fate, the ledger against real
history, and four charts drawn with pygame — power over time, the Politburo's size, the Central
Committee by patron, and the party's mood."""

from __future__ import annotations

import pygame

from ... import history, paths
from ...calendar import long_date, quarter_name
from ...rules import victory
from ..app import Handler, Job
from ..charts import Series, line_chart, stacked_bars
from ..theme import INK, INK_SOFT, OCHRE, PAPER, RED, UNATTACHED, mix
from ..view import politburo_by_quarter, track
from ..widgets import Button, Para, ScrollView, header_band, layout_row, panel

OUTCOME_WORDS = {
    "sole_leader": "Sole leader",
    "dominant": "A dominant leader",
    "collective": "Collective leadership",
}
OUTCOME_HELP = {
    "sole_leader": "one man commands two thirds of the Politburo, holds a top office, and every rival contender is out of it.",
    "dominant": "one man commands a majority of the Politburo, but rivals remain.",
    "collective": "no one commands a majority of the Politburo: the leaders must still rule together.",
}
TABS = (("objectives", "Objectives"), ("ledger", "Ledger"), ("chronicle", "Chronicle"))


class Report(Handler):
    def __init__(self, app, session, back=None, replay: bool = False, prepare: bool = True):
        super().__init__(app)
        self.session = session
        self.back = back
        self.replay = replay
        st = session.state
        app.theme.set_factions(st.world.playable)
        self.tab = "objectives"
        self.text = ScrollView(app.theme)
        self.snaps = None
        self.note = ""
        self.job: Job | None = Job(lambda: track(session), "track") if prepare else None
        self.done_btn = Button("Title menu" if back is None or replay else "Back", self.go_back, "Esc")
        self.png_btn = Button("Save as PNG", self.save_png, "P", kind="secondary",
                              tip="Save this page as a picture for the debrief.")
        self.pack_btn = Button("Debrief pack", self.write_pack, "D", kind="secondary",
                               tip="Write the debrief pack (HTML page, charts, votes and decisions as CSV) "
                                   "to the reports folder, for a class discussion.")
        self.hist_btn = Button("Historian's view", self.open_historian, "H", kind="secondary",
                               tip="Everything that was hidden from the seats: secret pacts, private trust, hidden "
                                   "moves, the votes chance decided, what the AI had in view.")
        self.tab_btns = [Button(label, (lambda k=key: self.set_tab(k)), kind="secondary", font="condb")
                         for key, label in TABS]
        self.fill()

    def prepare_now(self) -> None:
        """Compute the chart history at once (screenshots and tests)."""
        self.snaps = track(self.session)
        self.job = None

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    @property
    def animating(self) -> bool:
        return self.busy

    def update(self, dt):
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            self.snaps = job.result if job.error is None else []
            self.app.dirty = True
        return None

    # ---- content -----------------------------------------------------------------------------
    def outcome(self) -> dict:
        st = self.session.state
        if st.outcome is not None:
            return st.outcome
        kind, top = victory.classify(st)
        return {"outcome": kind, "top_leader": top, "decided": quarter_name(victory.decided(st, (kind, top))),
                "grades": {lid: victory.grade(st, lid) for lid in st.world.playable if lid in st.leaders},
                "fates": {lid: victory.fate(st, lid) for lid in st.leaders if lid != "lenin"},
                "power": self.session.power()}

    def fill(self) -> None:
        s = self.session
        st = s.state
        w = st.world
        o = self.outcome()
        paras: list[Para] = []
        if self.tab == "objectives":
            paras.append(Para("OBJECTIVES", "condb", RED, space=2))
            for lid, g in sorted(o["grades"].items(), key=lambda kv: -kv[1]["points"] / max(1, kv[1]["max"])):
                you = "  (you)" if s.is_human(lid) else ""
                paras.append(Para(f"{w.name(lid)} — {g['grade']}, {g['points']}/{g['max']}{you}", "bold",
                                  RED if you else INK, space=1,
                                  tip=g["summary"] + "\n" + "\n".join(f"[{'x' if ok else ' '}] {c}" for c, ok in g["met"])))
                paras.append(Para(g["summary"], "small", INK_SOFT, indent=10, space=5))
            paras.append(Para("FATES", "condb", RED, space=2))
            notable = [lid for lid in o["fates"] if lid in w.playable or st.in_politburo(lid) or st.leaders[lid].status != "active"]
            for lid in notable:
                fate = o["fates"][lid]
                colour = RED if st.leaders[lid].status in ("expelled", "exiled", "deported", "dead") else INK
                paras.append(Para(f"{w.name(lid)}: {fate}", "small", colour, space=3))
        elif self.tab == "ledger":
            rows = history.ledger(s.chronicle, st.start, st.end, st.turn, over=st.over)
            same = sum(1 for r in rows if r.status == "as_in_history")
            paras.append(Para(f"{same} of {len(rows)} milestones happened as in history.", "bold", INK, space=6))
            colours = {"as_in_history": INK, "earlier": OCHRE, "later": OCHRE, "diverged": RED, "pending": INK_SOFT}
            for r in rows:
                m = r.milestone
                when = f" (game: {r.game_quarter})" if r.game_quarter and r.status in ("earlier", "later") else ""
                paras.append(Para(f"{m.quarter}  {history.STATUS_LABELS[r.status].upper()}: {m.title}{when}", "small",
                                  colours[r.status], space=2,
                                  tip=f"{m.title} — {m.date}\n{m.text}\nSources: {', '.join(m.sources)}"))
        else:
            for e in s.chronicle:
                if e.kind == "quarter":
                    paras.append(Para(f"{e.turn} · {long_date(e.turn)}", "condb", RED, space=2))
                elif e.kind not in ("quarter_end",) and e.text and e.visible_to(None if self.replay else (s.humans() or [None])[0]):
                    paras.append(Para("· " + e.text, "small", INK, indent=4, space=1))
        self.text.set(paras)

    def set_tab(self, key: str):
        self.tab = key
        self.fill()
        return None

    def save_png(self):
        folder = paths.data_dir() / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        st = self.session.state
        path = folder / f"report-{st.scenario_id}-{st.seed}-{st.quarter}.png"
        self.app.draw()
        pygame.image.save(self.app.screen, str(path))
        self.note = f"Saved {path}"
        return None

    def write_pack(self):
        from ...report import write_pack

        st = self.session.state
        folder = paths.data_dir() / "reports" / f"debrief-{st.scenario_id}-{st.seed}-{st.quarter}"
        try:
            write_pack(self.session, folder)
            self.note = f"Debrief pack written: open {folder / 'index.html'}"
        except OSError as exc:
            self.note = f"Could not write the debrief pack: {exc.strerror or exc}"
        return None

    def go_back(self):
        return self.return_to(None if self.replay else self.back)

    def open_historian(self):
        from .historian import Historian

        return Historian(self.app, self.session, back=self)

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        k = ev.key
        if k in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.go_back()
        if k == pygame.K_TAB:
            keys = [key for key, _ in TABS]
            i = keys.index(self.tab)
            return self.set_tab(keys[(i + (-1 if ev.mod & pygame.KMOD_SHIFT else 1)) % len(keys)])
        if k == pygame.K_p:
            return self.save_png()
        if k == pygame.K_d:
            return self.write_pack()
        if k == pygame.K_h:
            return self.open_historian()
        self.text.key(ev)
        return None

    def on_wheel(self, dy):
        self.text.scroll(-dy * self.theme.line_h("small") * 3)
        return None

    # ---- drawing -----------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        self.head_y = self.band.bottom + px(10)
        head_h = th.line_h("h1") + th.line_h("small") * 2 + px(16)
        top = self.head_y + head_h
        bh = self.done_btn.height(th)
        bottom = h - bh - px(24)
        lw = int(w * 0.36)
        self.r_left = pygame.Rect(px(12), top, lw, bottom - top)
        self.r_charts = pygame.Rect(self.r_left.right + px(12), top, w - self.r_left.right - px(24), bottom - top)
        self.button_y = h - bh - px(12)
        self.text._key = None

    def render(self, surf):
        w, h = surf.get_size()
        th = self.theme
        t = self.t
        px = self.px
        s = self.session
        st = s.state
        world = st.world
        surf.fill(PAPER)
        o = self.outcome()
        title = "The historical replay" if self.replay else ("The struggle ends" if st.over else "The struggle so far")
        header_band(surf, th, self.band, title, f"{world.title} · {long_date(st.quarter)}")
        kind = o["outcome"]
        head = f"{OUTCOME_WORDS.get(kind, kind).upper()}: {world.name(o['top_leader']).upper()} ON TOP"
        t.draw(surf, "h1", head, RED, (px(14), self.head_y), width=w - px(28))
        line = (f"Outcome: {OUTCOME_HELP.get(kind, '')} The struggle was decided in {o['decided']} — "
                f"{victory.decided_words(kind, world.name(o['top_leader']))}.")
        t.draw_wrapped(surf, "small", line, INK, pygame.Rect(px(14), self.head_y + th.line_h("h1") + px(2), w - px(28),
                                                                th.line_h("small") * 2 + px(4)))
        # the left column: tabs and text
        inner = panel(surf, th, self.r_left, None)
        layout_row(self.tab_btns, th, inner.x, inner.y, gap=px(4), max_width=inner.width)
        for b, (key, _) in zip(self.tab_btns, TABS, strict=True):
            b.draw(surf, th, b.rect.collidepoint(self.mouse), active=key == self.tab)
            self.spots.add(b.rect, "Tab switches between the pages.", b.action)
        ty = self.tab_btns[0].rect.bottom + px(8)
        self.text.rect = pygame.Rect(inner.x, ty, inner.width, inner.bottom - ty)
        self.text.draw(surf, self.spots)
        # the charts
        self.draw_charts(surf)
        buttons = [self.done_btn, self.png_btn, self.pack_btn, self.hist_btn]
        x = layout_row(buttons, th, px(12), self.button_y)
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        note = self.note or "Tab: pages · ↑/↓ scroll · P: PNG · D: debrief pack · H: historian · Esc: back"
        t.draw(surf, "small", note, INK_SOFT, (x + px(8), self.done_btn.rect.centery), "midleft", width=w - x - px(20))

    def draw_charts(self, surf):
        th = self.theme
        px = self.px
        s = self.session
        st = s.state
        world = st.world
        R = self.r_charts
        gap = px(10)
        cw = (R.width - gap) // 2
        ch = (R.height - gap) // 2
        rects = [pygame.Rect(R.x + (i % 2) * (cw + gap), R.y + (i // 2) * (ch + gap), cw, ch) for i in range(4)]
        contenders = [lid for lid in world.playable if lid in st.leaders]
        # 1. power over time
        hist = st.power_history
        xs = [quarter_name(st.start + i) for i in range(len(hist))]
        series = [Series(world.name(lid), th.faction_colour(lid), [row.get(lid, 0.0) for row in hist],
                         th.faction_shape(lid) if th.cb else "circle", 3 if s.is_human(lid) else 2)
                  for lid in contenders]
        line_chart(surf, th, rects[0], "Power of each contender", xs, series, lo=0, spots=self.spots,
                   tip="The power score at the end of each quarter: offices, Politburo votes one can count on, "
                       "CC share, regional machines, prestige and Lenin's mantle.")
        # 2. the Politburo's size
        pb = politburo_by_quarter(s.chronicle)
        xs2 = [q for q, _, _ in pb]
        stacked_bars(surf, th, rects[1], "Politburo size", xs2,
                     [Series("full members", RED, [float(f) for _, f, _ in pb], "square"),
                      Series("candidates", mix(INK, PAPER, 0.45), [float(c) for _, _, c in pb], "triangle")],
                     spots=self.spots, patterns=th.cb,
                     tip="Full members (who vote) and candidates (who speak) at the end of each quarter.")
        if self.snaps is None:
            for r in rects[2:]:
                pygame.draw.rect(surf, PAPER, r)
                pygame.draw.rect(surf, INK, r, 1)
                self.t.draw(surf, "h3", "PREPARING THE CHARTS…", INK_SOFT, r.center, "center")
            return
        snaps = [x for x in self.snaps if x.quarter != "end"] or self.snaps
        xs3 = [x.quarter for x in snaps]
        stacks = [Series(world.name(lid), th.faction_colour(lid), [x.cc.get(lid, 0.0) for x in snaps],
                         th.faction_shape(lid)) for lid in contenders]
        stacks.append(Series("unattached", UNATTACHED, [x.cc.get("", 0.0) for x in snaps], "ring"))
        stacked_bars(surf, th, rects[2], "Central Committee by patron", xs3, stacks, total=1.0, fmt="{:.0%}",
                     spots=self.spots, patterns=th.cb,
                     tip="Share of the Central Committee whose seat is owed to each contender, as each quarter began. "
                         "Congresses re-elect the CC from the regions' delegates.")
        mood = [
            Series("economy → industry", RED, [x.mood[0] for x in snaps], "square"),
            Series("world revolution", INK, [x.mood[1] for x in snaps], "triangle"),
            Series("inner democracy", (25, 96, 170), [x.mood[2] for x in snaps], "diamond"),
            Series("unity", (46, 125, 50), [x.mood[3] for x in snaps], "circle", dashed=True),
            Series("Lenin cult", OCHRE, [x.mood[4] for x in snaps], "star", dashed=True),
        ]
        line_chart(surf, th, rects[3], "The party's mood", xs3, mood, lo=-1, hi=1, fmt="{:+.1f}", zero=True,
                   spots=self.spots,
                   tip="Where the rank and file stood as each quarter began: on the three axes (-1 to +1: NEP, one "
                       "country, discipline to the left; industry, world revolution, democracy to the right), with "
                       "unity and the Lenin cult (0 to 1).")
