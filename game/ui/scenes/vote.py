"""A vote: the whip count before it (and your ballot, when you sit in the Politburo), then each
vote revealed one by one with its reasons, the result and its consequences. A CC plenum shows
its blocs the same way."""

from __future__ import annotations

import pygame

from ... import actions as A
from ...calendar import long_date
from ..app import Popup
from ..theme import (
    GREY,
    INK,
    INK_SOFT,
    PAPER,
    PAPER_DARK,
    PAPER_DEEP,
    RED,
    REVEAL_SPEEDS,
    WHITE,
    initials,
)
from ..view import faction_of
from ..widgets import Button, layout_row, marker, panel


class VoteScreen(Popup):
    veil = 190

    def __init__(self, app, board, decision=None, event=None, instant: bool = False):
        super().__init__(app, board)
        self.board = board
        self.session = board.session
        self.decision = decision
        self.event = event
        self.from_queue = event is not None and not instant
        self.selected = 0
        self.revealed = 0
        self.clock = 0.0
        self.message = ""
        self.consequences: list[str] = []
        self.plenum_after = None
        self.auto_close: float | None = None  # a demonstration moves on by itself after the reveal
        self.shown_for = 0.0
        st = self.session.state
        w = st.world
        if decision is not None:
            self.phase = "whip"
            self.motion = next((m for m in st.motions if m.id == decision.ref), None)
            self.title = decision.prompt
            leans = self.session.whip_count(self.motion, board.viewer) if self.motion else []
            self.rows = [self._row_from_lean(x) for x in leans]
            sponsor = w.name(self.motion.sponsor) if self.motion else "?"
            self.subtitle = f"Tabled by {sponsor}." + (f" {self.motion.note}." if self.motion and self.motion.note else "")
            self.kind = "vote"
        else:
            self._load_event(event)
            self.phase = "reveal"
            if instant:
                self.revealed = len(self.rows)
        self.yes_btn = Button("Vote yes", lambda: self.cast("yes"), "Y")
        self.no_btn = Button("Vote no", lambda: self.cast("no"), "N", kind="dark")
        self.back_btn = Button("Back to the board", self.close, "Esc", kind="secondary")
        self.cont_btn = Button("Continue", self.next, "Enter")
        self.skip_btn = Button("Skip the news", self.skip, "Esc", kind="secondary",
                               tip="Close this vote and every other waiting card and vote.")

    # ---- data --------------------------------------------------------------------------------
    def _row_from_lean(self, x) -> dict:
        st = self.session.state
        return {"lid": x.voter, "name": st.world.name(x.voter), "vote": x.vote, "lean": x.total, "waver": None,
                "reasons": list(x.reasons), "human": self.session.is_human(x.voter)}

    def _load_event(self, e) -> None:
        st = self.session.state
        w = st.world
        d = e.detail
        self.kind = e.kind
        self.title = d.get("title") or e.text
        self.motion = None
        self.subtitle = f"Tabled by {w.name(e.leader)}." if e.leader else ""
        if d.get("note"):
            self.subtitle += f" {d['note']}."
        self.rows = []
        if e.kind == "vote":
            for voter, info in d.get("votes", {}).items():
                self.rows.append({"lid": voter, "name": w.name(voter), "vote": info["vote"], "lean": info["lean"],
                                  "waver": info.get("waver"), "reasons": [tuple(r) for r in info.get("reasons", [])],
                                  "human": info.get("human", False)})
        else:
            for patron, yes, no in d.get("blocs", []):
                label = (w.name(patron) + "'s bloc") if patron and patron in st.leaders else (
                    "Named members" if patron == "named members" else "Unattached members")
                self.rows.append({"lid": patron if patron in st.leaders else None, "name": label, "yes": yes, "no": no,
                                  "vote": "yes" if yes > no else "no"})
        self.result = (d.get("passed"), d.get("yes"), d.get("no"))
        self.threshold = d.get("threshold")
        # what followed: the ratifying plenum and the consequences
        chron = self.session.chronicle
        try:
            i = next(k for k, x in enumerate(chron) if x is e)
        except StopIteration:
            i = len(chron)
        mid = d.get("motion")
        for x in chron[i + 1:i + 14]:
            if x.kind == "plenum" and x.detail.get("motion") == mid and e.kind == "vote":
                self.plenum_after = x
                continue
            if x.kind in ("vote", "plenum", "quarter", "quarter_end", "congress", "event", "motion_dropped"):
                break
            if x.text and x.visible_to(self.board.viewer):
                self.consequences.append(x.text)

    # ---- acting ------------------------------------------------------------------------------
    def cast(self, choice: str):
        if self.phase != "whip" or self.decision is None:
            return None
        d = self.decision
        board = self.board
        reason = self.session.check(A.Decide(d.leader, d.id, choice))
        if reason is not None:
            self.message = f"Refused: {reason}"
            return None
        if self.motion is not None:
            board.shown_votes.add(self.motion.id)
        self.session.submit(A.Decide(d.leader, d.id, choice))
        ev = self.session.find_vote(self.motion.id) if self.motion else None
        board.after_change()
        self.refresh_backdrop()
        if ev is None or ev.detail.get("motion") != (self.motion.id if self.motion else None):
            self.phase = "cast"
            self.message = (f"Your ballot ({choice.upper()}) is cast. The vote is counted when every member has voted.")
            return None
        self._load_event(ev)
        self.phase = "reveal"
        self.revealed = 0
        self.clock = 0.0
        self.my_choice = choice
        return None

    def next(self):
        if self.phase == "reveal" and self.revealed < len(self.rows):
            self.revealed = len(self.rows)
            return None
        return self.close()

    def skip(self):
        if self.from_queue:
            self.board.skip_news()
        return self.close()

    @property
    def animating(self) -> bool:
        return self.phase == "reveal" and self.revealed < len(self.rows)

    def update(self, dt):
        if self.animating:
            step = REVEAL_SPEEDS.get(self.app.settings.reveal, 0.4)
            if step <= 0:
                self.revealed = len(self.rows)
            else:
                self.clock += dt
                while self.clock >= step and self.revealed < len(self.rows):
                    self.clock -= step
                    self.revealed += 1
                    self.selected = self.revealed - 1
            self.app.dirty = True
        elif self.auto_close is not None and self.phase == "reveal":
            self.shown_for += dt
            if self.shown_for >= self.auto_close:
                return self.close()
        return None

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        k = ev.key
        if self.auto_close is not None and k == pygame.K_SPACE:
            self.auto_close = None  # a demonstration: hold this vote up and pause the quarters
            self.board.autoplay = False
            self.board.say("Demonstration paused: Space on the board resumes it.", 6)
            return None
        if k in (pygame.K_UP, pygame.K_DOWN) and self.rows:
            self.selected = (self.selected + (1 if k == pygame.K_DOWN else -1)) % len(self.rows)
            return None
        if self.phase == "whip":
            if k == pygame.K_y:
                return self.cast("yes")
            if k == pygame.K_n:
                return self.cast("no")
            if k == pygame.K_ESCAPE:
                return self.close()
            return None
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.next()
        if k == pygame.K_ESCAPE:
            return self.skip() if self.phase == "reveal" else self.close()
        return None

    # ---- layout and drawing ------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        self.card = pygame.Rect(px(20), px(16), w - px(40), h - px(32))

    def render(self, surf):
        self.backdrop(surf)
        th = self.theme
        t = self.t
        px = self.px
        c = self.card
        pygame.draw.rect(surf, PAPER, c)
        pygame.draw.rect(surf, INK, c, px(3))
        band_h = th.line_h("h3") + px(12)
        band = pygame.Rect(c.x, c.y, c.width, band_h)
        pygame.draw.rect(surf, RED, band)
        body = "Central Committee plenum" if self.kind == "plenum" else "Politburo vote"
        quarter = self.event.turn if self.event is not None else self.session.state.quarter
        label = {"whip": "the whip count before the vote", "reveal": "the votes", "cast": "ballot cast"}[self.phase]
        t.draw(surf, "h3", f"{body} · {long_date(quarter)} · {label}".upper(), PAPER, (band.x + px(16), band.centery),
               "midleft", width=band.width - px(32))
        y = band.bottom + px(10)
        y = t.draw_wrapped(surf, "h1", self.title, INK, pygame.Rect(c.x + px(20), y, c.width - px(40), th.line_h("h1") * 2 + px(4)))
        if self.subtitle.strip():
            y = t.draw_wrapped(surf, "small", self.subtitle.strip(), INK_SOFT,
                               pygame.Rect(c.x + px(20), y, c.width - px(40), th.line_h("small") * 2 + px(2)))
        y += px(6)
        bh = th.line_h("h3") + px(14)
        bottom_h = bh + px(16) + th.line_h("h2") + px(14) + (th.line_h("small") + px(2)) * 3
        area = pygame.Rect(c.x + px(16), y, c.width - px(32), c.bottom - y - bottom_h)
        lw = int(area.width * 0.56)
        self.r_list = pygame.Rect(area.x, area.y, lw, area.height)
        self.r_detail = pygame.Rect(area.x + lw + px(12), area.y, area.width - lw - px(12), area.height)
        self.draw_rows(surf)
        self.draw_detail(surf)
        self.draw_bottom(surf, pygame.Rect(c.x + px(16), area.bottom + px(8), c.width - px(32), c.bottom - area.bottom - px(16)))

    def _shown(self, i: int) -> bool:
        return self.phase == "whip" or i < self.revealed

    def draw_rows(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        r = self.r_list
        inner = panel(surf, th, r, "Bloc by bloc" if self.kind == "plenum" else
                      ("Expected votes (your view)" if self.phase == "whip" else "How each member voted"),
                      right="↑/↓: reasons")
        n = max(1, len(self.rows))
        rh = min(th.line_h("h3") + px(16), inner.height // n)
        st = self.session.state
        for i, row in enumerate(self.rows):
            rr = pygame.Rect(inner.x, inner.y + i * rh, inner.width, rh - px(2))
            if rr.bottom > inner.bottom + 2:
                break
            sel = i == self.selected
            pygame.draw.rect(surf, PAPER_DEEP if sel else PAPER, rr)
            if sel:
                pygame.draw.rect(surf, RED, rr, max(1, px(2)))
            fac = faction_of(st, row.get("lid")) if row.get("lid") else None
            rad = max(px(6), rh // 2 - px(5))
            cx = rr.x + px(6) + rad
            marker(surf, th, fac, (cx, rr.centery), rad)
            if row.get("lid") and self.kind == "vote":
                info = st.world.leaders[row["lid"]]
                t.draw(surf, "tiny", initials(info.full_name, info.name), th.ink_on(th.faction_colour(fac)), (cx, rr.centery), "center")
            x = cx + rad + px(8)
            name = row["name"] + ("  (you)" if row.get("lid") == self.board.viewer and self.kind == "vote" else "")
            vote_w = t.width("h3", " NO ") + px(18)
            bar_w = int(rr.width * 0.26)
            t.draw(surf, "body", name, INK, (x, rr.centery), "midleft",
                   width=rr.right - x - vote_w - bar_w - px(24) - t.width("tiny", "+100"))
            vx = rr.right - vote_w - px(4)
            chip = pygame.Rect(vx, rr.y + px(3), vote_w, rr.height - px(6))
            if self._shown(i):
                if self.kind == "plenum":
                    text = f"{row['yes']}–{row['no']}"
                    col = th.yes if row["yes"] > row["no"] else th.no
                    pygame.draw.rect(surf, col, chip)
                    t.draw(surf, "condb", text, WHITE, chip.center, "center")
                else:
                    yes = row["vote"] == "yes"
                    col = th.yes if yes else th.no
                    if self.phase == "whip":
                        pygame.draw.rect(surf, PAPER, chip)
                        pygame.draw.rect(surf, col, chip, max(2, px(2)))
                        t.draw(surf, "condb", ("yes?" if yes else "no?").upper(), col, chip.center, "center")
                    else:
                        pygame.draw.rect(surf, col, chip)
                        t.draw(surf, "h3", "YES" if yes else "NO", WHITE, chip.center, "center")
                    # the lean as a bar from the centre
                    bar = pygame.Rect(vx - bar_w - px(8), rr.centery - px(4), bar_w, px(8))
                    pygame.draw.rect(surf, PAPER_DARK, bar)
                    mid = bar.centerx
                    v = max(-100.0, min(100.0, row["lean"]))
                    wv = int(abs(v) / 100 * bar.width / 2)
                    seg = pygame.Rect(mid if v > 0 else mid - wv, bar.y, wv, bar.height)
                    pygame.draw.rect(surf, col, seg)
                    pygame.draw.line(surf, INK, (mid, bar.y - px(3)), (mid, bar.bottom + px(2)), 1)
                    t.draw(surf, "tiny", f"{row['lean']:+.0f}", INK_SOFT, (bar.x - px(4), rr.centery), "midright")
            else:
                pygame.draw.rect(surf, PAPER_DARK, chip)
                t.draw(surf, "h3", "…", GREY, chip.center, "center")
            tip = self._tip(row) if self._shown(i) else "Not yet revealed."
            idx = i
            self.spots.add(rr, tip, lambda idx=idx: self._select(idx))

    def _select(self, i):
        self.selected = i
        return None

    def _tip(self, row) -> str:
        if self.kind == "plenum":
            return f"{row['name']}: {row['yes']} yes, {row['no']} no"
        reasons = "\n".join(f"{label} {value:+.1f}" for label, value in row["reasons"][:6]) or "no strong reasons"
        how = "his own choice" if row.get("human") else f"lean {row['lean']:+.1f}" + (
            f", wavering {row['waver']:+.1f}" if row.get("waver") is not None else "")
        return f"{row['name']} — {row['vote'].upper()} ({how})\n{reasons}"

    def draw_detail(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        inner = panel(surf, th, self.r_detail, "Why")
        if not self.rows:
            t.draw_wrapped(surf, "body", "No member may vote on this.", INK_SOFT, inner)
            return
        row = self.rows[self.selected % len(self.rows)]
        if not self._shown(self.selected % len(self.rows)):
            t.draw_wrapped(surf, "body", "Wait for this vote to be revealed (Enter reveals them all).", INK_SOFT, inner)
            return
        y = inner.y
        if self.kind == "plenum":
            text = (f"{row['name']}: {row['yes']} for, {row['no']} against.\n\nAt a plenum most of a bloc follows its "
                    "patron's own lean on the question; members bound to nobody weigh the target's line and prestige "
                    "and the evidence of the case.")
            t.draw_wrapped(surf, "body", text, INK, inner)
            return
        yes = row["vote"] == "yes"
        head = f"{row['name']} {'would vote' if self.phase == 'whip' else 'votes'} {'YES' if yes else 'NO'}"
        t.draw(surf, "h2", head, th.yes if yes else th.no, (inner.x, y), width=inner.width)
        y += th.line_h("h2") + px(2)
        if row.get("human") and self.phase == "whip":
            sub = "Your vote is yours to cast. These are the reasons the model sees for you:"
        elif row.get("human"):
            sub = "by his own choice (a human seat); his reasons, as the model weighs them:"
        else:
            sub = f"the sum of his reasons is {row['lean']:+.1f}"
            if row.get("waver") is not None:
                sub += f", and he wavered {row['waver']:+.1f}"
            sub += " (YES above zero)."
        y = t.draw_wrapped(surf, "small", sub, INK_SOFT, pygame.Rect(inner.x, y, inner.width, th.line_h("small") * 2 + px(2)))
        y += px(6)
        reasons = row["reasons"]
        if not reasons:
            t.draw(surf, "small", "No strong reasons either way.", INK_SOFT, (inner.x, y))
            return
        top = max(abs(v) for _, v in reasons) or 1
        rh = th.line_h("small") * 2 + px(8)
        for label, value in reasons:
            if y + rh > inner.bottom:
                break
            t.draw(surf, "small", label, INK, (inner.x, y), width=inner.width - px(60))
            t.draw(surf, "smallb", f"{value:+.0f}", th.yes if value > 0 else th.no, (inner.right, y), "topright")
            by = y + th.line_h("small") + px(2)
            mid = inner.x + inner.width // 2
            wv = int(abs(value) / top * (inner.width // 2 - px(4)))
            seg = pygame.Rect(mid if value > 0 else mid - wv, by, wv, px(6))
            pygame.draw.rect(surf, PAPER_DARK, (inner.x, by, inner.width, px(6)))
            pygame.draw.rect(surf, th.yes if value > 0 else th.no, seg)
            pygame.draw.line(surf, INK, (mid, by - px(2)), (mid, by + px(8)), 1)
            y += rh

    def draw_bottom(self, surf, r):
        th = self.theme
        t = self.t
        px = self.px
        bh = th.line_h("h3") + px(14)
        y = r.y
        if self.phase == "whip":
            yes = sum(1 for row in self.rows if row["vote"] == "yes")
            no = len(self.rows) - yes
            verdict = "would carry" if yes > no else "would fail"
            t.draw(surf, "h2", f"WHIP COUNT: {yes} FOR, {no} AGAINST — IT {verdict.upper()}", INK, (r.x, y), width=r.width)
            y += th.line_h("h2") + px(4)
            d = self.decision
            advice = "; ".join(f"{k} {v}" for k, v in d.context[:4]) if d.context else ""
            line = f"Your counsellors advise {d.default.upper()}" + (f": {advice}" if advice else ".")
            y = t.draw_wrapped(surf, "small", line, INK_SOFT, pygame.Rect(r.x, y, r.width, th.line_h("small") * 2 + px(2)))
            if self.message:
                t.draw(surf, "smallb", self.message, RED, (r.x, y), width=r.width)
            buttons = [self.yes_btn, self.no_btn, self.back_btn]
        elif self.phase == "cast":
            t.draw_wrapped(surf, "body", self.message, INK, pygame.Rect(r.x, y, r.width, th.line_h("body") * 2 + px(4)))
            buttons = [self.cont_btn]
        else:
            done = self.revealed >= len(self.rows)
            yes = sum(1 for i, row in enumerate(self.rows) if i < self.revealed and row["vote"] == "yes") if self.kind == "vote" else None
            passed, ty, tn = self.result
            if done:
                word = ("CARRIED" if passed else "DEFEATED") if self.kind == "vote" else ("RATIFIED" if passed else "REJECTED")
                if self.kind == "plenum" and self.threshold is None:
                    word = "CARRIED" if passed else "DEFEATED"
                banner = f"{word}, {ty} TO {tn}"
                if self.threshold:
                    banner += f" (NEEDS {self.threshold:.0%})"
                col = th.yes if passed else th.no
                br = t.draw(surf, "h2", banner, WHITE, (r.x + px(10), y + px(4)))
                box = br.inflate(px(20), px(8))
                pygame.draw.rect(surf, col, box)
                t.draw(surf, "h2", banner, WHITE, br.topleft)
                y = box.bottom + px(6)
                lines = []
                if self.plenum_after is not None:
                    lines.append(self.plenum_after.text)
                lines += self.consequences
                for line in lines[:3]:
                    t.draw(surf, "small", "→ " + line, INK, (r.x, y), width=r.width)
                    y += th.line_h("small") + px(2)
            else:
                no = self.revealed - (yes or 0)
                t.draw(surf, "h2", f"COUNTING… {yes or 0} FOR, {no} AGAINST" if self.kind == "vote" else "COUNTING…",
                       INK, (r.x, y), width=r.width)
                t.draw(surf, "small", "Enter reveals the rest.", INK_SOFT, (r.x, y + th.line_h("h2") + px(4)))
            buttons = [self.cont_btn] + ([self.skip_btn] if self.from_queue else [])
            self.cont_btn.label = "Continue" if done else "Reveal all"
        layout_row(buttons, th, r.x, r.bottom - bh, max_width=r.width)
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
