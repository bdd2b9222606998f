"""A leader's dossier: offices, base, line on the three axes, traits, trust toward you, his fate
so far — and what you can do about him."""

from __future__ import annotations

import pygame

from ...calendar import long_date, quarter_name
from ...model import AXES, AXIS_LABELS, LADDER, LADDER_LABELS
from ...rules import victory
from ...rules.common import distance_to_line
from ...rules.congress import support
from ..app import Popup
from ..theme import INK, INK_SOFT, PAPER, PAPER_DEEP, RED
from ..view import AXIS_SHORT, AXIS_TITLES, STATUS_WORDS, action_detail, describe_action, faction_of
from ..widgets import (
    Button,
    ListView,
    Para,
    Row,
    ScrollView,
    chip,
    layout_row,
    panel,
    portrait_card,
)

ACTION_KINDS_ON = ("canvass", "propose_pact", "investigate", "accuse", "table_motion")


class Dossier(Popup):
    veil = 190

    def __init__(self, app, board, lid: str):
        super().__init__(app, board)
        self.board = board
        self.session = board.session
        st = self.session.state
        self.order = [x for x in st.world.playable if x in st.leaders]
        self.order += [x for x in st.politburo_full + st.politburo_candidates if x not in self.order]
        self.order += sorted((x for x in st.leaders if x not in self.order and x != "lenin"), key=st.world.name)
        self.lid = lid if lid in st.leaders else self.order[0]
        self.text = ScrollView(app.theme)
        self.actions = ListView(app.theme, font="cond", pad=6)
        self.focus = "actions"
        self.prev_btn = Button("◀ Previous", lambda: self.cycle(-1), "←", kind="secondary", font="condb")
        self.next_btn = Button("Next ▶", lambda: self.cycle(1), "→", kind="secondary", font="condb")
        self.take_btn = Button("Take", self.take, "Enter")
        self.back_btn = Button("Back", self.close, "Esc", kind="dark")
        self.load()

    def cycle(self, d: int):
        i = self.order.index(self.lid) if self.lid in self.order else 0
        self.lid = self.order[(i + d) % len(self.order)]
        self.load()
        return None

    def load(self) -> None:
        s = self.session
        st = s.state
        w = st.world
        lid = self.lid
        ld = st.leaders[lid]
        info = w.leaders[lid]
        viewer = self.board.viewer
        paras: list[Para] = []
        h = lambda x: Para(x.upper(), "condb", RED, space=2)  # noqa: E731
        offices = ", ".join(w.office_name(o) for o in st.offices_of(lid)) or "none"
        seat = ("full member (votes)" if lid in st.politburo_full else
                "candidate member (speaks)" if lid in st.politburo_candidates else "not a member")
        paras.append(h("Standing"))
        paras.append(Para(f"Offices: {offices}.", "body", INK, space=2))
        paras.append(Para(f"Politburo: {seat}. Central Committee: {'member' if ld.in_cc else 'not a member'}.",
                          "body", INK, space=2))
        clients = [w.name(x) for x, other in st.leaders.items() if other.patron == lid and other.active]
        rel = f"Client of {w.name(ld.patron)}." if ld.patron else "Nobody's client."
        if clients:
            rel += " His clients: " + ", ".join(clients) + "."
        paras.append(Para(rel, "body", INK, space=8))
        # The scenario's words for his base as the game began: once offices change hands they may
        # no longer hold, so they are dated.
        paras.append(h(f"Base of power, {long_date(quarter_name(st.start))}"))
        paras.append(Para(info.base or "—", "body", INK, space=8))
        paras.append(h("Fate so far"))
        fate = victory.fate(st, lid)
        extra = f" Sanction reached: {LADDER_LABELS[LADDER[ld.sanction]]}." if ld.sanction else ""
        paras.append(Para(fate[0].upper() + fate[1:] + "." + extra, "bold", RED if not ld.active else INK, space=4))
        mine = [e for e in s.events_for(viewer) if (e.leader == lid or e.target == lid)
                and e.kind not in ("quarter", "quarter_end", "canvass", "campaign", "publication")]
        for e in mine[-8:]:
            paras.append(Para(f"{e.turn}  {e.text}", "small", INK_SOFT, indent=6, space=1))
        if not mine:
            paras.append(Para("Nothing of note yet in this game.", "small", INK_SOFT, indent=6))
        paras.append(Para("", "tiny", space=6))
        if ld.active and ld.in_cc:
            paras.append(Para(f"In a Politburo election now he would get {support(st, lid):.0%} of the Central Committee.",
                              "small", INK, space=8))
        pacts = [p for p in st.pacts_of(lid) if not p.secret or p.discovered or viewer in p.members or viewer is None]
        if pacts:
            paras.append(h("Pacts you know of"))
            for p in pacts:
                members = ", ".join(w.name(m) for m in p.members)
                paras.append(Para(f"{p.name or 'A pact'}: {members} — strength {p.strength:.2f}"
                                  f"{' (secret)' if p.secret else ''}{' — discovered' if p.discovered else ''}",
                                  "small", INK, indent=6, space=2))
        if info.bio:
            paras.append(h("Biography"))
            paras.append(Para(info.bio, "small", INK, space=4))
            if info.source:
                paras.append(Para(f"Sources: {info.source}", "tiny", INK_SOFT))
        self.text.set(paras)
        # actions on him
        rows: list[Row] = []
        snap = self.board.snap
        if snap.my_move and snap.pending is None and lid != viewer:
            acts = [a for a in snap.legal if a.kind in ACTION_KINDS_ON
                    and (getattr(a, "target", None) == lid or getattr(a, "partner", None) == lid)]
            from ...rules import accusations

            accuse = sorted((a for a in acts if a.kind == "accuse"),
                            key=lambda a: -accusations.evidence(st, a.target, a.charge)[0])[:2]
            others = [a for a in acts if a.kind != "accuse"]
            for a in others[:8] + accuse:
                rows.append(Row(describe_action(st, a), data=a, tip=lambda a=a: action_detail(s, a, viewer)))
        self.actions.set_rows(rows, keep=False)
        self.take_btn.enabled = bool(rows)
        self.relayout()
        self.app.dirty = True

    def take(self):
        row = self.actions.current()
        if row is None:
            return None
        ok = self.board.take(row.data)
        if ok:
            return self.close()
        return None

    # ---- layout and drawing ------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.card = pygame.Rect(px(20), px(16), w - px(40), h - px(32))
        c = self.card
        self.band_h = th.line_h("h3") + px(12)
        bh = th.line_h("h3") + px(14)
        lw = int(c.width * 0.34)
        self.r_left = pygame.Rect(c.x + px(16), c.y + self.band_h + px(12), lw, c.height - self.band_h - bh - px(40))
        rx = self.r_left.right + px(16)
        right = pygame.Rect(rx, self.r_left.y, c.right - rx - px(16), self.r_left.height)
        n = min(5, len(self.actions.rows))
        ah = (self.actions.row_h * n + th.line_h("h3") + px(24)) if n else 0
        self.r_text = pygame.Rect(right.x, right.y, right.width, right.height - ah - (px(8) if n else 0))
        self.r_actions = pygame.Rect(right.x, self.r_text.bottom + px(8), right.width, ah)
        self.text.rect = self.r_text.inflate(-px(4), -px(4))
        self.button_y = c.bottom - bh - px(12)

    def render(self, surf):
        self.backdrop(surf)
        s = self.session
        st = s.state
        w = st.world
        th = self.theme
        t = self.t
        px = self.px
        c = self.card
        lid = self.lid
        ld = st.leaders[lid]
        info = w.leaders[lid]
        pygame.draw.rect(surf, PAPER, c)
        pygame.draw.rect(surf, INK, c, px(3))
        band = pygame.Rect(c.x, c.y, c.width, self.band_h)
        pygame.draw.rect(surf, RED, band)
        t.draw(surf, "h3", f"Dossier · {info.full_name}".upper(), PAPER, (band.x + px(16), band.centery), "midleft",
               width=band.width - px(32))
        # left: the card, the figures, the line, the trust
        L = self.r_left
        card_h = min(int(L.height * 0.42), int(L.width * 0.75))
        card = pygame.Rect(L.x, L.y, int(card_h * 0.78), card_h)
        fac = faction_of(st, lid)
        portrait_card(surf, th, card, info.name, info.full_name, fac,
                      "contender" if lid in w.playable else (f"client of {w.name(ld.patron)}" if ld.patron else ""))
        x = card.right + px(12)
        y = card.y
        status = STATUS_WORDS.get(ld.status, ld.status)
        r = chip(surf, th, (x, y), status.upper(), RED if not ld.active else INK, PAPER, "condb")
        y = r.bottom + px(8)
        for label, value, tip in (("Prestige", f"{ld.prestige:.0f}", "Standing in the party; weighs in every vote about him."),
                                  ("Patronage", f"{ld.patronage:.0f}", "Favours he can hand out."),
                                  ("Lenin's mantle", f"{ld.mantle:.0f}", "How far the party sees him as Lenin's heir."),
                                  ("Power", f"{s.power().get(lid, 0):.0f}" if lid in w.playable else "—",
                                   "The power score of a contender (offices, votes, CC, machines, prestige).")):
            if y + th.line_h("h2") > card.bottom:
                break
            t.draw(surf, "tiny", label.upper(), INK_SOFT, (x, y), width=L.right - x)
            vr = t.draw(surf, "h2", value, INK, (x, y + th.line_h("tiny") - px(2)))
            self.spots.add(pygame.Rect(x, y, L.right - x, vr.bottom - y), tip)
            y = vr.bottom + px(4)
        traits = sorted(info.traits)
        ty = card.bottom + px(8)
        tx = L.x
        for tr in traits:
            label = tr.replace("_", " ")
            cw = t.width("condb", label) + px(12)
            if tx + cw > L.right:
                tx = L.x
                ty += th.line_h("condb") + px(8)
            rr = chip(surf, th, (tx, ty), label, PAPER_DEEP, INK, "condb")
            self.spots.add(rr, TRAIT_HELP.get(tr, label))
            tx = rr.right + px(6)
        ty += th.line_h("condb") + px(12)
        # his line against the party's line and yours
        viewer = self.board.viewer
        t.draw(surf, "condb", "LINE: ● HIM · ○ YOU · RED: PARTY", RED, (L.x, ty), width=L.width)
        self.spots.add(pygame.Rect(L.x, ty, L.width, th.line_h("condb")),
                       "Each axis runs from -1 to +1. The filled disc is his position, the ring yours, the red bar "
                       "the line the party has adopted.")
        ty += th.line_h("condb") + px(4)
        row_h = th.line_h("tiny") * 2 + px(22)
        for ax in AXES:
            if ty + row_h > L.bottom - th.line_h("small") * 2:
                break
            self._axis(surf, pygame.Rect(L.x, ty, L.width, row_h), ax, getattr(ld, ax), st.line[ax],
                       getattr(st.leaders[viewer], ax) if viewer and viewer != lid else None, fac)
            ty += row_h
        dist = distance_to_line(st, lid)
        t.draw(surf, "tiny", f"Distance from the adopted line: {dist:.2f} (0 = on the line, 1 = opposite)", INK_SOFT,
               (L.x, ty), width=L.width)
        ty += th.line_h("tiny") + px(8)
        if viewer and viewer != lid and ty + th.line_h("small") * 2 <= L.bottom + px(8):
            a, b = st.trust_of(lid, viewer), st.trust_of(viewer, lid)
            t.draw(surf, "smallb", f"He trusts you {a:+.2f}", th.yes if a > 0 else th.no, (L.x, ty), width=L.width // 2)
            t.draw(surf, "small", f"you trust him {b:+.2f}", INK_SOFT, (L.x + L.width // 2, ty), width=L.width // 2)
            self.spots.add(pygame.Rect(L.x, ty, L.width, th.line_h("small")),
                           "Trust runs from -1 to +1. It weighs in every vote: a member who trusts you votes with you; "
                           "canvassing and pacts raise it, betrayals and accusations sink it.")
        # right: the text and the actions
        pygame.draw.rect(surf, PAPER, self.r_text)
        self.text.draw(surf, self.spots)
        if self.actions.rows:
            inner = panel(surf, th, self.r_actions, f"What you can do about {info.name}", self.focus == "actions")
            self.actions.rect = inner
            self.actions.draw(surf, self.focus == "actions", self.mouse, self.spots, click=self._pick)
        buttons = [self.prev_btn, self.next_btn] + ([self.take_btn] if self.actions.rows else []) + [self.back_btn]
        layout_row(buttons, th, c.x + px(16), self.button_y, max_width=c.width - px(32))
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)

    def _axis(self, surf, r, ax, his, line, mine, fac):
        th = self.theme
        t = self.t
        px = self.px
        left, right = AXIS_SHORT[ax]
        t.draw(surf, "tiny", AXIS_TITLES[ax].upper(), INK, (r.x, r.y), width=r.width // 2)
        track = pygame.Rect(r.x, r.y + th.line_h("tiny") + px(6), r.width, px(6))
        pygame.draw.rect(surf, PAPER_DEEP, track)

        def xp(v):
            return int(track.x + (max(-1, min(1, v)) + 1) / 2 * track.width)

        pygame.draw.rect(surf, RED, (xp(line) - px(2), track.y - px(4), px(4), track.height + px(8)))
        if mine is not None:
            pygame.draw.circle(surf, INK, (xp(mine), track.centery), px(6), max(1, px(2)))
        pygame.draw.circle(surf, th.faction_colour(fac), (xp(his), track.centery), px(6))
        pygame.draw.circle(surf, INK, (xp(his), track.centery), px(6), 1)
        t.draw(surf, "tiny", left, INK_SOFT, (r.x, track.bottom + px(3)), width=r.width // 2)
        t.draw(surf, "tiny", right, INK_SOFT, (r.right, track.bottom + px(3)), "topright", width=r.width // 2)
        low, high = AXIS_LABELS[ax]
        self.spots.add(r, f"{AXIS_TITLES[ax]}: {low} (left) to {high} (right)\nHis position {his:+.2f}; "
                          f"the adopted line {line:+.2f}" + (f"; yours {mine:+.2f}" if mine is not None else ""))

    def _pick(self, i):
        self.actions.selected = i
        self.focus = "actions"
        return None

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        k = ev.key
        if k == pygame.K_ESCAPE:
            return self.close()
        if k in (pygame.K_LEFT, pygame.K_RIGHT):
            return self.cycle(-1 if k == pygame.K_LEFT else 1)
        if self.actions.rows:
            r = self.actions.key(ev)
            if r in ("activate",):
                return self.take()
            if r is not None:
                return None
        self.text.key(ev)
        return None

    def on_wheel(self, dy):
        if self.r_actions.collidepoint(self.mouse):
            self.actions.wheel(dy)
        else:
            self.text.scroll(-dy * self.theme.line_h("body") * 2)
        return None


TRAIT_HELP = {
    "orator": "Orator: his speeches and tours move the rank and file.",
    "organiser": "Organiser: good at machines and appointments.",
    "theorist": "Theorist: his writing carries weight in the debate.",
    "proud": "Proud: slow to make pacts or to bend.",
    "cautious": "Cautious: prefers to leave things as they are.",
    "ruthless": "Ruthless: does not flinch from accusing old comrades.",
    "grey": "Grey: low visibility — can change his line cheaply.",
    "menshevik_past": "A non-Bolshevik past (before 1917): a charge that can be raised against him.",
    "october_1917": "Opposed the October rising in 1917: a past sin rivals can recall.",
    "army": "Army base: prestige among the military — and the charge of Bonapartism.",
    "popular": "Popular: well liked in the party's ranks.",
    "administrator": "Administrator: runs a commissariat or an apparatus well.",
    "hot_tempered": "Hot-tempered: quick to quarrel, slow to forgive.",
}

