"""The list editor: draft the Politburo, its candidates, the Secretariat and (at a Congress) the new
CC men that the Central Committee is asked to elect, and see the rules' verdict before it goes in.

Opened from the board when the seat may draft a list (Session.slate_refusal). Every change asks
the Session again: the refusal is the rules' own (Session.check_act), the expected vote the CC's
own arithmetic as this seat can reckon it (Session.slate_forecast). Submitting plays the
DraftSlate through the board like any other move; the plenum's verdict comes with the session.
"""

from __future__ import annotations

import pygame

from ...rules.common import MAX_CANDIDATES, MAX_FULL
from ...rules.knowledge import view
from ...rules.slates import MIN_FULL
from ..app import Popup
from ..listdraft import CANDIDATE, FULL, GROUPS, ListDraft, Man, bloc_lines
from ..theme import GREY, INK, INK_SOFT, OCHRE, PAPER, PAPER_DEEP, RED
from ..widgets import Button, layout_row, marker, panel

# The columns of the roster after the name and tag: key, heading, tooltip.
CELLS = (
    (FULL, "FULL", f"Full members vote in the Politburo. The list needs {MIN_FULL} to {MAX_FULL}. Key F."),
    (CANDIDATE, "CAND.", f"Candidate members speak but do not vote; at most {MAX_CANDIDATES}. Key C."),
    ("sec", "SEC.", "The Secretariat runs the appointments: one to six secretaries. Key S."),
    ("cc", "NEW CC", "At a Congress: men outside the Central Committee named to it (at most eight). The delegates "
                     "vote on them before the new CC votes on the rest. Key N."),
)


class SlateEditor(Popup):
    veil = 190

    def __init__(self, app, board):
        super().__init__(app, board)
        self.board = board
        self.session = board.session
        self.me: str = board.viewer
        self.seen = view(self.session.state, self.me)  # what this seat knows (its pacts, not others' secrets)
        self.draft = ListDraft(self.seen, self.me)
        self.cells = [c for c in CELLS if c[0] != "cc" or self.draft.congress]
        self.rows: list[str | Man] = []  # group keys (headers) and men, in display order
        group = None
        for m in self.draft.men:
            if m.group != group:
                group = m.group
                self.rows.append(group)
            self.rows.append(m)
        self.sel = next(i for i, r in enumerate(self.rows) if isinstance(r, Man))
        self.top = 0
        self.flash = ""
        self.submit_btn = Button("Put to the CC", self.submit, "Enter")
        self.reset_btn = Button("Reset", self.reset, "R", kind="secondary", font="condb")
        self.cancel_btn = Button("Cancel", self.close, "Esc", kind="dark")
        self.recheck()

    # ---- the verdict ---------------------------------------------------------------------------
    def recheck(self) -> None:
        """Ask the rules about the list as it now stands: a refusal, or the CC's expected vote."""
        action = self.draft.action()
        self.refusal = self.session.check_act(action)
        self.forecast = self.session.slate_forecast(action, self.me) if self.refusal is None else None
        self.submit_btn.enabled = self.refusal is None
        self.app.dirty = True

    def edit(self, fn, *args) -> None:
        fn(*args)
        self.flash = ""
        self.recheck()

    def selected(self) -> Man | None:
        row = self.rows[self.sel] if 0 <= self.sel < len(self.rows) else None
        return row if isinstance(row, Man) else None

    # ---- actions -------------------------------------------------------------------------------
    def submit(self):
        if self.refusal is not None:
            self.flash = f"The rules refuse this list: {self.refusal}."
            return None
        if self.board.take(self.draft.action()):
            return self.close()
        self.flash = self.board.message  # the board says why (the others still moving, …)
        return None

    def reset(self):
        self.edit(self.draft.reset)
        return None

    def cell_click(self, lid: str, key: str):
        self.sel = next(i for i, r in enumerate(self.rows) if isinstance(r, Man) and r.lid == lid)
        if key in (FULL, CANDIDATE):
            self.edit(self.draft.toggle_place, lid, key)
        elif key == "sec":
            self.edit(self.draft.toggle_secretariat, lid)
        elif not self.draft.toggle_cc(lid):
            self.flash = f"{self.draft.by_id[lid].name} sits in the Central Committee already."
        else:
            self.recheck()
        return None

    def select(self, i: int):
        self.sel = i
        return None

    def move(self, d: int) -> None:
        men = [i for i, r in enumerate(self.rows) if isinstance(r, Man)]
        k = men.index(self.sel) if self.sel in men else 0
        self.sel = men[max(0, min(len(men) - 1, k + d))]
        self.ensure_visible()

    def ensure_visible(self) -> None:
        n = self.visible_rows()
        if self.sel < self.top:
            self.top = self.sel - 1 if self.sel > 0 and isinstance(self.rows[self.sel - 1], str) else self.sel
        elif self.sel >= self.top + n:
            self.top = self.sel - n + 1
        self.top = max(0, min(self.top, max(0, len(self.rows) - n)))

    # ---- input ---------------------------------------------------------------------------------
    def on_key(self, ev):
        k = ev.key
        m = self.selected()
        if k == pygame.K_ESCAPE:
            return self.close()
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.submit()
        if k == pygame.K_r:
            return self.reset()
        if k in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
            step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -self.visible_rows() + 1,
                    pygame.K_PAGEDOWN: self.visible_rows() - 1, pygame.K_HOME: -len(self.rows),
                    pygame.K_END: len(self.rows)}[k]
            self.move(step)
            return None
        if m is None:
            return None
        if k in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS):
            self.edit(self.draft.step, m.lid, 1)
        elif k in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.edit(self.draft.step, m.lid, -1)
        elif k == pygame.K_f:
            self.cell_click(m.lid, FULL)
        elif k == pygame.K_c:
            self.cell_click(m.lid, CANDIDATE)
        elif k in (pygame.K_o, pygame.K_DELETE, pygame.K_BACKSPACE):
            self.edit(self.draft.set_place, m.lid, None)
        elif k == pygame.K_s:
            self.cell_click(m.lid, "sec")
        elif k == pygame.K_n and self.draft.congress:
            self.cell_click(m.lid, "cc")
        elif k == pygame.K_d:
            return self.open_dossier(m.lid)
        return None

    def open_dossier(self, lid: str):
        """His dossier over the editor; Esc comes back here (a move made from it is re-checked)."""
        from .dossier import Dossier

        dossier = Dossier(self.app, self.board, lid)
        dossier.parent = self
        return dossier

    def on_wheel(self, dy):
        n = self.visible_rows()
        self.top = max(0, min(max(0, len(self.rows) - n), self.top - dy * 3))
        return None

    # ---- layout --------------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.card = pygame.Rect(px(20), px(16), w - px(40), h - px(32))
        c = self.card
        self.band_h = th.line_h("h3") + px(12)
        self.intro_h = 2 * (th.line_h("small") + 1)
        bh = th.line_h("h3") + px(14)
        self.button_y = c.bottom - bh - px(12)
        top = c.y + self.band_h + px(8) + self.intro_h + px(8)
        body_h = self.button_y - px(10) - top
        inner_w = c.width - px(48)
        lw = int(inner_w * 0.62)
        self.r_roster = pygame.Rect(c.x + px(16), top, lw, body_h)
        rx = self.r_roster.right + px(16)
        rw = c.right - px(16) - rx
        self.r_list = pygame.Rect(rx, top, rw, int(body_h * 0.36))
        self.r_verdict = pygame.Rect(rx, self.r_list.bottom + px(10), rw, top + body_h - self.r_list.bottom - px(10))
        self.row_h = th.line_h("cond") + px(7)
        self.head_h = th.line_h("tiny") + px(8)
        self.ensure_visible()

    def visible_rows(self) -> int:
        inner_h = self.r_roster.height - (self.theme.line_h("h3") + self.px(6)) - self.px(12) - self.head_h
        return max(1, inner_h // max(1, self.row_h))

    # ---- drawing -------------------------------------------------------------------------------
    def render(self, surf):
        self.backdrop(surf)
        th = self.theme
        t = self.t
        px = self.px
        c = self.card
        st = self.session.state
        pygame.draw.rect(surf, PAPER, c)
        pygame.draw.rect(surf, INK, c, px(3))
        band = pygame.Rect(c.x, c.y, c.width, self.band_h)
        pygame.draw.rect(surf, RED, band)
        tr = t.draw(surf, "h3", "A list for the Central Committee".upper(), PAPER, (band.x + px(16), band.centery),
                    "midleft", width=band.width - px(32))
        congress = st.flags.get("congress_due")
        when = (f"{st.quarter} · {congress['name']}" if isinstance(congress, dict) and congress.get("name")
                else f"{st.quarter} · CC plenum")
        t.draw(surf, "condb", when.upper(), PAPER, (band.right - px(16), band.centery), "midright",
               width=band.right - tr.right - px(48))
        intro = (("A Congress sits this quarter: any full member of the Politburo may put a list to it. The delegates "
                  "vote on its new CC men, then the new CC on the rest; the best-supported list with a majority is "
                  "elected.") if self.draft.congress else
                 ("Between Congresses the General Secretary may put a new Politburo list to the CC plenum. A list that "
                  "wins a majority is elected as drafted; one that loses changes nothing and costs you prestige."))
        intro += " Drafting costs an action point."
        t.draw_wrapped(surf, "small", intro, INK_SOFT, pygame.Rect(c.x + px(16), band.bottom + px(8), c.width - px(32),
                                                                  self.intro_h), gap=1)
        self.draw_roster(surf)
        self.draw_list(surf)
        self.draw_verdict(surf)
        buttons = [self.submit_btn, self.reset_btn, self.cancel_btn]
        layout_row(buttons, th, c.x + px(16), self.button_y, max_width=c.width - px(32))
        tips = ("Put this list to the Central Committee (Enter). Its verdict comes at this quarter's session.",
                "Start again from the Politburo and Secretariat as they are (R).",
                "Close the editor without drafting anything (Esc).")
        for b, tip in zip(buttons, tips, strict=True):
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, tip, b.action)
        # beside the buttons: why the list was refused, or else the keys
        x = self.cancel_btn.rect.right + px(16)
        font, colour, text = ("smallb", RED, self.flash) if self.flash else ("small", INK_SOFT, (
            "F full · C candidate · O off the Politburo · S Secretariat" + (" · N new CC" if self.draft.congress else "")
            + " · D his dossier · click a box to tick it"))
        lines = min(2, len(t.wrap(font, text, c.right - px(16) - x)))
        text_h = lines * (th.line_h(font) + 1)
        t.draw_wrapped(surf, font, text, colour, pygame.Rect(x, self.cancel_btn.rect.centery - text_h // 2,
                                                             c.right - px(16) - x, text_h), gap=1)

    def _columns(self, inner: pygame.Rect) -> tuple[int, int, int, int]:
        """x of the tag column, x and width of the first cell column, and x of the change column.
        The name, the cells and the change keep the room they need; the tag takes what is left."""
        t = self.t
        px = self.px
        cell_w = max(t.width("tiny", h) for _, h, _ in self.cells) + px(14)
        marker_w = self.row_h
        name_w = min(int(inner.width * 0.26), max(t.width("condb", m.name) for m in self.draft.men) + marker_w + px(8))
        change_w = max(t.width("smallb", "to candidate"), t.width("tiny", "CHANGE")) + px(14)
        tag_x = inner.x + name_w
        cells_x = inner.right - change_w - len(self.cells) * cell_w
        return tag_x, cells_x, cell_w, cells_x + len(self.cells) * cell_w + px(6)

    def draw_roster(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        inner = panel(surf, th, self.r_roster, "Who stands where", right="↑/↓ choose · ←/→ raise or lower")
        tag_x, cells_x, cell_w, change_x = self._columns(inner)
        # the column headings
        hy = inner.y + self.head_h // 2
        for x, label, tip in ((inner.x + px(4), "NAME", None), (tag_x, "TO YOU", "His relation to you: whose man he "
                              "is, and whether he is an ally or hostile by the tests the CC's blocs vote by."),
                              (change_x, "CHANGE", "What the list does to him.")):
            r = t.draw(surf, "tiny", label, INK_SOFT, (x, hy), "midleft")
            if tip:
                self.spots.add(r, tip)
        for i, (_, label, tip) in enumerate(self.cells):
            r = t.draw(surf, "tiny", label, INK_SOFT, (cells_x + i * cell_w + cell_w // 2, hy), "center")
            self.spots.add(r.inflate(px(8), px(4)), tip)
        pygame.draw.line(surf, INK, (inner.x, inner.y + self.head_h - 1), (inner.right, inner.y + self.head_h - 1), 1)
        area = pygame.Rect(inner.x, inner.y + self.head_h, inner.width, inner.height - self.head_h)
        n = self.visible_rows()
        clip = surf.get_clip()
        surf.set_clip(area)
        y = area.y
        for i in range(self.top, min(len(self.rows), self.top + n)):
            row = self.rows[i]
            rr = pygame.Rect(area.x, y, area.width - px(6), self.row_h)
            y += self.row_h
            if isinstance(row, str):
                t.draw(surf, "condb", GROUPS[row].upper(), RED, (rr.x + px(2), rr.bottom - px(3)), "bottomleft",
                       width=rr.width - px(4))
                pygame.draw.line(surf, RED, (rr.x, rr.bottom - 1), (rr.right, rr.bottom - 1), 1)
                continue
            self._man_row(surf, rr, i, row, tag_x, cells_x, cell_w, change_x)
        surf.set_clip(clip)
        if len(self.rows) > n:  # a scroll bar
            track = pygame.Rect(area.right - px(4), area.y, px(4), area.height)
            pygame.draw.rect(surf, PAPER_DEEP, track)
            bar_h = max(px(16), int(area.height * n / len(self.rows)))
            by = area.y + int((area.height - bar_h) * self.top / max(1, len(self.rows) - n))
            pygame.draw.rect(surf, RED, (track.x, by, track.width, bar_h))

    def _man_row(self, surf, rr, i, m: Man, tag_x, cells_x, cell_w, change_x) -> None:
        th = self.theme
        t = self.t
        px = self.px
        d = self.draft
        sel = i == self.sel
        if sel:
            pygame.draw.rect(surf, PAPER_DEEP, rr)
            pygame.draw.rect(surf, RED, (rr.x, rr.y, px(4), rr.height))
        elif rr.collidepoint(self.mouse):
            pygame.draw.rect(surf, PAPER, rr)
        rad = (self.row_h - px(8)) / 2.6
        marker(surf, th, m.faction, (rr.x + px(8) + rad, rr.centery), rad)
        nx = int(rr.x + px(12) + 2 * rad)
        t.draw(surf, "condb" if m.lid == self.me else "cond", m.name, INK, (nx, rr.centery), "midleft",
               width=tag_x - nx - px(4))
        room = cells_x - tag_x - px(6)
        words = m.tag if t.width("small", m.tag) <= room else m.short_tag  # the tooltip has it in full
        t.draw(surf, "small", words, RED if m.tag.endswith("hostile") else INK_SOFT, (tag_x, rr.centery), "midleft",
               width=room)
        self.spots.add(pygame.Rect(rr.x, rr.y, cells_x - rr.x, rr.height), lambda m=m: self._man_tip(m),
                       lambda i=i: self.select(i), key=("man", m.lid))
        states = {FULL: (d.place(m.lid) == FULL, m.was == FULL), CANDIDATE: (d.place(m.lid) == CANDIDATE, m.was == CANDIDATE),
                  "sec": (m.lid in d.secretariat, m.was_sec), "cc": (m.lid in d.new_cc, False)}
        for k, (key, label, _) in enumerate(self.cells):
            cx = cells_x + k * cell_w + cell_w // 2
            if key == "cc" and m.in_cc:  # a CC member needs no naming: a faint dash, not a box
                pygame.draw.line(surf, GREY, (cx - px(4), rr.centery), (cx + px(4), rr.centery), 1)
                continue
            on, was = states[key]
            box = pygame.Rect(0, 0, self.row_h - px(9), self.row_h - px(9))
            box.center = (cx, rr.centery)
            pygame.draw.rect(surf, RED if on else PAPER, box)
            pygame.draw.rect(surf, INK, box, max(1, px(2)))
            if on:
                pygame.draw.lines(surf, PAPER, False, [(box.x + box.w * 0.22, box.centery), (box.x + box.w * 0.43, box.bottom - box.h * 0.24),
                                                       (box.right - box.w * 0.18, box.y + box.h * 0.22)], max(2, px(2)))
            if was != on:  # where he stood before the list moved him
                pygame.draw.rect(surf, OCHRE, box.inflate(px(6), px(6)), max(2, px(2)))
            hit = pygame.Rect(cells_x + k * cell_w, rr.y, cell_w, rr.height)
            self.spots.add(hit, f"{label.title()}: {m.name} — click to {'take him off' if on else 'put him here'}.",
                           lambda lid=m.lid, key=key: self.cell_click(lid, key), key=("cell", m.lid, key))
        change = d.change(m.lid)
        if change:
            colour = RED if "dropped" in change or "demoted" in change or "off" in change else INK
            t.draw(surf, "smallb", change, colour, (change_x, rr.centery), "midleft", width=rr.right - change_x - px(4))

    def _man_tip(self, m: Man) -> str:
        st = self.seen
        w = st.world
        ld = st.leaders[m.lid]
        offices = ", ".join(w.office_name(o) for o in st.offices_of(m.lid)) or "no office"
        now = {FULL: "full member of the Politburo", CANDIDATE: "candidate member of the Politburo"}.get(m.was, "outside the Politburo")
        lines = [f"{w.leaders[m.lid].full_name} — {now}" + (", secretary of the CC" if m.was_sec else ""),
                 f"Offices: {offices}. Central Committee: {'member' if m.in_cc else 'not a member'}.",
                 f"To you: {m.tag}. Prestige {ld.prestige:.0f}."]
        seats = sum(1 for s in st.cc if s.patron == m.lid)
        if seats:
            lines.append(f"{seats} CC seat{'s' if seats != 1 else ''} follow his lead: drop him and they vote against the list.")
        if m.lid != self.me:
            lines.append(f"Trusts you {st.trust_of(m.lid, self.me):+.2f}; you trust him {st.trust_of(self.me, m.lid):+.2f}.")
        if self.draft.change(m.lid):
            lines.append(f"On this list: {self.draft.change(m.lid)}.")
        lines.append("F full · C candidate · O off the Politburo · S Secretariat" + (" · N new CC" if self.draft.congress else "")
                     + " · D his dossier")
        return "\n".join(lines)

    def draw_list(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        d = self.draft
        inner = panel(surf, th, self.r_list, "The list", right="unchanged" if not d.changed() else "")
        y = inner.y
        names = lambda ids: ", ".join(d.by_id[x].name for x in ids) or "none"  # noqa: E731
        rolls = [("Full members", d.full, f"{MIN_FULL}–{MAX_FULL}", MIN_FULL <= len(d.full) <= MAX_FULL),
                 ("Candidates", d.candidates, f"up to {MAX_CANDIDATES}", len(d.candidates) <= MAX_CANDIDATES),
                 ("Secretariat", d.secretariat, "1–6", 1 <= len(d.secretariat) <= 6)]
        if d.congress:
            rolls.append(("New CC men", d.new_cc, "up to 8", len(d.new_cc) <= 8))
        lh = th.line_h("small") + 1
        head_h = th.line_h("condb") + px(1)
        wrapped = [t.wrap("small", names(ids), inner.width) for _, ids, _, _ in rolls]
        roomy = sum(head_h + len(lines) * lh + px(3) for lines in wrapped) <= inner.height
        label_w = max(t.width("condb", f"{title.upper()} 00") for title, *_ in rolls) + px(8)
        for (title, ids, limit, ok), lines in zip(rolls, wrapped, strict=True):
            if y + (head_h if roomy else lh) > inner.bottom:
                break
            hr = t.draw(surf, "condb", f"{title.upper()} {len(ids)}", INK if ok else RED, (inner.x, y))
            self.spots.add(hr, f"{title}: {len(ids)} ({limit}).\n{names(ids)}")
            if roomy:  # the heading, its limit, and the names beneath
                t.draw(surf, "tiny", f"({limit})", INK_SOFT if ok else RED, (hr.right + px(6), hr.centery), "midleft")
                y += head_h
                for line in lines:
                    t.draw(surf, "small", line, INK, (inner.x, y))
                    y += lh
                y += px(3)
            else:  # short of room: one line a roll, the names cut (the tooltip has them all)
                t.draw(surf, "small", names(ids), INK, (inner.x + label_w, hr.centery), "midleft",
                       width=inner.width - label_w)
                y += head_h + px(2)

    def draw_verdict(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        inner = panel(surf, th, self.r_verdict, "The Central Committee's verdict")
        y = inner.y
        if self.refusal is not None:
            t.draw(surf, "condb", "THE RULES REFUSE THIS LIST", RED, (inner.x, y), width=inner.width)
            y += th.line_h("condb") + px(4)
            y = t.draw_wrapped(surf, "bold", self.refusal[0].upper() + self.refusal[1:] + ".", RED,
                               pygame.Rect(inner.x, y, inner.width, th.line_h("bold") * 3 + px(4)), gap=1)
            t.draw_wrapped(surf, "small", "Change the list to put it to the CC; the button stays grey until the rules "
                           "accept it.", INK_SOFT, pygame.Rect(inner.x, y + px(6), inner.width, inner.bottom - y - px(6)), gap=1)
            return
        f = self.forecast
        share = f.share
        verdict = "it would pass" if share > 0.5 else "it would fail"
        big = t.draw(surf, "h1", f"{share:.0%}", RED if share <= 0.5 else INK, (inner.x, y))
        t.draw_wrapped(surf, "small", f"About {share:.0%} of the CC would vote for this list — {verdict}.", INK,
                       pygame.Rect(big.right + px(10), y + px(2), inner.right - big.right - px(10), big.height), gap=1)
        y = big.bottom + px(4)
        bar = pygame.Rect(inner.x, y, inner.width, px(10))
        pygame.draw.rect(surf, PAPER, bar)
        pygame.draw.rect(surf, th.yes if share > 0.5 else th.no, (bar.x, bar.y, int(bar.width * share), bar.height))
        pygame.draw.rect(surf, INK, bar, 1)
        pygame.draw.line(surf, INK, (bar.centerx, bar.y - px(3)), (bar.centerx, bar.bottom + px(2)), max(1, px(2)))
        self.spots.add(bar.inflate(0, px(6)), "The share of the Central Committee expected to vote for the list, bloc by "
                       "bloc as the plenum will count it, as far as you know (pacts kept secret from you count for "
                       "nothing). The mark is the majority it needs.")
        y = bar.bottom + px(8)
        note = ("As you reckon it now: the Congress elects a new CC first." if self.draft.congress
                else "As you reckon it now; the plenum votes at this quarter's session.")
        note_y = inner.bottom - th.line_h("tiny")
        for against in (True, False):
            lines = bloc_lines(self.seen, f.blocs, self.me, f.dropped, against)
            if not lines or y + th.line_h("condb") + th.line_h("small") > note_y:
                continue
            t.draw(surf, "condb", "AGAINST IT" if against else "FOR IT", RED if against else INK, (inner.x, y),
                   width=inner.width)
            y += th.line_h("condb") + px(2)
            for line in lines:
                if y + th.line_h("small") > note_y:
                    break
                y = t.draw_wrapped(surf, "small", "· " + line, INK, pygame.Rect(inner.x, y, inner.width, note_y - y), gap=1)
            y += px(6)
        t.draw(surf, "tiny", note, INK_SOFT, (inner.x, note_y), width=inner.width)

    def on_enter(self):
        self.relayout()
        self.refresh_backdrop()
        self.recheck()  # back from a dossier, where a move may have changed what the rules allow
