"""The what-if lab: a scenario, the what-if switches and a number of runs; the AI plays every
seat that many times in the background (a progress bar, never a frozen window) and the chart
shows who ended on top how often, with 95% intervals — beside the previous batch, to see how
the odds move."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time

import pygame

from ...scenario import list_ids
from ..app import Handler, Job, job_error_text
from ..charts import Bar, whisker_bars
from ..theme import INK, INK_SOFT, PAPER, RED, mix
from ..widgets import Button, ListView, Row, header_band, layout_row, panel, progress_bar

RUN_CHOICES = (20, 50, 100, 200, 500)
SECTIONS = ("scenario", "toggles", "runs")


def run_batch(scenario: str, toggles: tuple[str, ...], runs: int, seed: int, progress: list[int],
              cancel: threading.Event, workers: int = 1, difficulty: str = "normal"):
    """The same games and the same numbers as `politburo simulate` (seeds derive from the batch
    seed and the run index), counted as they finish so the window can show progress."""
    from ...session import Session
    from ...simulate import game_seed, play_one, summarise

    playable = list(Session.new(scenario, 0, toggles).state.world.playable)
    jobs = [(scenario, tuple(toggles), i, game_seed(seed, i), difficulty) for i in range(runs)]
    rows = []
    start = time.perf_counter()
    if workers > 1:
        ctx = mp.get_context("spawn")
        pool = ctx.Pool(workers)
        try:
            for row in pool.imap(play_one, jobs, chunksize=max(1, min(8, runs // (workers * 8) or 1))):
                rows.append(row)
                progress[0] = len(rows)
                if cancel.is_set():
                    break
        finally:
            pool.terminate()
            pool.join()
    else:
        for job in jobs:
            rows.append(play_one(job))
            progress[0] = len(rows)
            if cancel.is_set():
                break
    if cancel.is_set():
        return None
    result = summarise(scenario, seed, toggles, playable, rows, time.perf_counter() - start, workers)
    result["rows"] = rows  # the games themselves, for the CSV export and paired comparisons
    return result


class Lab(Handler):
    def __init__(self, app, back=None):
        super().__init__(app)
        self.back = back
        self.ids = list_ids()
        self.sid = "1924" if "1924" in self.ids else self.ids[0]
        self.toggles: set[str] = set()
        self.runs = 100
        self.seed = 1
        self.focus = "toggles"
        self.job: Job | None = None
        self.progress = [0]
        self.cancel = threading.Event()
        self.result = None
        self.result_label = ""
        self.previous = None
        self.previous_label = ""
        self.error = ""
        self._worlds: dict[str, object] = {}
        self.scen_list = ListView(app.theme, font="bold", numbered=False)
        self.toggle_list = ListView(app.theme, font="cond", numbered=False, pad=6)
        self.run_btn = Button("Run the batch", self.start, "Enter")
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")
        self.run_btns = [Button(str(n), (lambda n=n: self.set_runs(n)), kind="secondary", font="condb") for n in RUN_CHOICES]
        self.load()

    def world(self, sid):
        if sid not in self._worlds:
            from ...session import Session

            self._worlds[sid] = Session.new(sid, 0).state.world
        return self._worlds[sid]

    def load(self):
        w = self.world(self.sid)
        self.app.theme.set_factions(w.playable)
        self.toggles &= set(w.toggles)
        self.scen_list.set_rows([Row(f"{sid} — {self.world(sid).title}", data=sid) for sid in self.ids], keep=False)
        self.scen_list.selected = self.ids.index(self.sid)
        self.fill()

    def fill(self):
        w = self.world(self.sid)
        sel = self.toggle_list.selected
        self.toggle_list.set_rows([Row(t.title, checkbox=True, mark=k in self.toggles, data=k,
                                       tip=f"{t.title}\n{t.note}" + (f"\nHistorians: {t.historian}" if t.historian else ""))
                                   for k, t in w.toggles.items()], keep=False)
        if 0 <= sel < len(self.toggle_list.rows):
            self.toggle_list.selected = sel

    def label(self) -> str:
        w = self.world(self.sid)
        names = [w.toggles[k].title for k in sorted(self.toggles)]
        return ", ".join(names) if names else "history as it was (no switch)"

    # ---- running -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    @property
    def animating(self) -> bool:
        return self.busy

    def start(self, workers: int | None = None, runs: int | None = None):
        if self.busy:
            return None
        runs = runs or self.runs
        if workers is None:
            workers = 1 if runs < 24 else max(1, min(4, (os.cpu_count() or 1)))
        self.progress = [0]
        self.cancel = threading.Event()
        self.error = ""
        toggles = tuple(sorted(self.toggles))
        self.running_label = self.label()
        self.running_runs = runs
        prog, cancel, sid, seed = self.progress, self.cancel, self.sid, self.seed
        self.job = Job(lambda: run_batch(sid, toggles, runs, seed, prog, cancel, workers), "lab")
        return None

    def run_now(self, runs: int) -> None:
        """Run a batch on this thread (screenshots and tests)."""
        self.running_label = self.label()
        self.running_runs = runs
        result = run_batch(self.sid, tuple(sorted(self.toggles)), runs, self.seed, [0], threading.Event(), 1)
        self._finish(result)

    def _finish(self, result) -> None:
        if result is None:
            return
        if self.result is not None:
            self.previous, self.previous_label = self.result, self.result_label
        self.result, self.result_label = result, self.running_label

    def update(self, dt):
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            if job.error is not None:
                err = job.error
                self.error = job_error_text(err)
            else:
                self._finish(job.result)
            self.app.dirty = True
        return None

    # ---- input -------------------------------------------------------------------------------
    def set_runs(self, n: int):
        self.runs = n
        self.focus = "runs"
        return None

    def go_back(self):
        if self.busy:
            self.cancel.set()
            return None
        return self.return_to(self.back)

    def on_key(self, ev):
        k = ev.key
        if k == pygame.K_ESCAPE:
            return self.go_back()
        if self.busy:
            return None
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()
        if k == pygame.K_TAB:
            i = SECTIONS.index(self.focus)
            self.focus = SECTIONS[(i + (-1 if ev.mod & pygame.KMOD_SHIFT else 1)) % len(SECTIONS)]
            return None
        if self.focus == "scenario":
            if self.scen_list.key(ev) == "moved":
                row = self.scen_list.current()
                if row and row.data != self.sid:
                    self.sid = row.data
                    self.load()
        elif self.focus == "toggles":
            if k == pygame.K_SPACE:
                return self.toggle(None)
            self.toggle_list.key(ev)
        elif self.focus == "runs":
            i = RUN_CHOICES.index(self.runs) if self.runs in RUN_CHOICES else 2
            if k in (pygame.K_LEFT, pygame.K_UP):
                self.runs = RUN_CHOICES[max(0, i - 1)]
            elif k in (pygame.K_RIGHT, pygame.K_DOWN):
                self.runs = RUN_CHOICES[min(len(RUN_CHOICES) - 1, i + 1)]
        return None

    def toggle(self, i):
        if i is not None:
            self.toggle_list.selected = i
        row = self.toggle_list.current()
        if row is not None:
            self.toggles.symmetric_difference_update({row.data})
            self.fill()
        return None

    def on_click(self, pos, button=1):
        if not self.busy:
            i = self.toggle_list.index_at(pos)
            if i is not None:
                self.focus = "toggles"
                return self.toggle(i)
        return super().on_click(pos, button)

    # ---- drawing -----------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        top = self.band.bottom + px(12)
        lw = max(px(300), int(w * 0.34))
        self.r_left = pygame.Rect(px(12), top, lw, h - top - px(12))
        self.r_right = pygame.Rect(self.r_left.right + px(12), top, w - self.r_left.right - px(24), h - top - px(12))

    def render(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        header_band(surf, th, self.band, "What-if lab", "many AI games, and how the odds move")
        inner = panel(surf, th, self.r_left, "The experiment")
        y = inner.y
        t.draw(surf, "condb", "SCENARIO", RED if self.focus == "scenario" else INK, (inner.x, y))
        y += th.line_h("condb") + px(2)
        self.scen_list.rect = pygame.Rect(inner.x, y, inner.width, min(3, len(self.ids)) * self.scen_list.row_h)
        self.scen_list.draw(surf, self.focus == "scenario", self.mouse)
        y = self.scen_list.rect.bottom + px(10)
        t.draw(surf, "condb", "WHAT-IF SWITCHES (SPACE)", RED if self.focus == "toggles" else INK, (inner.x, y))
        y += th.line_h("condb") + px(2)
        bh = self.run_btn.height(th)
        room = inner.bottom - y - (th.line_h("condb") + bh + px(10)) - (bh + px(14)) - th.line_h("small") * 3
        self.toggle_list.rect = pygame.Rect(inner.x, y, inner.width, max(self.toggle_list.row_h,
                                                                        min(room, len(self.toggle_list.rows) * self.toggle_list.row_h)))
        self.toggle_list.draw(surf, self.focus == "toggles", self.mouse, self.spots)
        y = self.toggle_list.rect.bottom + px(10)
        t.draw(surf, "condb", "GAMES TO PLAY (←/→)", RED if self.focus == "runs" else INK, (inner.x, y))
        y += th.line_h("condb") + px(4)
        layout_row(self.run_btns, th, inner.x, y, gap=px(4), max_width=inner.width, equal=True)
        for b, n in zip(self.run_btns, RUN_CHOICES, strict=True):
            b.draw(surf, th, b.rect.collidepoint(self.mouse), focused=self.focus == "runs" and n == self.runs,
                   active=n == self.runs)
            self.spots.add(b.rect, f"Play {n} games. More games, narrower intervals — and a longer wait.", b.action)
        y = self.run_btns[0].rect.bottom + px(10)
        t.draw_wrapped(surf, "small", f"Seed {self.seed}. Every seat is played by the AI; the same settings always "
                       "give the same numbers.", INK_SOFT, pygame.Rect(inner.x, y, inner.width, th.line_h("small") * 3))
        buttons = [self.run_btn, self.back_btn]
        self.run_btn.enabled = not self.busy
        self.back_btn.label = "Cancel" if self.busy else "Back"
        layout_row(buttons, th, inner.x, inner.bottom - bh, max_width=inner.width)
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        self.draw_results(surf)

    def draw_results(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        inner = panel(surf, th, self.r_right, "Who ends on top", right="bars: share of runs · whiskers: 95% interval")
        y = inner.y
        if self.busy:
            done = self.progress[0]
            n = self.running_runs
            elapsed = time.perf_counter() - self.job.started
            t.draw(surf, "h2", "THE AI PLAYS…", RED, (inner.x, y))
            y += th.line_h("h2") + px(8)
            bar = pygame.Rect(inner.x, y, inner.width, th.line_h("h3") + px(16))
            progress_bar(surf, th, bar, done / max(1, n), f"{done} of {n} games · {elapsed:.0f} s")
            y = bar.bottom + px(8)
            t.draw(surf, "small", f"Testing: {self.running_label}. Esc cancels.", INK_SOFT, (inner.x, y), width=inner.width)
            y += th.line_h("small") + px(12)
        if self.error:
            t.draw_wrapped(surf, "bold", self.error, RED, pygame.Rect(inner.x, y, inner.width, th.line_h("bold") * 3))
            y += th.line_h("bold") * 3
        res = self.result
        if res is None:
            if not self.busy:
                t.draw_wrapped(surf, "body", "Choose the what-if switches on the left and run a batch. Then change a "
                               "switch and run again: the chart keeps the previous batch beside the new one, so you can "
                               "see how the odds move. Each game is played to the end by the AI in every seat.",
                               INK_SOFT, pygame.Rect(inner.x, y, inner.width, inner.bottom - y))
            return
        w = self.world(res["scenario"]) if res["scenario"] in self.ids else self.world(self.sid)
        prev = self.previous
        bars = []
        for lid, p in sorted(res["top_leader"].items(), key=lambda kv: -kv[1]):
            lo, hi = res["ci95"][f"top:{lid}"]
            b = Bar(w.name(lid), th.faction_colour(lid), p, lo, hi, th.faction_shape(lid))
            if prev is not None and lid in prev["top_leader"]:
                b.ghost = prev["top_leader"][lid]
                b.ghost_lo, b.ghost_hi = prev["ci95"][f"top:{lid}"]
            bars.append(b)
        head = f"{res['runs']} games — {self.result_label}"
        t.draw(surf, "bold", head, INK, (inner.x, y), width=inner.width)
        y += th.line_h("bold") + px(6)
        out_h = th.line_h("condb") + th.line_h("h3") + px(20) + th.line_h("small") * 2
        chart = pygame.Rect(inner.x, y, inner.width, inner.bottom - y - out_h)
        whisker_bars(surf, th, chart, "Who ended with the most power", bars, self.spots,
                     ghost_label=self.previous_label if prev is not None else "", now_label=self.result_label)
        # outcomes
        y = chart.bottom + px(8)
        t.draw(surf, "condb", "OUTCOMES", RED, (inner.x, y))
        y += th.line_h("condb") + px(2)
        bar = pygame.Rect(inner.x, y, inner.width, th.line_h("h3") + px(8))
        x = bar.x
        colours = {"sole_leader": INK, "dominant": RED, "collective": mix(INK, PAPER, 0.55)}
        words = {"sole_leader": "sole leader", "dominant": "dominant", "collective": "collective"}
        for key, p in res["outcomes"].items():
            wd = int(bar.width * p)
            seg = pygame.Rect(x, bar.y, wd, bar.height)
            pygame.draw.rect(surf, colours[key], seg)
            label = f"{words[key]} {p:.0%}"
            if wd > t.width("condb", label) + px(6):
                t.draw(surf, "condb", label, PAPER, seg.center, "center")
            lo, hi = res["ci95"][f"outcome:{key}"]
            self.spots.add(seg, f"{words[key].capitalize()}: {p:.1%} of the runs (95% interval {lo:.0%}–{hi:.0%}).")
            x += wd
        pygame.draw.rect(surf, INK, bar, 1)
        y = bar.bottom + px(4)
        mean = res.get("mean_quarter_decided") or "—"
        gps = res.get("games_per_second")
        t.draw(surf, "small", f"On average the struggle was decided in {mean}. {gps} games per second on "
               f"{res['workers']} worker{'s' if res['workers'] != 1 else ''}.", INK_SOFT, (inner.x, y), width=inner.width)
