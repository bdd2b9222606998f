"""Pop-ups over the board: the event card, a question put to you, the privacy screen of the
hot seat, a region's card, a message and the help sheet."""

from __future__ import annotations

import pygame

from ... import actions as A
from ...calendar import long_date
from ..app import Handler, Popup
from ..theme import INK, INK_SOFT, PAPER, PAPER_DEEP, RED, WHITE, star_points
from ..view import CONFIDENCE, describe_action, faction_of, sources
from ..widgets import Button, ListView, Para, Row, ScrollView, draw_shape, layout_row


class CardPopup(Popup):
    """A card in the middle of the screen: a red band, a scrolling body and buttons."""

    band = "Notice"
    width_frac = 0.62
    max_width = 820

    def __init__(self, app, parent):
        super().__init__(app, parent)
        self.body = ScrollView(app.theme)
        self.buttons: list[Button] = []
        self.focus_button = 0
        self.auto_close: float | None = None  # a demonstration closes its cards after this long
        self.shown_for = 0.0

    def update(self, dt):
        if self.auto_close is not None:
            self.shown_for += dt
            if self.shown_for >= self.auto_close:
                return self.close()
        return None

    def hold(self):
        """Space during a demonstration: keep this card up and pause the quarters (to talk)."""
        self.auto_close = None
        if hasattr(self.parent, "autoplay"):
            self.parent.autoplay = False
            self.parent.say("Demonstration paused: Space on the board resumes it.", 6)
        return None

    def paras(self) -> list[Para]:
        return []

    def layout(self, w, h):
        px = self.px
        cw = min(w - 2 * px(24), max(int(w * self.width_frac), min(w - 2 * px(24), px(self.max_width))))
        ch = h - 2 * px(28)
        self.card = pygame.Rect(0, 0, cw, ch)
        self.card.center = (w // 2, h // 2)
        self.band_h = self.theme.line_h("h3") + px(12)
        bh = self.theme.line_h("h3") + px(14)
        self.body.rect = pygame.Rect(self.card.x + px(24), self.card.y + self.band_h + px(16),
                                     self.card.width - px(48), self.card.height - self.band_h - bh - px(44))
        self.body.set(self.paras(), keep_offset=True)
        # shrink the card to its content when it is short
        need = self.body.content_height
        if need < self.body.rect.height:
            shrink = self.body.rect.height - need
            self.card.height -= shrink
            self.card.centery = h // 2
            self.body.rect.height = need
            self.body.rect.y = self.card.y + self.band_h + px(16)
        self.button_y = self.card.bottom - bh - px(14)
        layout_row(self.buttons, self.theme, self.card.x + px(24), self.button_y, max_width=self.card.width - px(48))

    def band_text(self) -> str:
        return self.band

    def render(self, surf):
        self.backdrop(surf)
        px = self.px
        c = self.card
        pygame.draw.rect(surf, INK, c.move(px(6), px(6)))
        pygame.draw.rect(surf, PAPER, c)
        band = pygame.Rect(c.x, c.y, c.width, self.band_h)
        pygame.draw.rect(surf, RED, band)
        pygame.draw.polygon(surf, INK, [(band.right - band.height * 2.5, band.bottom), (band.right - band.height * 1.5, band.y),
                                        (band.right, band.y), (band.right, band.bottom)])
        pygame.draw.polygon(surf, PAPER, star_points(band.x + px(18), band.centery, band.height * 0.3))
        self.t.draw(surf, "h3", self.band_text().upper(), PAPER, (band.x + px(34), band.centery), "midleft",
                    width=int(band.width - band.height * 2.6 - px(40)))
        pygame.draw.rect(surf, INK, c, px(3))
        self.body.draw(surf, self.spots)
        self.draw_extra(surf)
        for i, b in enumerate(self.buttons):
            b.draw(surf, self.theme, b.rect.collidepoint(self.mouse), focused=i == self.focus_button and len(self.buttons) > 1)
            self.spots.add(b.rect, b.tip, b.action)

    def draw_extra(self, surf):
        pass

    def on_wheel(self, dy):
        self.body.scroll(-dy * self.theme.line_h("body") * 2)
        return None

    def on_key(self, ev):
        if self.auto_close is not None and ev.key == pygame.K_SPACE:
            return self.hold()
        if ev.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB) and self.buttons:
            d = -1 if ev.key == pygame.K_LEFT or (ev.key == pygame.K_TAB and ev.mod & pygame.KMOD_SHIFT) else 1
            self.focus_button = (self.focus_button + d) % len(self.buttons)
            return None
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.buttons:
            return self.buttons[self.focus_button].action()
        if ev.key == pygame.K_ESCAPE:
            return self.on_escape()
        self.body.key(ev)
        return None

    def on_escape(self):
        return self.close()


def source_line(keys_text: str) -> tuple[str, str]:
    """'WP-FUN; BRIT-TEST' -> (the line, a tooltip naming each source)."""
    keys = [k.strip() for k in keys_text.replace(",", ";").split(";") if k.strip()]
    table = sources()
    tip = "\n".join(f"{k}: {table.get(k, {}).get('title', 'general knowledge' if k == 'GENERAL' else '?')}" for k in keys)
    return ", ".join(keys), "Sources\n" + tip


class EventCard(CardPopup):
    """A historical event: title, text, the historical note and its source."""

    def __init__(self, app, parent, event, single: bool = False):
        self.event = event
        self.single = single
        super().__init__(app, parent)
        self.buttons = [Button("Continue", self.close, "Enter")]
        if not single:
            self.buttons.append(Button("Skip the news", self.on_escape, "Esc", kind="secondary",
                                       tip="Close this card and every other waiting card and vote."))

    def band_text(self):
        e = self.event
        return f"Historical event · {long_date(e.turn)}"

    def paras(self):
        e = self.event
        d = e.detail
        out = [Para(e.text, "h1", INK, space=8)]
        if d.get("body"):
            out.append(Para(d["body"], "body", INK, space=12))
        if d.get("note"):
            out.append(Para("HISTORICAL NOTE", "condb", RED, space=2))
            out.append(Para(d["note"], "small", INK_SOFT, space=10))
        if d.get("source"):
            line, tip = source_line(d["source"])
            conf = d.get("confidence", "")
            extra = f" · confidence {conf}: {CONFIDENCE.get(conf, '')}" if conf else ""
            out.append(Para(f"Sources: {line}{extra}", "tiny", INK_SOFT, tip=tip))
        return out

    def on_escape(self):
        if not self.single:
            self.parent.skip_news()
        return self.close()


class MessagePopup(CardPopup):
    band = "Message"

    def __init__(self, app, parent, title: str, text: str):
        self.title_text = title
        self.text = text
        super().__init__(app, parent)
        self.buttons = [Button("OK", self.close, "Enter")]

    def paras(self):
        return [Para(self.title_text, "h2", INK, space=8), Para(self.text, "small", INK)]


class HelpPopup(CardPopup):
    band = "How to play"
    width_frac = 0.7
    max_width = 900

    def __init__(self, app, parent):
        super().__init__(app, parent)
        self.buttons = [Button("Back", self.close, "Esc"),
                        Button("How the model works", self.model, "M", kind="secondary",
                               tip="Every mechanism with its formula, its weights as the game uses them now, and what "
                                   "it simplifies.")]

    def model(self):
        from .modelsheet import ModelSheet

        board = getattr(self.parent, "board", self.parent)
        world = getattr(board, "world", None)
        return ModelSheet(self.app, back=self, balance=world.balance if world is not None else None)

    def on_key(self, ev):
        if ev.key == pygame.K_m:
            return self.model()
        return super().on_key(ev)

    def paras(self):
        h = lambda s: Para(s.upper(), "condb", RED, space=2)  # noqa: E731
        b = lambda s: Para(s, "small", INK, space=6)  # noqa: E731
        return [
            Para("The struggle for Lenin's succession", "h2", INK, space=6),
            b("Each turn is a quarter of a year. Events fire, then each contender spends action points in turn, "
              "then the Politburo votes on the motions tabled, and a Congress sits when it is due. Power flows in a "
              "circle: the General Secretary appoints regional secretaries, the regions send delegates to the "
              "Congress, the Congress elects the Central Committee, and the CC elects the Politburo."),
            h("The board"),
            b("Left: the Politburo (full members vote, candidates only speak), the agenda with the whip count, and "
              "your dossier. Centre: the party's mood, the Central Committee by patron, and the map of the party "
              "organisations — sized by membership, coloured by the faction most loyal there. Right: your actions "
              "and the chronicle, with the ledger of real history beside it. Hover anything to see why it is so."),
            h("Keys"),
            b("←/→ choose the kind of action · ↑/↓ or 1–9 choose the action · Enter take it · E end your turn · "
              "Tab move between the panels (actions, Politburo seats, regions, chronicle) · Enter on a seat opens "
              "the dossier, on a region its card · D your dossier · L draft a list for the Central Committee (when "
              "you may) · H chronicle or history ledger · V open the vote "
              "awaiting your ballot · M how the model works · Ctrl+S save · F11 full screen · Esc menu."),
            b("In a vote: Y or N to cast your ballot, ↑/↓ to read each member's reasons, Enter to reveal the rest."),
            h("Winning"),
            b("Each contender has his own objective (see your dossier). At the end the game reports the outcome — a "
              "sole leader, a dominant one, or a collective leadership — grades every objective, and sets your "
              "game beside what really happened."),
        ]


class DecisionPopup(CardPopup):
    """A question the game puts to you: a pact offer or an event's choice."""

    band = "A decision"

    def __init__(self, app, parent, decision):
        self.decision = decision
        super().__init__(app, parent)
        self.list = ListView(app.theme, font="body")
        self.list.set_rows([Row(o.capitalize() + ("   (advised)" if o == decision.default else ""), data=o)
                            for o in decision.options], keep=False)
        self.buttons = [Button("Answer", self.answer, "Enter"),
                        Button("Look at the board first", self.close, "Esc", kind="secondary")]

    def paras(self):
        d = self.decision
        out = [Para(d.prompt, "h2", INK, space=8)]
        ctx = [(k, v) for k, v in d.context if k not in ("proposer", "secret", "event", "effect")]
        if ctx:
            out.append(Para("YOUR COUNSELLORS WEIGH IT", "condb", RED, space=2))
            for k, v in ctx:
                out.append(Para(f"{k}: {v}", "small", INK_SOFT, indent=6, space=1))
        return out

    def layout(self, w, h):
        super().layout(w, h)
        px = self.px
        n = len(self.decision.options)
        lh = self.list.row_h * n
        self.body.rect.height = max(px(40), self.body.rect.height - lh - px(12))
        self.list.rect = pygame.Rect(self.body.rect.x, self.button_y - lh - px(12), self.body.rect.width, lh)

    def draw_extra(self, surf):
        self.list.draw(surf, True, self.mouse, self.spots, click=self.pick)

    def pick(self, i):
        self.list.selected = i
        return self.answer()

    def answer(self):
        row = self.list.current()
        if row is None:
            return None
        d = self.decision
        self.parent.take(A.Decide(d.leader, d.id, row.data))
        return self.close()

    def on_key(self, ev):
        if ev.key in (pygame.K_UP, pygame.K_DOWN) or pygame.K_1 <= ev.key <= pygame.K_9:
            r = self.list.key(ev)
            if r == "number":
                return self.answer()
            return None
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.answer()
        return super().on_key(ev)


class RegionPopup(CardPopup):
    """A party organisation: who runs it, whom it follows, and what you can do there."""

    band = "Party organisation"

    def __init__(self, app, parent, rid: str):
        self.rid = rid
        super().__init__(app, parent)
        s = parent.session
        st = s.state
        self.list = ListView(app.theme, font="body")
        rows = []
        if parent.snap.my_move and parent.snap.pending is None:
            for a in parent.snap.legal:
                if getattr(a, "region", None) == rid:
                    fac = getattr(a, "appointee", None)
                    rows.append(Row(describe_action(st, a), data=a, faction=faction_of(st, fac) if fac else None))
        self.list.set_rows(rows, keep=False)
        self.buttons = ([Button("Take", self.take, "Enter")] if rows else []) + [Button("Back", self.close, "Esc", kind="secondary")]

    def band_text(self):
        return f"Party organisation · {self.parent.world.regions[self.rid].name}"

    def paras(self):
        st = self.parent.session.state
        w = st.world
        r = st.regions[self.rid]
        info = w.regions[self.rid]
        sec = w.name(r.secretary) if r.secretary else "an appointee the game does not name"
        out = [Para(info.name, "h1", INK, space=4),
               Para(f"{r.members:,} members and {r.candidates:,} candidates · {r.workers:.0%} workers from the bench",
                    "body", INK, space=4),
               Para(f"Secretary: {sec}; client of {w.name(r.patron) if r.patron else 'nobody'}.", "body", INK, space=4)]
        if r.protected_by:
            out.append(Para(f"The machine of {w.name(r.protected_by)}: replacing its secretary needs a Politburo vote.",
                            "bold", RED, space=4))
        out.append(Para("LOYALTY", "condb", RED, space=int(self.theme.line_h("body") * 1.6 / self.theme.scale)))
        if info.note:
            out.append(Para(info.note, "small", INK_SOFT, space=8))
        if self.list.rows:
            out.append(Para("WHAT YOU CAN DO HERE", "condb", RED, space=2))
        elif self.parent.snap.my_move:
            out.append(Para("You can take no action in this region now.", "small", INK_SOFT))
        return out

    def layout(self, w, h):
        super().layout(w, h)
        px = self.px
        n = min(6, len(self.list.rows))
        lh = self.list.row_h * n
        if n:
            self.body.rect.height = max(px(60), self.body.rect.height - lh - px(8))
            self.list.rect = pygame.Rect(self.body.rect.x, self.button_y - lh - px(10), self.body.rect.width, lh)

    def draw_extra(self, surf):
        # the loyalty bar, drawn where the LOYALTY heading left room
        st = self.parent.session.state
        r = st.regions[self.rid]
        px = self.px
        th = self.theme
        y = None
        for _i, line, _x, ly in self.body._lines:
            if line == "LOYALTY":
                y = self.body.rect.y + ly - self.body.offset + th.line_h("condb") + px(2)
        if y is not None and self.body.rect.y <= y < self.body.rect.bottom - px(10):
            bar = pygame.Rect(self.body.rect.x, y, self.body.rect.width - px(10), th.line_h("body"))
            x = bar.x
            for k, v in sorted(r.loyalty.items(), key=lambda kv: -kv[1]):
                wd = int(bar.width * v)
                seg = pygame.Rect(x, bar.y, wd, bar.height)
                fac = faction_of(st, k) or k
                pygame.draw.rect(surf, th.faction_colour(fac), seg)
                if wd > self.t.width("tiny", st.world.name(k)) + px(8):
                    self.t.draw(surf, "tiny", f"{st.world.name(k)} {v:.0%}", th.ink_on(th.faction_colour(fac)), seg.center, "center")
                if th.cb:
                    draw_shape(surf, th.faction_shape(fac), th.faction_colour(fac), (seg.x + px(6), seg.y - px(5)), px(4))
                self.spots.add(seg, f"{st.world.name(k)}: {v:.0%} of the organisation follows him.")
                x += wd
            rest = pygame.Rect(x, bar.y, bar.right - x, bar.height)
            pygame.draw.rect(surf, PAPER_DEEP, rest)
            self.spots.add(rest, f"Unattached: {max(0.0, 1 - sum(r.loyalty.values())):.0%} follow the party's mood.")
            pygame.draw.rect(surf, INK, bar, 1)
        if self.list.rows:
            self.list.draw(surf, True, self.mouse, self.spots, click=self.pick)

    def pick(self, i):
        self.list.selected = i
        return self.take()

    def take(self):
        row = self.list.current()
        if row is None:
            return None
        self.parent.take(row.data)
        return self.close()

    def on_key(self, ev):
        if self.list.rows and (ev.key in (pygame.K_UP, pygame.K_DOWN) or pygame.K_1 <= ev.key <= pygame.K_9):
            if self.list.key(ev) == "number":
                return self.take()
            return None
        return super().on_key(ev)


class PrivacyScreen(Handler):
    """Hot seat: hide the board until the next player has the screen to himself."""

    def __init__(self, app, parent, who: str):
        super().__init__(app)
        self.parent = parent
        self.who = who
        self.session = parent.session

    def render(self, surf):
        w, h = surf.get_size()
        surf.fill(RED)
        px = self.px
        pygame.draw.polygon(surf, INK, [(0, h), (w * 0.55, 0), (w * 0.75, 0), (w * 0.2, h)])
        pygame.draw.polygon(surf, PAPER, star_points(w * 0.5, h * 0.3, min(w, h) * 0.09))
        self.t.draw(surf, "h1", f"PASS THE SEAT TO COMRADE {self.who.upper()}", WHITE, (w // 2, int(h * 0.5)), "center",
                    width=w - px(40))
        self.t.draw(surf, "body", "Only he should see the screen now. Press Enter (or click) when he is ready.", PAPER,
                    (w // 2, int(h * 0.5) + self.theme.line_h("h1") + px(10)), "center", width=w - px(40))
        self.spots.add(surf.get_rect(), None, lambda: self.parent)

    def on_key(self, ev):
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.parent
        return None


__all__ = ["EventCard", "DecisionPopup", "RegionPopup", "PrivacyScreen", "MessagePopup", "HelpPopup"]
