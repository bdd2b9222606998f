"""Branch a saved game: start again from any quarter of it, or from one of its Politburo votes with
the chance draws forced that reverse it ("what if that vote had gone the other way?") — or read
why chance alone could not have reversed it. The new game keeps the save's seats and seed and is
saved as a file of its own; the original is never touched. What-if switches can be ticked for a
branch from a quarter: those whose events still lie ahead of it (game.whatif.refusal_at); the
others are greyed, with the reason in their tip."""

from __future__ import annotations

import pygame

from ... import classroom
from ...calendar import long_date, quarter_index, quarter_name
from ...whatif import plan_flip, refusal_at, toggle_effect
from ..app import Handler, Job, job_error_text
from ..theme import INK, INK_SOFT, PAPER, RED, star_points
from ..widgets import Button, ListView, Para, Row, ScrollView, header_band, layout_row, panel

NOTABLE = {"death", "office_gained", "office_lost", "politburo_joined", "politburo_left", "expelled", "exiled",
           "deported", "congress", "pact_discovered", "enrolment", "event"}


class BranchScreen(Handler):
    def __init__(self, app, session, data: dict, label: str, back=None):
        super().__init__(app)
        self.back = back
        self.session = session  # the saved game, replayed to its end (read only)
        self.data = data
        self.label = label
        self.focus = "quarters"
        self.job: Job | None = None
        self.job_label = ""
        self.error = ""
        self.spin = 0.0
        st = session.state
        self.world = st.world
        app.theme.set_factions(self.world.playable)
        self.waver = float(self.world.balance["vote"]["waver"])
        self.quarters = ListView(app.theme, font="body", numbered=False, pad=6)
        self.switches = ListView(app.theme, font="cond", numbered=False, pad=5)
        self.chosen: set[str] = set()  # the what-if switches ticked for a branch from a quarter
        self.votes = ListView(app.theme, font="cond", numbered=False, pad=6)
        self.plan_view = ScrollView(app.theme)
        self.play_btn = Button("Play from this quarter", self.branch_quarter, "Enter",
                               tip="A new game from the start of this quarter: every move before it replayed as it "
                                   "was, the rest for the players (and the AI) to make afresh, with the what-if "
                                   "switches ticked on the left.")
        self.flip_btn = Button("Reverse this vote", self.branch_vote, "V",
                               tip="A new game just after this vote, with the members' wavering forced so that the "
                                   "vote goes the other way.")
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")
        self.fill()

    @classmethod
    def for_session(cls, app, session, label: str, back=None) -> BranchScreen:
        return cls(app, session, session.to_save(), label, back)

    # ---- content -----------------------------------------------------------------------------
    def fill(self) -> None:
        st = self.session.state
        last = st.turn if not st.over else st.end
        by_q: dict[str, list[str]] = {}
        for e in self.session.chronicle:
            if e.kind in NOTABLE and e.text and not e.private_to:
                by_q.setdefault(e.turn, []).append(e.text)
        rows = []
        for t in range(st.start, last + 1):
            q = quarter_name(t)
            news = by_q.get(q, [])
            rows.append(Row(f"{q} · {long_date(q)}", f"{len(news)} event{'s' if len(news) != 1 else ''}" if news else "",
                            data=q, tip="\n".join([q, *news[:6]]) if news else f"{q}: a quiet quarter."))
        self.quarters.set_rows(rows, keep=False)
        self.quarters.select_first()
        self.fill_switches()
        vrows = []
        self.plans = {}
        for e in self.session.past_votes():
            plan = plan_flip(e, self.waver)
            self.plans[e.detail["motion"]] = plan
            result = f"{'carried' if plan.passed else 'lost'} {plan.yes}–{plan.no}"
            mark = "chance could turn it" if plan.possible else "firm"
            vrows.append(Row(f"{e.turn}  {plan.title}", f"{result} · {mark}", data=e.detail["motion"],
                             colour=RED if plan.possible else None))
        self.votes.set_rows(vrows, keep=False)
        self.votes.select_first()
        self.show_plan()

    def open_switches(self) -> dict[str, str | None]:
        """Each switch of the scenario, and why it cannot be ticked at the chosen quarter (None: it can)."""
        row = self.quarters.current()
        st = self.session.state
        turn = quarter_index(row.data) if row is not None else st.turn
        return {k: refusal_at(self.world, k, turn, st.start, tuple(st.toggles)) for k in self.world.toggles}

    def fill_switches(self) -> None:
        sel = self.switches.selected
        rows = []
        for key, why in self.open_switches().items():
            t = self.world.toggles[key]
            tip = f"{t.title}\n{t.note}\n" + (f"Not at this quarter: {why.split(': ', 1)[-1]}" if why else
                                              f"Open: it {toggle_effect(self.world, key)}.")
            rows.append(Row(t.title, "" if why is None else "too late", enabled=why is None, checkbox=True,
                            mark=why is None and key in self.chosen, data=key, tip=tip))
        self.switches.set_rows(rows, keep=False)
        self.switches.selected = sel if 0 <= sel < len(rows) else -1

    def tick(self, i: int | None = None) -> None:
        if i is not None:
            self.switches.selected = i
        row = self.switches.current()
        if row is None:
            return
        if not row.enabled:
            self.error = "Too late for this switch at this quarter: its tip says why."
            return
        self.chosen.symmetric_difference_update({row.data})
        self.fill_switches()

    def show_plan(self) -> None:
        row = self.votes.current()
        if row is None:
            self.plan_view.set([Para("This game has no Politburo vote yet.", "body", INK_SOFT)])
            return
        plan = self.plans[row.data]
        lines = plan.lines(self.world.name)
        paras = [Para(lines[0], "bold", INK, space=4), Para(lines[1], "small", INK, space=6)]
        for line in lines[2:]:
            indent = 12 if line.startswith("  ") else 0
            colour = RED if line.startswith("Chance alone could have") else INK if not indent else INK_SOFT
            paras.append(Para(line.strip(), "small" if indent else "smallb", colour, indent=indent, space=3))
        self.plan_view.set(paras)

    # ---- acting ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    @property
    def animating(self) -> bool:
        return self.busy

    def branch_quarter(self):
        row = self.quarters.current()
        if row is None or self.busy:
            return None
        from ...session import Session

        data, label, quarter = self.data, self.label, row.data
        toggles = tuple(k for k, why in self.open_switches().items() if why is None and k in self.chosen)
        self.job_label = f"Replaying the game to {quarter}…"
        self.job = Job(lambda: (Session.branch(data, quarter, toggles=toggles, label=label), quarter, None), "branch")
        return None

    def branch_vote(self):
        row = self.votes.current()
        if row is None or self.busy:
            return None
        plan = self.plans[row.data]
        if not plan.possible:
            self.error = "Chance alone could not reverse this vote (see why, on the right)."
            return None
        from ...session import Session

        data, label, motion = self.data, self.label, row.data

        def run():
            _, session = Session.what_if_vote(data, motion, label=label)
            return session, plan.quarter, motion

        self.job_label = f"Replaying the game to the vote of {plan.quarter}…"
        self.job = Job(run, "whatif")
        return None

    def update(self, dt):
        self.spin += dt
        if self.job is not None and self.job.done:
            job, self.job = self.job, None
            if job.error is not None:
                self.error = job_error_text(job.error)
                return None
            session, quarter, motion = job.result
            return self.start(session, quarter, motion)
        return None

    def start(self, session, quarter: str, motion: int | None):
        from .board import Board

        session.autosave_path = classroom.branch_save_path(self.label, quarter, motion)
        try:
            session.save(session.autosave_path)  # at once, so the branch is in the list of saves
        except OSError as exc:
            self.error = f"Could not save the branch: {exc.strerror or exc}"
            return None
        board = Board(self.app, session, show_opening=False)
        what = f"the vote of {quarter} reversed" if motion is not None else f"the start of {quarter}"
        switched = session.classroom.origin.get("toggles", [])
        if switched:
            what += " with " + "; ".join(self.world.toggles[k].title for k in switched)
        board.say(f"A new branch from {what}: saved as {session.autosave_path.name}.", 8)
        return board

    def go_back(self):
        return self.return_to(self.back)

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        if self.busy:
            return None
        k = ev.key
        if k == pygame.K_ESCAPE:
            return self.go_back()
        if k == pygame.K_TAB:
            ring = ("quarters", "switches", "votes")
            self.focus = ring[(ring.index(self.focus) + 1) % len(ring)]
            return None
        if self.focus == "switches":
            if k == pygame.K_SPACE:
                self.tick()
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.branch_quarter()
            else:
                self.switches.key(ev)
            return None
        if k == pygame.K_v:
            return self.branch_vote()
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.branch_quarter() if self.focus == "quarters" else self.branch_vote()
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN) and self.focus == "votes":
            self.plan_view.key(ev)
            return None
        lst = self.quarters if self.focus == "quarters" else self.votes
        if lst.key(ev) == "moved":
            if lst is self.votes:
                self.show_plan()
            else:
                self.fill_switches()
        self.error = ""
        return None

    def on_click(self, pos, button=1):
        i = self.switches.index_at(pos)
        if i is not None:
            self.focus = "switches"
            self.error = ""
            self.tick(i)
            return None
        for lst, focus in ((self.quarters, "quarters"), (self.votes, "votes")):
            i = lst.index_at(pos)
            if i is not None:
                self.focus = focus
                lst.selected = i
                if lst is self.votes:
                    self.show_plan()
                else:
                    self.fill_switches()
                self.error = ""
                return None
        return super().on_click(pos, button)

    def on_wheel(self, dy):
        if self.quarters.rect.collidepoint(self.mouse):
            self.quarters.wheel(dy)
        elif self.switches.rect.collidepoint(self.mouse):
            self.switches.wheel(dy)
        elif self.votes.rect.collidepoint(self.mouse):
            self.votes.wheel(dy)
        else:
            self.plan_view.scroll(-dy * self.theme.line_h("small") * 3)
        return None

    # ---- drawing -----------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        top = self.band.bottom + px(12)
        bh = self.play_btn.height(th)
        bottom = h - bh - px(24) - th.line_h("small") - px(6)
        lw = int(w * 0.32)
        left_h = bottom - top
        # the switches' panel fits its rows (at most six), the quarters take the rest
        rows = min(6, max(1, len(self.switches.rows)))
        sw_h = min(int(left_h * 0.45), self.switches.row_h * rows + th.line_h("condb") + px(30))
        self.r_q = pygame.Rect(px(12), top, lw, left_h - sw_h - px(10))
        self.r_s = pygame.Rect(px(12), self.r_q.bottom + px(10), lw, sw_h)
        right = pygame.Rect(self.r_q.right + px(12), top, w - self.r_q.right - px(24), left_h)
        self.r_v = pygame.Rect(right.x, right.y, right.width, int(right.height * 0.5))
        self.r_p = pygame.Rect(right.x, self.r_v.bottom + px(10), right.width, right.bottom - self.r_v.bottom - px(10))
        self.note_y = bottom + px(6)
        self.button_y = h - bh - px(12)
        self.plan_view._key = None

    def render(self, surf):
        w, _ = surf.get_size()
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        st = self.session.state
        header_band(surf, th, self.band, "Branch a saved game",
                    f"{self.world.title} · {self.label} · played to {st.quarter}")
        inner = panel(surf, th, self.r_q, "Start again from a quarter", self.focus == "quarters")
        self.quarters.rect = inner
        self.quarters.draw(surf, self.focus == "quarters", self.mouse, self.spots)
        ticked = sum(1 for r in self.switches.rows if r.mark)
        inner = panel(surf, th, self.r_s, "What-if switches from here", self.focus == "switches",
                      f"{ticked} on" if ticked else "Space: tick")
        self.switches.rect = inner
        self.switches.draw(surf, self.focus == "switches", self.mouse, self.spots)
        inner = panel(surf, th, self.r_v, "What if a vote had gone the other way?", self.focus == "votes",
                      "red: chance could turn it")
        self.votes.rect = inner
        self.votes.draw(surf, self.focus == "votes", self.mouse, self.spots)
        inner = panel(surf, th, self.r_p, "What it would take")
        self.plan_view.rect = inner
        self.plan_view.draw(surf, self.spots)
        note = ("A switch can be ticked only while its events lie ahead: those of the chosen quarter have "
                "happened when play resumes. Tab: quarters, switches, votes.")
        t.draw(surf, "small", note, INK_SOFT, (px(12), self.note_y), width=w - px(24))
        row = self.votes.current()
        self.flip_btn.enabled = row is not None and self.plans[row.data].possible and not self.busy
        self.play_btn.enabled = not self.busy
        buttons = [self.play_btn, self.flip_btn, self.back_btn]
        x = layout_row(buttons, th, px(12), self.button_y)
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        cy = self.play_btn.rect.centery
        if self.busy:
            pygame.draw.polygon(surf, RED, star_points(x + px(16), cy, px(10), rot=self.spin * 3))
            t.draw(surf, "bold", self.job_label, INK, (x + px(32), cy), "midleft", width=w - x - px(40))
        elif self.error:
            t.draw(surf, "bold", self.error, RED, (x + px(8), cy), "midleft", width=w - x - px(20))
