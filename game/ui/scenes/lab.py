"""The what-if lab: a scenario, the what-if switches and a number of runs; the AI plays every
seat that many times in the background (a progress bar, never a frozen window) and the chart
shows who ended on top how often, with 95% intervals — beside the previous batch, to see how
the odds move. For a teacher it also compares two settings side by side (A and B, played on the
same seeds, with a paired interval for each difference), exports a batch as CSV (the columns of
`politburo simulate --csv`) and opens a saved game to branch it."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time

import pygame

from ... import classroom
from ...errors import BadInput
from ...scenario import list_ids
from ..app import Handler, Job, job_error_text
from ..charts import Bar, Pair, paired_bars, whisker_bars
from ..theme import INK, INK_SOFT, PAPER, RED, mix
from ..widgets import Button, ListView, Row, header_band, layout_row, panel, progress_bar

RUN_CHOICES = (20, 50, 100, 200, 500)
SECTIONS = ("mode", "scenario", "toggles", "runs")
OUTCOME_COLOURS = {"sole_leader": INK, "dominant": RED, "collective": mix(INK, PAPER, 0.55)}
OUTCOME_WORDS = {"sole_leader": "sole leader", "dominant": "dominant", "collective": "collective"}


class _Offset:
    """Progress of the second batch of a pair, counted after the first one's games."""

    def __init__(self, target: list[int], offset: int):
        self.target, self.offset = target, offset

    def __setitem__(self, i: int, value: int) -> None:
        self.target[i] = self.offset + value


def run_pair(a: tuple[str, tuple[str, ...]], b: tuple[str, tuple[str, ...]], runs: int, seed: int,
             progress: list[int], cancel: threading.Event, workers: int = 1):
    """Setting A then setting B, each `runs` games on the same seeds: (result A, result B)."""
    ra = run_batch(a[0], a[1], runs, seed, progress, cancel, workers)
    if ra is None:
        return None
    rb = run_batch(b[0], b[1], runs, seed, _Offset(progress, runs), cancel, workers)  # type: ignore[arg-type]
    return None if rb is None else (ra, rb)


def run_batch(scenario: str, toggles: tuple[str, ...], runs: int, seed: int, progress: list[int],
              cancel: threading.Event, workers: int = 1, difficulty: str = "normal"):
    """The same games and the same numbers as `politburo simulate` (seeds derive from the batch
    seed and the run index), counted as they finish so the window can show progress."""
    from ...session import Session
    from ...simulate import jobs as batch_jobs
    from ...simulate import play_one, summarise

    playable = list(Session.new(scenario, 0, toggles).state.world.playable)
    jobs = list(batch_jobs(scenario, tuple(toggles), runs, seed, difficulty))
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
        # comparing: the setting being edited is (sid, toggles); the other one waits in `other`
        self.compare = False
        self.editing = "A"
        self.other: tuple[str, set[str]] = (self.sid, set())
        self.job: Job | None = None
        self.job_kind = "batch"
        self.progress = [0]
        self.cancel = threading.Event()
        self.result = None
        self.result_label = ""
        self.previous = None
        self.previous_label = ""
        self.pair = None  # (result A, result B, label A, label B) of the last comparison
        self.error = ""
        self.note = ""
        self._worlds: dict[str, object] = {}
        self.scen_list = ListView(app.theme, font="bold", numbered=False)
        self.toggle_list = ListView(app.theme, font="cond", numbered=False, pad=6)
        self.run_btn = Button("Run the batch", self.start, "Enter")
        self.csv_btn = Button("Export CSV", self.export, "X", kind="secondary", font="condb",
                              tip="Export the games of the last batch (both, when comparing) as CSV — the columns of "
                                  "politburo simulate --csv — to the exports folder.")
        self.saves_btn = Button("Branch a saved game…", self.open_saves, "G", kind="secondary", font="condb",
                                tip="Open a saved game to branch it: start again from any quarter, or reverse one of "
                                    "its votes.")
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")
        self.mode_btns = [Button("One setting", lambda: self.set_compare(False), kind="secondary", font="condb",
                                 tip="Run one setting; the chart keeps the previous batch beside it."),
                          Button("Compare A and B", lambda: self.set_compare(True), "C", kind="secondary",
                                 font="condb", tip="Two settings side by side, played on the same seeds.")]
        self.edit_btns = [Button("Setting A", lambda: self.set_editing("A"), "A", kind="secondary", font="condb"),
                          Button("Setting B", lambda: self.set_editing("B"), "B", kind="secondary", font="condb")]
        self.run_btns = [Button(str(n), (lambda n=n: self.set_runs(n)), kind="secondary", font="condb") for n in RUN_CHOICES]
        # The chart of one setting shows who ends on top, or who met his own objective: a man can lose
        # the struggle for power and still get what he wanted (Rykov keeps the premiership).
        self.objectives = False
        self.metric_btn = Button("Own objectives", self.toggle_metric, "O", kind="secondary", font="condb",
                                 tip="Switch the chart between who ended with the most power and who met his own "
                                     "objective (a Success or a Triumph, as the end screen grades it).")
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

    def label(self, sid: str | None = None, toggles: set[str] | None = None) -> str:
        sid = sid or self.sid
        toggles = self.toggles if toggles is None else toggles
        w = self.world(sid)
        names = [w.toggles[k].title for k in sorted(toggles) if k in w.toggles]
        text = ", ".join(names) if names else "history as it was (no switch)"
        return text if not self.compare or sid == self.other[0] == self.sid else f"{sid}: {text}"

    # ---- comparing -------------------------------------------------------------------------------
    def set_compare(self, on: bool):
        if self.busy:
            return None
        self.focus = "mode"
        if on and not self.compare:
            self.compare = True
            # B starts as a copy of A: the teacher changes B's switches and runs both
            self.other = (self.sid, set(self.toggles))
            self.editing = "B"
        elif not on and self.compare:
            if self.editing == "B":
                self.set_editing("A")
            self.compare = False
        return None

    def set_editing(self, which: str):
        if self.busy or not self.compare or which == self.editing:
            return None
        self.other, (self.sid, self.toggles) = (self.sid, set(self.toggles)), (self.other[0], set(self.other[1]))
        self.editing = which
        self.load()
        return None

    def settings(self) -> tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]]:
        """(scenario, toggles) of A and of B."""
        mine = (self.sid, tuple(sorted(self.toggles)))
        theirs = (self.other[0], tuple(sorted(self.other[1])))
        return (mine, theirs) if self.editing == "A" else (theirs, mine)

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
        self.note = ""
        prog, cancel, seed = self.progress, self.cancel, self.seed
        if self.compare:
            a, b = self.settings()
            self.running_label = f"A and B, {runs} games each on the same seeds"
            self.running_runs = 2 * runs
            self.pair_labels = (self.label(*_as_set(a)), self.label(*_as_set(b)))
            self.job_kind = "pair"
            self.job = Job(lambda: run_pair(a, b, runs, seed, prog, cancel, workers), "lab")
            return None
        toggles = tuple(sorted(self.toggles))
        self.running_label = self.label()
        self.running_runs = runs
        sid = self.sid
        self.job_kind = "batch"
        self.job = Job(lambda: run_batch(sid, toggles, runs, seed, prog, cancel, workers), "lab")
        return None

    def run_now(self, runs: int) -> None:
        """Run a batch (or a comparison) on this thread (screenshots and tests)."""
        if self.compare:
            a, b = self.settings()
            self.pair_labels = (self.label(*_as_set(a)), self.label(*_as_set(b)))
            self.job_kind = "pair"
            self._finish(run_pair(a, b, runs, self.seed, [0], threading.Event(), 1))
            return
        self.running_label = self.label()
        self.running_runs = runs
        self.job_kind = "batch"
        result = run_batch(self.sid, tuple(sorted(self.toggles)), runs, self.seed, [0], threading.Event(), 1)
        self._finish(result)

    def _finish(self, result) -> None:
        if result is None:
            return
        if self.job_kind == "pair":
            self.pair = (result[0], result[1], *self.pair_labels)
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

    def export(self):
        """Write the shown batch (or both batches of a comparison) as CSV; say where."""
        if self.busy:
            return None
        batches = []
        if self.compare and self.pair is not None:
            batches = [(self.pair[0], "A"), (self.pair[1], "B")]
        elif not self.compare and self.result is not None:
            batches = [(self.result, "")]
        if not batches:
            self.note = "Run a batch first: then X writes its games as CSV."
            return None
        written = []
        try:
            for res, tag in batches:
                written.append(classroom.export_batch(res.get("rows", []), res["scenario"], res["toggles"], res["seed"],
                                                      tag=f"setting-{tag}" if tag else ""))
        except (OSError, BadInput) as exc:
            self.note = f"Could not export: {exc.problems[0] if isinstance(exc, BadInput) else exc}"
            return None
        self.note = "CSV written: " + " and ".join(str(p) for p in written)
        return None

    def open_saves(self):
        if self.busy:
            return None
        from .saves import LoadScreen

        return LoadScreen(self.app, back=self)

    # ---- input -------------------------------------------------------------------------------
    def set_runs(self, n: int):
        self.runs = n
        self.focus = "runs"
        return None

    def toggle_metric(self):
        self.objectives = not self.objectives
        self.metric_btn.label = "Who ends on top" if self.objectives else "Own objectives"
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
            sections = SECTIONS
            i = sections.index(self.focus) if self.focus in sections else 0
            self.focus = sections[(i + (-1 if ev.mod & pygame.KMOD_SHIFT else 1)) % len(sections)]
            return None
        if k == pygame.K_x:
            return self.export()
        if k == pygame.K_o and not self.compare:
            return self.toggle_metric()
        if k == pygame.K_g:
            return self.open_saves()
        if k == pygame.K_c:
            return self.set_compare(not self.compare)
        if self.compare and k in (pygame.K_a, pygame.K_b):
            return self.set_editing("A" if k == pygame.K_a else "B")
        if self.focus == "mode":
            if k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_SPACE):
                return self.set_compare(not self.compare)
        elif self.focus == "scenario":
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
            i = self.scen_list.index_at(pos)
            if i is not None:
                self.focus = "scenario"
                self.scen_list.selected = i
                row = self.scen_list.current()
                if row and row.data != self.sid:
                    self.sid = row.data
                    self.load()
                return None
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

    def _chips(self, surf, buttons, y, actives, focused) -> int:
        th = self.theme
        inner_w = self.r_left.width - self.px(20)
        layout_row(buttons, th, self.r_left.x + self.px(10), y, gap=self.px(4), max_width=inner_w, equal=True)
        for b, active in zip(buttons, actives, strict=True):
            b.draw(surf, th, b.rect.collidepoint(self.mouse), focused=focused and active, active=active)
            self.spots.add(b.rect, b.tip, b.action)
        return buttons[0].rect.bottom

    def render(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        header_band(surf, th, self.band, "What-if lab", "many AI games, and how the odds move")
        inner = panel(surf, th, self.r_left, "The experiment")
        y = self._chips(surf, self.mode_btns, inner.y, (not self.compare, self.compare), self.focus == "mode") + px(6)
        if self.compare:
            y = self._chips(surf, self.edit_btns, y, (self.editing == "A", self.editing == "B"), False) + px(2)
            other = self.label(self.other[0], self.other[1])
            t.draw(surf, "tiny", f"{'B' if self.editing == 'A' else 'A'}: {other}", INK_SOFT, (inner.x, y), width=inner.width)
            y += th.line_h("tiny") + px(8)
        else:
            y += px(4)
        which = f" OF {self.editing}" if self.compare else ""
        t.draw(surf, "condb", f"SCENARIO{which}", RED if self.focus == "scenario" else INK, (inner.x, y))
        y += th.line_h("condb") + px(2)
        self.scen_list.rect = pygame.Rect(inner.x, y, inner.width, min(3, len(self.ids)) * self.scen_list.row_h)
        self.scen_list.draw(surf, self.focus == "scenario", self.mouse)
        y = self.scen_list.rect.bottom + px(10)
        t.draw(surf, "condb", f"WHAT-IF SWITCHES{which} (SPACE)", RED if self.focus == "toggles" else INK, (inner.x, y))
        y += th.line_h("condb") + px(2)
        bh = self.run_btn.height(th)
        sbh = self.csv_btn.height(th) + px(8)
        room = inner.bottom - y - (th.line_h("condb") + bh + px(10)) - (bh + px(14)) - sbh - (th.line_h("small") + 2) * 4
        self.toggle_list.rect = pygame.Rect(inner.x, y, inner.width, max(self.toggle_list.row_h,
                                                                        min(room, len(self.toggle_list.rows) * self.toggle_list.row_h)))
        self.toggle_list.draw(surf, self.focus == "toggles", self.mouse, self.spots)
        y = self.toggle_list.rect.bottom + px(10)
        each = " EACH" if self.compare else ""
        t.draw(surf, "condb", f"GAMES TO PLAY{each} (←/→)", RED if self.focus == "runs" else INK, (inner.x, y))
        y += th.line_h("condb") + px(4)
        layout_row(self.run_btns, th, inner.x, y, gap=px(4), max_width=inner.width, equal=True)
        for b, n in zip(self.run_btns, RUN_CHOICES, strict=True):
            b.draw(surf, th, b.rect.collidepoint(self.mouse), focused=self.focus == "runs" and n == self.runs,
                   active=n == self.runs)
            self.spots.add(b.rect, f"Play {n} games. More games, narrower intervals — and a longer wait.", b.action)
        y = self.run_btns[0].rect.bottom + px(10)
        text = self.note or (f"Seed {self.seed}. Every seat is played by the AI; the same settings always give the same "
                             "numbers." + (" A and B play the same seeds, so only the switches differ." if self.compare
                                           else ""))
        t.draw_wrapped(surf, "small", text, RED if self.note.startswith("Could") else INK_SOFT,
                       pygame.Rect(inner.x, y, inner.width, (th.line_h("small") + 2) * 4))
        self.run_btn.label = "Run A and B" if self.compare else "Run the batch"
        self.run_btn.enabled = not self.busy
        self.back_btn.label = "Cancel" if self.busy else "Back"
        # the teacher's tools on a row of their own above Run and Back
        sb = self.csv_btn.height(th)
        layout_row([self.csv_btn, self.saves_btn], th, inner.x, inner.bottom - bh - sb - px(8), gap=px(6),
                   max_width=inner.width)
        layout_row([self.run_btn, self.back_btn], th, inner.x, inner.bottom - bh, gap=px(6), max_width=inner.width)
        for b in (self.csv_btn, self.saves_btn, self.run_btn, self.back_btn):
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        if self.compare:
            self.draw_pair(surf)
        else:
            self.draw_results(surf)

    def draw_progress(self, surf, inner, y) -> int:
        th = self.theme
        t = self.t
        px = self.px
        done = self.progress[0]
        n = self.running_runs
        elapsed = time.perf_counter() - self.job.started
        t.draw(surf, "h2", "THE AI PLAYS…", RED, (inner.x, y))
        y += th.line_h("h2") + px(8)
        bar = pygame.Rect(inner.x, y, inner.width, th.line_h("h3") + px(16))
        progress_bar(surf, th, bar, done / max(1, n), f"{done} of {n} games · {elapsed:.0f} s")
        y = bar.bottom + px(8)
        t.draw(surf, "small", f"Testing: {self.running_label}. Esc cancels.", INK_SOFT, (inner.x, y), width=inner.width)
        return y + th.line_h("small") + px(12)

    def draw_outcomes(self, surf, res, rect, tag: str = "") -> None:
        t = self.t
        px = self.px
        x = rect.x
        if tag:
            t.draw(surf, "condb", tag, INK, (rect.x, rect.centery), "midleft")
            x += t.width("condb", tag) + px(8)
            rect = pygame.Rect(x, rect.y, rect.right - x, rect.height)
        for key, p in res["outcomes"].items():
            wd = int(rect.width * p)
            seg = pygame.Rect(x, rect.y, wd, rect.height)
            pygame.draw.rect(surf, OUTCOME_COLOURS[key], seg)
            label = f"{OUTCOME_WORDS[key]} {p:.0%}"
            if wd > t.width("condb", label) + px(6):
                t.draw(surf, "condb", label, PAPER, seg.center, "center")
            lo, hi = res["ci95"][f"outcome:{key}"]
            self.spots.add(seg, f"{OUTCOME_WORDS[key].capitalize()}: {p:.1%} of the runs (95% interval {lo:.0%}–{hi:.0%}).")
            x += wd
        pygame.draw.rect(surf, INK, rect, 1)

    def draw_results(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        heading = "Who meets his own objective" if self.objectives else "Who ends on top"
        inner = panel(surf, th, self.r_right, heading, right="bars: share of runs · whiskers: 95% interval")
        y = inner.y
        if self.busy:
            y = self.draw_progress(surf, inner, y)
        if self.error:
            t.draw_wrapped(surf, "bold", self.error, RED, pygame.Rect(inner.x, y, inner.width, th.line_h("bold") * 3))
            y += th.line_h("bold") * 3
        res = self.result
        if res is None:
            if not self.busy:
                t.draw_wrapped(surf, "body", "Choose the what-if switches on the left and run a batch. Then change a "
                               "switch and run again: the chart keeps the previous batch beside the new one, so you can "
                               "see how the odds move. Each game is played to the end by the AI in every seat. To set two "
                               "settings side by side on the same seeds, choose Compare A and B.",
                               INK_SOFT, pygame.Rect(inner.x, y, inner.width, inner.bottom - y))
            return
        w = self.world(res["scenario"]) if res["scenario"] in self.ids else self.world(self.sid)
        prev = self.previous
        field, ci_key = ("objective_met", "objective") if self.objectives else ("top_leader", "top")
        bars = []
        for lid, p in sorted(res.get(field, {}).items(), key=lambda kv: -kv[1]):
            lo, hi = res["ci95"][f"{ci_key}:{lid}"]
            b = Bar(w.name(lid), th.faction_colour(lid), p, lo, hi, th.faction_shape(lid))
            if prev is not None and lid in prev.get(field, {}):
                b.ghost = prev[field][lid]
                b.ghost_lo, b.ghost_hi = prev["ci95"][f"{ci_key}:{lid}"]
            bars.append(b)
        head = f"{res['runs']} games — {self.result_label}"
        layout_row([self.metric_btn], th, inner.right - self.metric_btn.natural_width(th), y, gap=px(4))
        self.metric_btn.draw(surf, th, self.metric_btn.rect.collidepoint(self.mouse))
        self.spots.add(self.metric_btn.rect, self.metric_btn.tip, self.metric_btn.action)
        t.draw(surf, "bold", head, INK, (inner.x, y), width=inner.width - self.metric_btn.rect.width - px(8))
        y += max(th.line_h("bold"), self.metric_btn.rect.height) + px(6)
        out_h = th.line_h("condb") + th.line_h("h3") + px(20) + th.line_h("small") * 2
        chart = pygame.Rect(inner.x, y, inner.width, inner.bottom - y - out_h)
        title = "Who met his own objective (a Success or a Triumph)" if self.objectives else "Who ended with the most power"
        whisker_bars(surf, th, chart, title, bars, self.spots,
                     ghost_label=self.previous_label if prev is not None else "", now_label=self.result_label)
        y = chart.bottom + px(8)
        t.draw(surf, "condb", "OUTCOMES", RED, (inner.x, y))
        y += th.line_h("condb") + px(2)
        bar = pygame.Rect(inner.x, y, inner.width, th.line_h("h3") + px(8))
        self.draw_outcomes(surf, res, bar)
        y = bar.bottom + px(4)
        mean = res.get("mean_quarter_decided") or "—"
        gps = res.get("games_per_second")
        t.draw(surf, "small", f"On average the struggle was decided in {mean}. {gps} games per second on "
               f"{res['workers']} worker{'s' if res['workers'] != 1 else ''}.", INK_SOFT, (inner.x, y), width=inner.width)

    def draw_pair(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        inner = panel(surf, th, self.r_right, "Setting A against setting B",
                      right="same seeds · whiskers: 95% intervals")
        y = inner.y
        if self.busy:
            y = self.draw_progress(surf, inner, y)
        if self.error:
            t.draw_wrapped(surf, "bold", self.error, RED, pygame.Rect(inner.x, y, inner.width, th.line_h("bold") * 3))
            y += th.line_h("bold") * 3
        if self.pair is None:
            if not self.busy:
                a, b = self.settings()
                t.draw_wrapped(surf, "body", "Set the switches of A and of B on the left (the A and B buttons choose which "
                               f"you are editing), then run both. A: {self.label(*_as_set(a))}. B: {self.label(*_as_set(b))}. "
                               "Both are played on the same seeds, so a difference comes from the switches, not from luck; "
                               "each difference gets its own paired 95% interval.",
                               INK_SOFT, pygame.Rect(inner.x, y, inner.width, inner.bottom - y))
            return
        ra, rb, la, lb = self.pair
        w = self.world(ra["scenario"]) if ra["scenario"] in self.ids else self.world(self.sid)
        rows = []
        leaders = sorted(set(ra["top_leader"]) | set(rb["top_leader"]),
                         key=lambda lid: -max(ra["top_leader"].get(lid, 0), rb["top_leader"].get(lid, 0)))
        for lid in leaders:
            a, b = ra["top_leader"].get(lid, 0.0), rb["top_leader"].get(lid, 0.0)
            if a == 0 and b == 0:
                continue
            alo, ahi = ra["ci95"].get(f"top:{lid}", (0.0, 0.0))
            blo, bhi = rb["ci95"].get(f"top:{lid}", (0.0, 0.0))
            d, dlo, dhi = classroom.paired_difference(ra.get("rows", []), rb.get("rows", []), lid)
            rows.append(Pair(w.name(lid), th.faction_colour(lid), a, alo, ahi, b, blo, bhi, d, dlo, dhi,
                             th.faction_shape(lid)))
        for tag, text in (("A", la), ("B", lb)):
            t.draw(surf, "bold", f"{tag}: {text}", INK, (inner.x, y), width=inner.width)
            y += th.line_h("bold")
        t.draw(surf, "small", f"{ra['runs']} games each, on the same seeds", INK_SOFT, (inner.x, y), width=inner.width)
        y += th.line_h("small") + px(6)
        ob = th.line_h("h3") + px(6)
        out_h = th.line_h("condb") + 2 * ob + px(26) + th.line_h("small")
        chart = pygame.Rect(inner.x, y, inner.width, inner.bottom - y - out_h)
        paired_bars(surf, th, chart, "Who ended with the most power", rows, self.spots, la, lb)
        y = chart.bottom + px(8)
        t.draw(surf, "condb", "OUTCOMES", RED, (inner.x, y))
        y += th.line_h("condb") + px(2)
        for tag, res in (("A", ra), ("B", rb)):
            self.draw_outcomes(surf, res, pygame.Rect(inner.x, y, inner.width, ob), tag)
            y += ob + px(4)
        changed, n = classroom.changed_winner(ra.get("rows", []), rb.get("rows", []))
        t.draw(surf, "small", f"In {changed} of {n} paired games a different leader ended on top. Decided on average: "
               f"A {ra.get('mean_quarter_decided') or '—'}, B {rb.get('mean_quarter_decided') or '—'}.", INK_SOFT,
               (inner.x, y + px(2)), width=inner.width)


def _as_set(setting: tuple[str, tuple[str, ...]]) -> tuple[str, set[str]]:
    return setting[0], set(setting[1])
