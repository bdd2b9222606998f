"""The board: the Politburo table, the Central Committee hemicycle, the map of the party
organisations, the mood meters, your dossier, the action palette and the chronicle.

Everything drawn comes from a snapshot taken in `refresh()` when the game changes, so a frame
never reads the state while the AI thinks in its worker thread, and tooltips are ready-made.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import pygame

from ... import actions as A
from ... import classroom, history
from ...calendar import long_date
from ...model import AXES, AXIS_LABELS, LADDER, LADDER_LABELS
from ...rules import victory
from ...rules.common import empty_politburo_seats
from ...rules.power import cc_share, machine_share, politburo_votes
from ..app import Handler, Job
from ..theme import (
    GREY,
    INK,
    INK_SOFT,
    OCHRE,
    PAPER,
    PAPER_DARK,
    PAPER_DEEP,
    RED,
    WHITE,
    initials,
    mix,
    star_points,
)
from ..view import (
    AXIS_SHORT,
    AXIS_TITLES,
    KIND_HELP,
    KIND_LABEL,
    KINDS,
    PHASES,
    action_detail,
    cc_members,
    describe_action,
    dominant_loyalty,
    faction_of,
    lean_text,
    option_right,
    option_rows,
    refused_line_motions,
    tally,
    why_not,
)
from ..widgets import (
    Button,
    ListView,
    Para,
    Row,
    ScrollView,
    bipolar_meter,
    draw_shape,
    layout_row,
    marker,
    meter_height,
    panel,
    unit_meter,
)

FOCUS_RING = ("palette", "seats", "regions", "chronicle")
LIST_TIP = ("Draft a list for the Central Committee (L): the Politburo, its candidates, the Secretariat and, at a "
            "Congress, new CC men. The CC elects a list that wins its majority; the editor shows the rules' verdict "
            "and the vote you can expect before you put it in. Costs an action point.")


def short_name(name: str) -> str:
    """'Central Black Earth' -> 'C. Black Earth' for a crowded map (the tooltip has it in full)."""
    words = name.split()
    if len(name) <= 12 or len(words) < 2:
        return name
    return " ".join([w[0] + "." for w in words[:-1]] + words[-1:]) if len(words) == 2 else \
        " ".join([words[0][0] + "."] + words[1:])


@dataclass
class Seat:
    lid: str
    name: str
    faction: str | None
    full: bool
    tip: str
    me: bool
    vote: str | None = None  # expected vote on the first motion of the agenda


@dataclass
class RegionMark:
    rid: str
    name: str
    x: float
    y: float
    total: int
    faction: str | None
    share: float
    secretary: str
    protected: bool
    tip: str


@dataclass
class Snapshot:
    """Everything the board draws, taken when the game changes."""

    quarter: str = ""
    date: str = ""
    phase: str = ""
    full: list[Seat] = field(default_factory=list)
    candidates: list[Seat] = field(default_factory=list)
    agenda: list[tuple[str, str]] = field(default_factory=list)
    cc: list[tuple[str | None, str]] = field(default_factory=list)
    cc_legend: list[tuple[str | None, str, int]] = field(default_factory=list)
    cc_total: int = 0
    regions: list[RegionMark] = field(default_factory=list)
    mood: dict[str, float] = field(default_factory=dict)
    line: dict[str, float] = field(default_factory=dict)
    mood_tips: dict[str, str] = field(default_factory=dict)
    me: dict = field(default_factory=dict)
    standings: list[tuple[str, str, float, str]] = field(default_factory=list)
    legal: list[A.Action] = field(default_factory=list)
    kinds: list[tuple[str, str, int, str]] = field(default_factory=list)  # kind, label, count, reason
    slate_ok: bool = False  # the seat may draft a list for the CC now (the editor's chip and key L)
    empty_seats: tuple[int, int] = (0, 0)  # full and candidate seats the CC elected that stand empty
    actor: str | None = None
    my_move: bool = False
    pending: object = None
    chronicle: list[Para] = field(default_factory=list)
    ledger: list[Para] = field(default_factory=list)
    over: bool = False


class Board(Handler):
    def __init__(self, app, session, show_opening: bool = True):
        super().__init__(app)
        self.session = session
        self.world = session.state.world
        app.theme.set_factions(self.world.playable)
        humans = session.humans()
        self.spectator = not humans
        self.hotseat = len(humans) > 1
        self.viewer: str | None = humans[0] if humans else None
        self.job: Job | None = None
        self.queue: list = []  # factories of pop-ups (news) waiting to be shown
        self.seen: dict[str | None, int] = {}
        self.shown_votes: set[int] = set()
        self.pending_shown: int | None = None
        self.focus = "palette"
        self.kind = "appoint"
        self.seat_focus = 0
        self.region_focus = 0
        self.tab = "chronicle"
        self.message = ""
        self.message_until = 0.0
        self.autoplay = False
        self.step_quarter = False
        self.report_opened = False
        self.class_opts = session.classroom
        self.timer = classroom.TurnTimer(session.classroom.timer)  # the class's turn timer (counts frames)
        self.pace_wait = 0.0  # a demonstration's pause before the next quarter
        if self.spectator and self.class_opts.pace is not None:
            self.autoplay = True  # a demonstration runs by itself; Space pauses it
        self.spin = 0.0
        self.version = 0
        self._layer = None
        self.options = ListView(app.theme, font="cond", pad=6)
        self.chron = ScrollView(app.theme)
        self.snap = Snapshot()
        self.take_btn = Button("Take", self.take_selected, "Enter")
        self.end_btn = Button("End turn", self.end_turn, "E", kind="dark")
        self.menu_btn = Button("Menu", self.open_menu, "Esc", kind="secondary", font="condb")
        self.help_btn = Button("Help", self.open_help, "F1", kind="secondary", font="condb")
        self.next_btn = Button("Next quarter", self.next_quarter, "Space")
        self.auto_btn = Button("Autoplay", self.toggle_autoplay, "A", kind="dark")
        self.dossier_btn = Button("Full dossier", lambda: self.open_dossier(self.viewer), "D", kind="secondary", font="condb")
        self.refresh()
        if show_opening:
            self.collect_news(first=True)
        else:
            self.seen[self.viewer] = len(session.chronicle)

    # ---- state -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    @property
    def animating(self) -> bool:
        return self.busy

    def say(self, text: str, seconds: float = 6.0) -> None:
        self.version += 1
        self.message = text
        self.message_until = time.perf_counter() + seconds
        self.app.dirty = True

    def refresh(self) -> None:
        """Take the snapshot the board draws from (never while the AI thinks)."""
        s = self.session
        st = s.state
        w = st.world
        viewer = self.viewer
        snap = Snapshot()
        snap.quarter = st.quarter
        snap.date = long_date(st.quarter)
        snap.phase = PHASES.get(st.phase, st.phase)
        snap.over = s.over
        actor = s.current_actor()
        snap.actor = actor
        snap.pending = s.pending()
        snap.my_move = actor is not None and actor == viewer and s.is_human(actor)
        # the agenda and the expected votes on its first motion
        first = st.motions[0] if st.motions else None
        whip = {}
        if first is not None and first.body == "politburo":
            for x in s.whip_count(first, viewer):
                whip[x.voter] = x
        for m in st.motions[:6]:
            from ...rules.votes import describe

            leans = s.whip_count(m, viewer) if m.body == "politburo" else []
            yes, no = tally(leans)
            title = describe(st, m)
            label = f"{title} — whip {yes}–{no}" if leans else f"{title} (CC plenum)"
            tip = (f"{title}\nTabled by {w.name(m.sponsor)}. " + (m.note + "\n" if m.note else "\n")
                   + ("\n".join(lean_text(st, x, 3) for x in leans) if leans else "The Central Committee decides this one."))
            snap.agenda.append((label, tip))
        # the Politburo, and the seats the CC elected that stand empty (only those can be filled
        # by a motion before the next Congress)
        snap.empty_seats = empty_politburo_seats(st)
        for lid in st.politburo_full + st.politburo_candidates:
            full = lid in st.politburo_full
            seat = Seat(lid, w.name(lid), faction_of(st, lid), full, self._seat_tip(lid, full, first, whip.get(lid)),
                        lid == viewer)
            if full and lid in whip:
                seat.vote = "yes" if whip[lid].total > 0 else "no"
            (snap.full if full else snap.candidates).append(seat)
        # the Central Committee
        seats = cc_members(st)
        order = {lid: -st.leaders[lid].econ for lid in w.playable if lid in st.leaders}

        def seat_key(item):
            fac, lid, lean = item
            if fac is not None:
                return (order.get(fac, 0.0), fac, lid or "")
            pos = st.leaders[lid].econ if lid else (lean or 0.0)
            return (-pos, "~", lid or "")

        seats.sort(key=seat_key)
        counts: dict[str | None, int] = {}
        for fac, _, _ in seats:
            counts[fac] = counts.get(fac, 0) + 1
        snap.cc_total = len(seats)
        for fac, lid, lean in seats:
            snap.cc.append((fac, self._cc_tip(fac, lid, lean, counts, len(seats))))
        legend = sorted(counts.items(), key=lambda kv: (kv[0] is None, -kv[1]))
        snap.cc_legend = [(fac, w.name(fac) if fac else "unattached", n) for fac, n in legend]
        # the regions
        for rid, r in st.regions.items():
            info = w.regions[rid]
            fac, share = dominant_loyalty(st, rid)
            sec = w.name(r.secretary) if r.secretary else "appointee"
            snap.regions.append(RegionMark(rid, info.name, info.map[0], info.map[1], r.total, fac, share, sec,
                                           r.protected_by is not None, self._region_tip(rid)))
        # mood
        m = st.mood
        snap.mood = {"econ": m.econ, "world": m.world, "regime": m.regime, "unity": m.unity, "cult": m.cult,
                     "crisis": st.economy.crisis}
        snap.line = dict(st.line)
        for ax in AXES:
            low, high = AXIS_LABELS[ax]
            snap.mood_tips[ax] = (f"{AXIS_TITLES[ax]}: {low} (left) or {high} (right)\n"
                                  f"Black pointer: where the rank and file stand ({getattr(m, ax):+.2f}).\n"
                                  f"Red bar: the line the party has adopted ({st.line[ax]:+.2f}).\n"
                                  "Publishing moves the mood; a motion to change the line moves the red bar.")
        snap.mood_tips["unity"] = (f"Unity {m.unity:.0%}: how much the rank and file prize unity. High unity makes "
                                   "the charge of factionalism bite and members fear to be seen as factionalists.")
        snap.mood_tips["cult"] = (f"Lenin cult {m.cult:.0%}: the strength of the cult of the dead Lenin. It raises "
                                  "the worth of 'Lenin's mantle' — who is seen as his true heir.")
        e = st.economy
        snap.mood_tips["crisis"] = (f"Economic crisis {e.crisis:.0%} — grain marketed {e.grain:.0f}, procurement "
                                    f"{e.procurement:.0f}, industry {e.industry:.0f} (1924 = 100). A crisis pushes the "
                                    "party's mood on the economy.")
        # you
        power = s.power()
        ranking = sorted(power, key=lambda k: -power[k])
        for lid in ranking:
            snap.standings.append((lid, w.name(lid), power[lid], self._power_tip(lid, power[lid])))
        if viewer is not None:
            ld = st.leaders[viewer]
            g = victory.grade(st, viewer)
            offices = [w.office_name(o) for o in st.offices_of(viewer)]
            seat = ("full member of the Politburo" if viewer in st.politburo_full else
                    "candidate member of the Politburo" if viewer in st.politburo_candidates else "outside the Politburo")
            snap.me = {
                "lid": viewer, "name": w.name(viewer), "full": w.leaders[viewer].full_name,
                "offices": ", ".join(offices) or "no office", "seat": seat, "status": ld.status,
                "prestige": ld.prestige, "patronage": ld.patronage, "mantle": ld.mantle,
                "ap": ld.ap if s.allowance(viewer) is None else s.allowance(viewer),  # within the class's cap
                "power": power.get(viewer, 0.0), "rank": ranking.index(viewer) + 1 if viewer in ranking else 0,
                "of": len(ranking), "objective": g["summary"], "grade": g["grade"], "points": g["points"],
                "max": g["max"], "met": g["met"],
                "sanction": LADDER_LABELS[LADDER[ld.sanction]] if ld.sanction else "",
            }
        # actions
        if snap.my_move and snap.pending is None:
            snap.legal = s.legal_for(viewer)
            counts_k: dict[str, int] = {}
            for a in snap.legal:
                counts_k[a.kind] = counts_k.get(a.kind, 0) + 1
            for kind, label, _ in KINDS:
                n = counts_k.get(kind, 0)
                snap.kinds.append((kind, label, n, "" if n else why_not(s, viewer, kind)))
            # lists are not enumerated among the legal actions (too many): ask whether the seat may draft one
            snap.slate_ok = s.slate_refusal(viewer) is None
        # the chronicle and the ledger
        snap.chronicle = self._chronicle_paras()
        snap.ledger = self._ledger_paras()
        self.snap = snap
        self.version += 1
        self._fill_options()
        self.chron.set(snap.chronicle if self.tab == "chronicle" else snap.ledger, to_end=self.tab == "chronicle")
        self.app.dirty = True

    # ---- tooltips, made at refresh time ------------------------------------------------------
    def _line_text(self, lid: str) -> str:
        ld = self.session.state.leaders[lid]
        return ", ".join(f"{AXIS_SHORT[ax][0] if getattr(ld, ax) < 0 else AXIS_SHORT[ax][1]} {getattr(ld, ax):+.1f}"
                         for ax in AXES)

    def _seat_tip(self, lid: str, full: bool, motion, ln) -> str:
        st = self.session.state
        w = st.world
        ld = st.leaders[lid]
        offices = ", ".join(w.office_name(o) for o in st.offices_of(lid)) or "no office"
        lines = [f"{w.leaders[lid].full_name} — {'full member (votes)' if full else 'candidate member (speaks, does not vote)'}",
                 f"Offices: {offices}."]
        if lid in w.playable:
            lines.append("A contender for the succession: leads his own faction.")
        elif ld.patron:
            lines.append(f"Client of {w.name(ld.patron)}: owes him his career.")
        else:
            lines.append("Nobody's client.")
        lines.append(f"Line: {self._line_text(lid)}.  Prestige {ld.prestige:.0f}.")
        if motion is not None and ln is not None:
            from ...rules.votes import describe

            reasons = "; ".join(f"{label} {value:+.0f}" for label, value in ln.reasons[:5]) or "no strong reasons"
            lines.append(f"On \"{describe(st, motion)}\" he leans {'YES' if ln.total > 0 else 'NO'} ({ln.total:+.0f}): {reasons}.")
        if self.viewer and lid != self.viewer:
            lines.append(f"Trusts you {st.trust_of(lid, self.viewer):+.2f}; you trust him {st.trust_of(self.viewer, lid):+.2f}.")
        lines.append("Click (or Enter) for his dossier.")
        return "\n".join(lines)

    def _cc_tip(self, fac, lid, lean, counts, total) -> str:
        w = self.world
        n = counts.get(fac, 0)
        bloc = f"{w.name(fac)}'s bloc" if fac else "Unattached members"
        summary = f"{bloc}: {n} of {total} seats ({n / max(1, total):.0%})."
        if lid is not None:
            st = self.session.state
            ld = st.leaders[lid]
            who = ("a contender" if lid in w.playable else f"client of {w.name(ld.patron)}" if ld.patron else "nobody's client")
            return f"{w.leaders[lid].full_name} — CC member, {who}\n{summary}"
        side = "NEP" if (lean or 0) < 0 else "industrialisation"
        if fac:
            return (f"A provincial secretary or commissar, client of {w.name(fac)}\n{summary}\n"
                    "At a plenum most of a bloc follows its patron's lead.")
        return f"A CC member bound to nobody; leans towards {side} ({lean:+.1f})\n{summary}\nWeighs the case, the line and prestige."

    def _region_tip(self, rid: str) -> str:
        st = self.session.state
        w = st.world
        r = st.regions[rid]
        info = w.regions[rid]
        lines = [f"{info.name} — {r.members:,} members and {r.candidates:,} candidates; {r.workers:.0%} workers"]
        sec = w.name(r.secretary) if r.secretary else "an appointee the game does not name"
        lines.append(f"Secretary: {sec}; client of {w.name(r.patron) if r.patron else 'nobody'}.")
        loyal = sorted(r.loyalty.items(), key=lambda kv: -kv[1])
        rest = max(0.0, 1 - sum(r.loyalty.values()))
        lines.append("Loyalty: " + ", ".join(f"{w.name(k)} {v:.0%}" for k, v in loyal) + f", unattached {rest:.0%}.")
        if r.protected_by:
            lines.append(f"The machine of {w.name(r.protected_by)}: replacing its secretary needs a Politburo vote.")
        if info.note:
            lines.append(info.note)
        lines.append("Click (or Enter) for what you can do here.")
        return "\n".join(lines)

    def _power_tip(self, lid: str, value: float) -> str:
        st = self.session.state
        return (f"{st.world.name(lid)}: power {value:.1f}\n"
                f"Politburo votes he can count on {politburo_votes(st, lid)}, CC share {cc_share(st, lid):.0%}, "
                f"regional machines {machine_share(st, lid):.0%}, prestige {st.leaders[lid].prestige:.0f}, "
                f"Lenin's mantle {st.leaders[lid].mantle:.0f}.")

    def _chronicle_paras(self) -> list[Para]:
        s = self.session
        events = s.events_for(self.viewer) if not self.spectator else s.chronicle
        paras: list[Para] = []
        for e in events[-160:]:
            if e.kind == "quarter":
                paras.append(Para(f"{e.turn} · {long_date(e.turn)}", "condb", RED, space=2))
                continue
            if e.kind == "quarter_end" or not e.text or (e.kind == "canvass" and not e.private_to):
                continue
            colour = INK
            font = "small"
            click = None
            tip = None
            text = "· " + e.text
            if e.kind == "event":
                font = "smallb"
                tip = (e.detail.get("body") or e.text) + (f"\nNote: {e.detail['note']}" if e.detail.get("note") else "")
                ev = e
                click = lambda ev=ev: self.open_event(ev)  # noqa: E731
            elif e.kind in ("vote", "plenum") and e.detail.get("motion") is not None:
                tip = "Click to see how each member voted, and why."
                ev = e
                click = lambda ev=ev: self.open_vote(ev)  # noqa: E731
                colour = INK
            elif e.kind in ("expelled", "exiled", "deported", "death", "game_over"):
                colour = RED
                font = "smallb"
            if e.private_to:
                text += "  (secret)"
                colour = INK_SOFT
            paras.append(Para(text, font, colour, indent=4, space=2, tip=tip, click=click))
        return paras

    def _ledger_paras(self) -> list[Para]:
        st = self.session.state
        rows = history.ledger(self.session.chronicle, st.start, st.end, st.turn, over=st.over)
        same = sum(1 for r in rows if r.status == "as_in_history")
        out = [Para(f"Your game against the real timeline: {same} of {len(rows)} milestones as in history.",
                    "smallb", INK, space=6)]
        colours = {"as_in_history": INK, "earlier": OCHRE, "later": OCHRE, "diverged": RED, "pending": GREY}
        marks = {"as_in_history": "=", "earlier": "<", "later": ">", "diverged": "≠", "pending": "…"}
        for r in rows:
            m = r.milestone
            when = f" (game: {r.game_quarter})" if r.game_quarter and r.status in ("earlier", "later") else ""
            text = f"{marks[r.status]} {m.quarter}  {history.STATUS_LABELS[r.status].upper()}: {m.title}{when}"
            tip = f"{m.title} — {m.date}\n{m.text}\nSources: {', '.join(m.sources)} (confidence {m.confidence})"
            out.append(Para(text, "small", colours[r.status], indent=2, space=2, tip=tip))
        return out

    # ---- the palette ---------------------------------------------------------------------------
    def _fill_options(self) -> None:
        snap = self.snap
        s = self.session
        rows: list[Row] = []
        if snap.my_move and snap.pending is not None:
            d = snap.pending
            for opt in d.options:
                rows.append(Row(opt.capitalize() + ("   (advised)" if opt == d.default else ""),
                                data=A.Decide(self.viewer, d.id, opt), tip=d.prompt))
        elif snap.my_move:
            if self.kind not in KIND_LABEL:
                self.kind = "appoint"
            last = None
            for group, a, text, fac in option_rows(s, self.viewer, self.kind, snap.legal):
                if group and group != last:
                    rows.append(Row(group, header=True))
                    last = group
                right = option_right(s, a, self.viewer)
                rows.append(Row(text, right, data=a, faction=faction_of(s.state, fac) if fac else None,
                                tip=lambda a=a: action_detail(s, a, self.viewer)))
            if self.kind == "table_motion":
                self._add_refused_lines(rows, refused_line_motions(s, self.viewer, snap.legal))
        self.options.set_rows(rows, keep=True)

    @staticmethod
    def _add_refused_lines(rows: list[Row], refused: list) -> None:
        """Greyed rows after every legal one, under a header of their own, so that they take none
        of the numbers 1-9 from a legal row: selecting one says why it is refused."""
        if not refused:
            return
        rows.append(Row("Refused now: the party line", header=True))
        rows.extend(Row(text, "refused", enabled=False, data=a, tip=f"Refused: {reason}.")
                    for a, text, reason in refused)

    def kind_list(self) -> list[str]:
        return [k for k, _, _, _ in self.snap.kinds]

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.focus = "palette"
        self.options.top = 0
        self._fill_options()
        self.options.select_first()

    def cycle_kind(self, d: int) -> None:
        kinds = self.kind_list()
        if not kinds:
            return
        i = kinds.index(self.kind) if self.kind in kinds else 0
        self.set_kind(kinds[(i + d) % len(kinds)])

    # ---- acting --------------------------------------------------------------------------------
    def take(self, action: A.Action) -> bool:
        """Submit one action for the viewer; an illegal one is explained, not raised."""
        if self.busy:
            self.say("Wait: the others are still moving.")
            return False
        s = self.session
        reason = s.check_act(action)
        if reason is not None:
            self.say(f"Refused: {reason}.")
            return False
        events = s.act(action)  # the class's cap on action points may end the turn too
        mine = [e.text for e in events if e.visible_to(self.viewer) and e.text and e.kind not in ("quarter", "quarter_end")]
        if isinstance(action, A.EndTurn):
            self.say("You end your turn.", 3)
        else:
            self.say(("Done: " + " ".join(mine[:2])) if mine else f"Done: {describe_action(s.state, action)}.")
        self.after_change()
        return True

    def take_selected(self):
        row = self.options.current()
        if row is None or row.data is None:
            if self.snap.my_move and self.snap.kinds:
                reason = next((r for k, _, n, r in self.snap.kinds if k == self.kind and not n), "")
                if reason:
                    self.say(f"Not now — {KIND_LABEL[self.kind].lower()}: {reason}.")
            return None
        if isinstance(row.data, A.Decide) and self.snap.pending is not None and self.snap.pending.kind == "vote":
            return self.open_ballot()
        self.take(row.data)
        return None

    def end_turn(self):
        if self.snap.my_move and self.snap.pending is None:
            self.take(A.EndTurn(self.viewer))
        elif self.snap.my_move and self.snap.pending is not None:
            self.say("First answer the question on the table.")
        return None

    def after_change(self) -> None:
        self.refresh()
        self.collect_news()

    def collect_news(self, first: bool = False) -> None:
        """Queue the new event cards and votes this viewer has not seen."""
        from .event import EventCard
        from .vote import VoteScreen

        s = self.session
        start = self.seen.get(self.viewer, 0)
        fresh = s.chronicle[start:]
        self.seen[self.viewer] = len(s.chronicle)
        show_votes = self.app.settings.show_votes
        for e in fresh:
            if not (self.spectator or e.visible_to(self.viewer)):
                continue
            if e.kind == "event":
                self.queue.append(lambda e=e: EventCard(self.app, self, e))
            elif e.kind in ("vote", "plenum") and e.detail.get("motion") is not None:
                mid = e.detail["motion"]
                concerns = self.viewer in (e.leader, e.target)
                if mid in self.shown_votes or not (show_votes or concerns):
                    continue
                if e.kind == "plenum" and any(x.kind == "vote" and x.detail.get("motion") == mid for x in fresh):
                    continue  # the ratifying plenum shows on the same screen as its vote
                self.shown_votes.add(mid)
                self.queue.append(lambda e=e: VoteScreen(self.app, self, event=e))

    def skip_news(self) -> None:
        self.queue.clear()

    def start_ai(self) -> None:
        s = self.session
        who = s.state.world.name(s.current_actor())
        if self.spectator:
            def play_quarter():
                turn = s.state.turn
                while not s.over and s.state.turn == turn:
                    actor = s.current_actor()
                    if actor is None or s.is_human(actor):
                        break
                    s.run_ai(max_actions=1)
            fn = play_quarter
        else:
            fn = s.run_ai
        self.job = Job(fn, "ai")
        self.thinking = who
        self.app.dirty = True

    # ---- the loop ------------------------------------------------------------------------------
    def update(self, dt: float):
        self.spin += dt
        if self.message and time.perf_counter() > self.message_until:
            self.message = ""  # the message has had its time: back to the hints
            self.version += 1
            self.app.dirty = True
        if self.job is not None:
            if not self.job.done:
                return None
            job, self.job = self.job, None
            if job.error is not None:
                from .event import MessagePopup

                self.refresh()
                return MessagePopup(self.app, self, "Something went wrong",
                                    f"The game engine failed: {job.error}. The game has been autosaved where possible.\n\n"
                                    + job.trace[-1200:])
            self.after_change()
            if self.spectator and self.class_opts.pace is not None:
                self.pace_wait = self.class_opts.pace  # a readable pause before the next quarter
        if self.queue:
            popup = self.queue.pop(0)()
            if self.spectator and self.autoplay and self.class_opts.pace is not None:
                popup.auto_close = self.class_opts.pace * 2  # a demonstration turns its own pages
            return popup
        s = self.session
        if s.over:
            if not self.report_opened:
                self.report_opened = True
                return self.open_ending()
            return None
        actor = s.current_actor()
        if actor is None:
            return None
        if not s.is_human(actor):
            self.timer.stop()
            if self.spectator and not (self.autoplay or self.step_quarter):
                return None
            if self.spectator and self.autoplay and not self.step_quarter and self.pace_wait > 0:
                self.pace_wait -= dt
                self.app.dirty = True
                return None
            self.step_quarter = False
            self.start_ai()
            return None
        if self.hotseat and actor != self.viewer:
            from .event import PrivacyScreen

            self.viewer = actor
            self.timer.stop()
            self.refresh()
            self.collect_news()
            return PrivacyScreen(self.app, self, self.world.name(actor))
        if self.tick_timer(dt, actor):
            return None
        d = s.pending()
        if d is not None and d.id != self.pending_shown:
            self.pending_shown = d.id
            if d.kind == "vote":
                return self.open_ballot()
            from .event import DecisionPopup

            return DecisionPopup(self.app, self, d)
        return None

    def tick_timer(self, dt: float, actor: str) -> bool:
        """The class's turn timer. It runs only while the board itself is on screen (a card or the
        menu stops it) and starts afresh for each seat's turn and each question; when it runs out
        the turn ends, or the question takes its default answer. True if it just ran out."""
        if not self.class_opts.timer:
            return False
        s = self.session
        d = s.pending()
        key = s.timer_key(actor)
        before = int(self.timer.watch(key))
        if not self.timer.spend(key, min(dt, 1.0)):
            if int(self.timer.left or 0) != before:
                self.version += 1  # the countdown shows whole seconds: redraw when one passes
                self.app.dirty = True
            return False
        s.time_up(actor)
        self.say(f"Time is up: {self.world.name(actor)}'s turn ends." if d is None else
                 f"Time is up: {self.world.name(actor)} takes the default answer ({d.default}).")
        self.after_change()
        return True

    def open_ending(self):
        """The end of the game: a hot-seat class first sees what was hidden from it, then the report."""
        from .historian import Historian
        from .report import Report

        report = Report(self.app, self.session, back=None)
        if self.hotseat:
            return Historian(self.app, self.session, back=report, then=report)
        return report

    # ---- opening other screens -------------------------------------------------------------
    def open_ballot(self):
        from .vote import VoteScreen

        d = self.session.pending()
        if d is None or d.kind != "vote":
            return None
        return VoteScreen(self.app, self, decision=d)

    def open_dossier(self, lid: str | None):
        if lid is None or self.busy:
            return None
        from .dossier import Dossier

        return Dossier(self.app, self, lid)

    def open_slate(self):
        """The list editor, when this seat may put a list to the CC now."""
        if self.busy or not (self.snap.my_move and self.snap.pending is None):
            return None
        if not self.snap.slate_ok:
            self.say(f"No list now: {self.session.slate_refusal(self.viewer)}.")
            return None
        from .slate import SlateEditor

        return SlateEditor(self.app, self)

    def open_region(self, rid: str):
        if self.busy:
            return None
        from .event import RegionPopup

        return RegionPopup(self.app, self, rid)

    def open_event(self, e):
        from .event import EventCard

        return EventCard(self.app, self, e, single=True)

    def open_vote(self, e):
        from .vote import VoteScreen

        return VoteScreen(self.app, self, event=e, instant=True)

    def open_menu(self):
        from .menu import PauseMenu

        return PauseMenu(self.app, self)

    def open_help(self):
        from .event import HelpPopup

        return HelpPopup(self.app, self)

    def open_model(self):
        from .modelsheet import ModelSheet

        return ModelSheet(self.app, back=self, balance=self.world.balance)

    def next_quarter(self):
        if self.spectator and not self.busy:
            self.step_quarter = True
        return None

    def toggle_autoplay(self):
        if self.spectator:
            self.autoplay = not self.autoplay
            self.say("Autoplay on: the quarters follow each other." if self.autoplay else "Autoplay paused.", 3)
        return None

    def save_game(self) -> str:
        from ... import classroom

        if self.busy:
            return "Wait for the others to finish their moves, then save."
        s = self.session
        if s.classroom.class_name and s.autosave_path is not None:
            try:  # a class game has one file, named by the class: the next lesson resumes it
                return f"Saved to {s.save(s.autosave_path, keep_previous=True)}"
            except OSError as exc:
                return f"Could not save: {exc}"
        folder = classroom.saves_dir()
        who = self.viewer or "autoplay"
        stem = f"{s.state.scenario_id}-{s.state.quarter}-{who}"
        path = folder / f"{stem}.json"
        i = 2
        while path.exists():
            path = folder / f"{stem}-{i}.json"
            i += 1
        try:
            s.save(path)
        except OSError as exc:
            return f"Could not save: {exc}"
        return f"Saved to {path}"

    # ---- input -------------------------------------------------------------------------------
    def on_key(self, ev):
        k = ev.key
        mods = ev.mod
        if k == pygame.K_ESCAPE:
            if self.focus != "palette":
                self.focus = "palette"
                return None
            return self.open_menu()
        if k in (pygame.K_F1,) or (ev.unicode == "?" if hasattr(ev, "unicode") else False):
            return self.open_help()
        if k == pygame.K_TAB:
            i = FOCUS_RING.index(self.focus)
            self.focus = FOCUS_RING[(i + (-1 if mods & pygame.KMOD_SHIFT else 1)) % len(FOCUS_RING)]
            return None
        if k == pygame.K_s and mods & pygame.KMOD_CTRL:
            self.say(self.save_game())
            return None
        if k == pygame.K_m:
            return self.open_model()
        if self.spectator:
            if k == pygame.K_SPACE and self.class_opts.pace is not None:
                return self.toggle_autoplay()  # a demonstration: Space pauses and resumes
            if k in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_n):
                return self.next_quarter()
            if k == pygame.K_a:
                return self.toggle_autoplay()
        if k == pygame.K_e and self.focus != "chronicle":
            return self.end_turn()
        if k == pygame.K_d:
            return self.open_dossier(self.viewer)
        if k == pygame.K_l:
            return self.open_slate()
        if k == pygame.K_v and self.snap.pending is not None:
            return self.open_ballot()
        if k == pygame.K_h:
            self.tab = "ledger" if self.tab == "chronicle" else "chronicle"
            self.chron.set(self.snap.ledger if self.tab == "ledger" else self.snap.chronicle, to_end=self.tab == "chronicle")
            return None
        if self.focus == "palette":
            if k in (pygame.K_LEFT, pygame.K_RIGHT):
                self.cycle_kind(-1 if k == pygame.K_LEFT else 1)
                return None
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.take_selected()
            r = self.options.key(ev)
            if r == "number":
                return None
            return None
        if self.focus == "seats":
            seats = self.snap.full + self.snap.candidates
            if not seats:
                return None
            if k in (pygame.K_LEFT, pygame.K_UP):
                self.seat_focus = (self.seat_focus - 1) % len(seats)
            elif k in (pygame.K_RIGHT, pygame.K_DOWN):
                self.seat_focus = (self.seat_focus + 1) % len(seats)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.open_dossier(seats[self.seat_focus % len(seats)].lid)
            return None
        if self.focus == "regions":
            regs = sorted(self.snap.regions, key=lambda r: (r.y, r.x))
            if k in (pygame.K_LEFT, pygame.K_UP):
                self.region_focus = (self.region_focus - 1) % len(regs)
            elif k in (pygame.K_RIGHT, pygame.K_DOWN):
                self.region_focus = (self.region_focus + 1) % len(regs)
            elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                return self.open_region(regs[self.region_focus % len(regs)].rid)
            return None
        if self.focus == "chronicle":
            self.chron.key(ev)
        return None

    def on_wheel(self, dy):
        if self.chron.rect.collidepoint(self.mouse):
            self.chron.scroll(-dy * self.theme.line_h("small") * 3)
        elif self.options.rect.collidepoint(self.mouse):
            self.options.wheel(dy)
        return None

    def on_click(self, pos, button=1):
        i = self.options.index_at(pos)
        if i is not None and self.snap.my_move:
            now = time.perf_counter()
            double = self.options.selected == i and now - getattr(self, "_last_click", 0) < 0.45
            self._last_click = now
            self.options.selected = i
            self.focus = "palette"
            if double:
                return self.take_selected()
            return None
        return super().on_click(pos, button)

    # ---- layout ------------------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.top_h = th.line_h("h2") + px(18)
        self.status_h = th.line_h("small") + px(10)
        pad = px(8)
        content = pygame.Rect(pad, self.top_h + pad, w - 2 * pad, h - self.top_h - self.status_h - 2 * pad)
        gap = px(8)
        big = self.theme.font_scale > 1.15
        lw = int(content.width * 0.25)
        rw = int(content.width * (0.35 if big else 0.32))
        cw = content.width - lw - rw - 2 * gap
        left = pygame.Rect(content.x, content.y, lw, content.height)
        centre = pygame.Rect(left.right + gap, content.y, cw, content.height)
        right = pygame.Rect(centre.right + gap, content.y, rw, content.height)
        self.r_pb = pygame.Rect(left.x, left.y, left.width, int(left.height * 0.52))
        self.r_me = pygame.Rect(left.x, self.r_pb.bottom + gap, left.width, left.bottom - self.r_pb.bottom - gap)
        mh = th.line_h("h3") + px(6) + 2 * meter_height(th) + px(26)
        self.r_mood = pygame.Rect(centre.x, centre.y, centre.width, mh)
        rest = centre.height - mh - 2 * gap
        self.r_cc = pygame.Rect(centre.x, self.r_mood.bottom + gap, centre.width, int(rest * 0.40))
        self.r_map = pygame.Rect(centre.x, self.r_cc.bottom + gap, centre.width, centre.bottom - self.r_cc.bottom - gap)
        self.r_pal = pygame.Rect(right.x, right.y, right.width, int(right.height * (0.66 if big else 0.58)))
        self.r_chr = pygame.Rect(right.x, self.r_pal.bottom + gap, right.width, right.bottom - self.r_pal.bottom - gap)
        self._hemicycle = None

    # ---- drawing -----------------------------------------------------------------------------
    def handle(self, ev):
        if ev.type != pygame.MOUSEMOTION:
            self.version += 1
        return super().handle(ev)

    def frame(self, surf):
        """Redraw on change: the whole board is kept as a picture and drawn again only when the
        game, the input, the hovered element, the window or a running animation changed."""
        spot = self.spots.hit(self.mouse) if self.mouse[0] >= 0 else None
        now = time.perf_counter()
        key = (self.version, surf.get_size(), self.theme.version, tuple(spot.rect) if spot is not None else None,
               int(self.spin * 6) if self.busy else 0, bool(self.message) and now < self.message_until)
        if self._layer is None or self._layer.get_size() != surf.get_size():
            self._layer = pygame.Surface(surf.get_size()).convert(surf)
            self._frame_key = None
        if key != self._frame_key:
            self.spots.clear()
            self.render(self._layer)
            self._frame_key = key
        surf.blit(self._layer, (0, 0))
        self.draw_tooltip(surf)

    def render(self, surf):
        surf.fill(PAPER)
        self.draw_top(surf)
        self.draw_politburo(surf)
        self.draw_me(surf)
        self.draw_mood(surf)
        self.draw_cc(surf)
        self.draw_map(surf)
        self.draw_palette(surf)
        self.draw_chronicle(surf)
        self.draw_status(surf)

    def draw_top(self, surf):
        t = self.t
        px = self.px
        w = surf.get_width()
        bar = pygame.Rect(0, 0, w, self.top_h)
        pygame.draw.rect(surf, RED, bar)
        pygame.draw.rect(surf, INK, (0, bar.bottom - px(4), w, px(4)))
        cy = (bar.height - px(4)) // 2
        r = bar.height * 0.3
        pygame.draw.polygon(surf, PAPER, star_points(px(12) + r, cy, r))
        x = int(px(18) + 2 * r)
        lr = t.draw(surf, "h2", "POLITBURO", PAPER, (x, cy), "midleft")
        x = lr.right + px(18)
        snap = self.snap
        dr = t.draw(surf, "h2", snap.date.upper(), WHITE, (x, cy), "midleft")
        x = dr.right + px(10)
        pr = pygame.Rect(x, 0, t.width("condb", snap.phase.upper()) + px(12), self.theme.line_h("condb") + px(6))
        pr.centery = cy
        pygame.draw.rect(surf, INK, pr)
        t.draw(surf, "condb", snap.phase.upper(), PAPER, pr.center, "center")
        self.spots.add(dr.union(pr), f"{snap.quarter}: one turn is a quarter of a year.\nEach quarter: events fire, "
                       "then the contenders move in turn (intrigue), then the Politburo votes on the motions tabled "
                       "(sessions) and a Congress sits when due, then the reckoning: offices pay, machines drift, the "
                       "mood moves.\nNow: " + snap.phase + ".")
        x = pr.right + px(14)
        # the buttons on the right
        bx = w - px(8)
        for b in (self.menu_btn, self.help_btn):
            bw = b.natural_width(self.theme)
            b.rect = pygame.Rect(bx - bw, 0, bw, b.height(self.theme))
            b.rect.centery = cy
            bx -= bw + px(8)
            b.draw(surf, self.theme, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, None, b.action)
        if self.timer.left is not None and not self.busy:
            left = int(math.ceil(self.timer.left))
            label = f"TIME {classroom.clock_text(self.timer.left)}"
            chip_r = pygame.Rect(0, 0, t.width("h2", label) + px(20), self.menu_btn.rect.height)
            chip_r.midright = (bx, cy)
            pygame.draw.rect(surf, WHITE if left > 30 else OCHRE, chip_r)
            pygame.draw.rect(surf, INK, chip_r, max(1, px(2)))
            t.draw(surf, "h2", label, RED if left <= 30 else INK, chip_r.center, "center")
            self.spots.add(chip_r, f"The class's turn timer: {self.class_opts.timer // 60} min {self.class_opts.timer % 60:02d} s "
                                   "a turn. When it runs out the turn ends (a question takes its default answer). "
                                   "It stops while a card or the menu is open.")
            bx = chip_r.x - px(8)
        room = bx - x - px(8)
        if self.busy:
            dots = "." * (1 + int(self.spin * 3) % 3)
            label = f"The others move{dots}" if not self.spectator else f"The quarter is played{dots}"
            # a turning star as the spinner
            sx = x + px(10)
            pygame.draw.polygon(surf, PAPER, star_points(sx, cy, px(9), rot=self.spin * 3))
            t.draw(surf, "condb", label, PAPER, (sx + px(16), cy), "midleft", width=room - px(30))
        elif snap.me:
            me = snap.me
            label = f"YOU: {me['name'].upper()} · {me['ap']} ACTION POINT{'S' if me['ap'] != 1 else ''}"
            if t.width("condb", label) > room:
                label = f"YOU: {me['name'].upper()} · {me['ap']} AP"
            if not snap.my_move and snap.actor:
                label = f"YOU: {me['name'].upper()} · waiting for {self.world.name(snap.actor)}"
            lr = t.draw(surf, "condb", label, PAPER, (x, cy), "midleft", width=room)
            self.spots.add(lr, f"You play {me['full']}.\nObjective: {me['objective']}\n"
                               f"{me['ap']} action point(s) left this quarter; they lapse at its end.")
        elif self.spectator:
            what = "DEMONSTRATION" if self.class_opts.pace is not None else "SPECTATING"
            t.draw(surf, "condb", f"{what} — the AI plays every seat", PAPER, (x, cy), "midleft", width=room)

    def _token(self, surf, seat: Seat, c, r, focused: bool):
        th = self.theme
        col = th.faction_colour(seat.faction)
        pygame.draw.circle(surf, col, c, r)
        pygame.draw.circle(surf, INK, c, r, max(1, self.px(2)))
        info = self.world.leaders[seat.lid]
        label = initials(info.full_name, info.name)
        font = next((f for f in ("h3", "condb", "tiny") if self.t.width(f, label) <= 1.7 * r
                     and th.line_h(f) <= 2.2 * r), None)
        if font is not None:
            self.t.draw(surf, font, label, th.ink_on(col), c, "center")
        if th.cb:
            draw_shape(surf, th.faction_shape(seat.faction), col, (c[0] + r * 0.75, c[1] + r * 0.75), max(3, r * 0.32), outline=PAPER)
        if seat.me:
            pygame.draw.circle(surf, OCHRE, c, r + self.px(4), max(2, self.px(3)))
        if focused:
            pygame.draw.circle(surf, RED, c, r + self.px(7), max(2, self.px(3)))
        if seat.vote:
            vc = th.yes if seat.vote == "yes" else th.no
            vr = max(5, int(r * 0.38))
            vpos = (int(c[0] + r * 0.8), int(c[1] - r * 0.8))
            pygame.draw.circle(surf, vc, vpos, vr)
            pygame.draw.circle(surf, PAPER, vpos, vr, 1)
            self.t.draw(surf, "tiny", "Y" if seat.vote == "yes" else "N", WHITE, vpos, "center")

    def draw_politburo(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        snap = self.snap
        nf, nc = len(snap.full), len(snap.candidates)
        empty = sum(snap.empty_seats)
        header = f"{nf} vote · {nc} speak" + (f" · {empty} empty" if empty else "")
        inner = panel(surf, th, self.r_pb, "Politburo", self.focus == "seats", header)
        # the agenda takes the bottom lines: each item on up to two lines, four lines at most
        lh = th.line_h("small") + px(2)
        ag_items: list[tuple[list[str], str]] = []
        used = 0
        for i, (label, tip) in enumerate(snap.agenda):
            lines = t.wrap("small", f"{i + 1}. {label}", inner.width)[:3]
            if used + len(lines) > 4:
                break
            ag_items.append((lines, tip))
            used += len(lines)
        ag_h = (th.line_h("condb") + px(4) + used * lh) if snap.agenda else th.line_h("small") + px(4)
        seats_area = pygame.Rect(inner.x, inner.y, inner.width, inner.height - ag_h - px(4))
        name_h = th.line_h("tiny") + px(2)
        widest = max((t.width("tiny", x.name) for x in snap.candidates), default=0)
        cand_rows = 1 if nc <= 4 or widest + px(4) <= inner.width / max(1, nc) else 2
        cand_h = th.line_h("tiny") + px(4)
        hdr = th.line_h("condb") + px(4)
        W, H = seats_area.width, seats_area.height
        cand_fixed = hdr + cand_rows * (cand_h + px(2))
        # two rows of full members around the table, or one row above it when space is short
        per_two = max(1, math.ceil(nf / 2))
        r_two = min(W / (per_two * 2.6), (H - 2 * name_h - px(12) - cand_fixed) / (5.1 + 1.4 * cand_rows))
        r_one = min(W / (max(1, nf) * 2.3), (H - name_h - px(10) - cand_fixed) / (2.6 + 1.4 * cand_rows))
        one_row = r_one > r_two * 1.1
        r = int(max(px(6), min(px(24), r_one if one_row else r_two)))
        cr = max(px(5), int(r * 0.7))
        seats = snap.full + snap.candidates
        focus_lid = seats[self.seat_focus % len(seats)].lid if seats and self.focus == "seats" else None
        top = seats_area.y + px(2)
        if one_row:
            table = pygame.Rect(0, 0, int(W * 0.92), max(px(6), int(r * 0.6)))
            table.midtop = (seats_area.centerx, top + name_h + 2 * r - int(r * 0.3))
            rows = ((snap.full, top + name_h + r, True, max(1, nf)),)
            block_h = name_h + 2 * r + int(r * 0.3) + px(6)
        else:
            table_h = max(px(10), int(r * 1.1))
            table = pygame.Rect(0, 0, int(W * 0.78), table_h)
            table.center = (seats_area.centerx, top + 2 * r + name_h + table_h // 2 + px(4))
            rows = ((snap.full[:per_two], table.top - r - px(2), True, per_two),
                    (snap.full[per_two:], table.bottom + r + px(2), False, per_two))
            block_h = 2 * (2 * r + name_h) + table_h + px(8)
        pygame.draw.rect(surf, RED, table)
        pygame.draw.rect(surf, INK, table, max(1, px(2)))
        if table.height >= th.line_h("tiny") and not one_row:
            t.draw(surf, "tiny", "FULL MEMBERS — THEY VOTE", PAPER, table.center, "center", width=table.width - px(8))
        for row, y, label_above, per_row in rows:
            n = len(row)
            if not n:
                continue
            step = table.width / per_row
            x0 = table.x + step / 2 + (per_row - n) * step / 2
            for i, seat in enumerate(row):
                c = (int(x0 + i * step), int(y))
                self._token(surf, seat, c, r, seat.lid == focus_lid)
                ny = c[1] - r - name_h + px(1) if label_above else c[1] + r + px(1)
                t.draw(surf, "tiny", seat.name, INK, (c[0], ny), "midtop", width=int(step) - px(2))
                self.spots.add(pygame.Rect(c[0] - r, c[1] - r, 2 * r, 2 * r), seat.tip,
                               lambda lid=seat.lid: self.open_dossier(lid), key=("seat", seat.lid))
        # candidates
        cy0 = top + block_h + px(2)
        head = "CANDIDATES — SPEAK, DO NOT VOTE" if not one_row else "CANDIDATES — NO VOTE"
        t.draw(surf, "condb", head, INK_SOFT, (inner.x, cy0), width=inner.width)
        cy0 += th.line_h("condb") + px(2)
        per = max(1, math.ceil(nc / cand_rows))
        step = inner.width / max(per, 1)
        room_h = seats_area.bottom - cy0
        cr = max(px(5), min(cr, int((room_h / cand_rows - cand_h) / 2), int(step / 2.6)))
        for i, seat in enumerate(snap.candidates):
            row_i, col_i = divmod(i, per)
            c = (int(inner.x + step / 2 + col_i * step), int(cy0 + cr + row_i * (2 * cr + cand_h)))
            if c[1] + cr > seats_area.bottom + px(4):
                break
            self._token(surf, seat, c, cr, seat.lid == focus_lid)
            t.draw(surf, "tiny", seat.name, INK, (c[0], c[1] + cr + px(1)), "midtop", width=int(step) - px(2))
            self.spots.add(pygame.Rect(c[0] - cr, c[1] - cr, 2 * cr, 2 * cr), seat.tip,
                           lambda lid=seat.lid: self.open_dossier(lid), key=("seat", seat.lid))
        # the agenda
        ay = inner.bottom - ag_h
        pygame.draw.line(surf, INK_SOFT, (inner.x, ay - px(2)), (inner.right, ay - px(2)), 1)
        if not snap.agenda:
            t.draw(surf, "small", "Nothing on this quarter's agenda yet.", INK_SOFT, (inner.x, ay + px(2)), width=inner.width)
            return
        t.draw(surf, "condb", "AGENDA · Y/N = EXPECTED VOTES", RED, (inner.x, ay + px(1)), width=inner.width)
        ay += th.line_h("condb") + px(4)
        for i, (lines, tip) in enumerate(ag_items):
            if i == len(ag_items) - 1 and len(snap.agenda) > len(ag_items):
                lines = lines[:-1] + [t.fit("small", lines[-1] + f" (+{len(snap.agenda) - len(ag_items)} more)", inner.width)]
            top_y = ay
            for line in lines:
                t.draw(surf, "small", line, INK, (inner.x, ay), width=inner.width)
                ay += lh
            self.spots.add(pygame.Rect(inner.x, top_y, inner.width, ay - top_y), tip)

    def draw_me(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        snap = self.snap
        me = snap.me
        title = f"Your dossier — {me['name']}" if me else "Standings"
        inner = panel(surf, th, self.r_me, title)
        y = inner.y
        if me:
            rr = px(20)
            c = (inner.x + rr, y + rr)
            fac = me["lid"]
            pygame.draw.circle(surf, th.faction_colour(fac), c, rr)
            pygame.draw.circle(surf, OCHRE, c, rr, max(2, px(3)))
            t.draw(surf, "h3", initials(me["full"], me["name"]), th.ink_on(th.faction_colour(fac)), c, "center")
            x = inner.x + 2 * rr + px(8)
            t.draw(surf, "bold", me["offices"], INK, (x, y), width=inner.right - x)
            status = me["seat"] + ("" if me["status"] == "active" else f" · {me['status']}")
            if me["sanction"]:
                status += f" · sanctioned: {me['sanction']}"
            t.draw(surf, "small", status, RED if me["status"] != "active" or me["sanction"] else INK_SOFT,
                   (x, y + th.line_h("bold")), width=inner.right - x)
            y += max(2 * rr, th.line_h("bold") + th.line_h("small")) + px(6)
            stats = (("AP", f"{me['ap']}", "Action points left this quarter. Each action costs one or two."),
                     ("Prestige", f"{me['prestige']:.0f}", "Standing in the party: weighs in every vote about you."),
                     ("Patronage", f"{me['patronage']:.0f}", "Favours to spend: canvassing costs patronage; offices pay it."),
                     ("Mantle", f"{me['mantle']:.0f}", "Lenin's mantle: how far the party sees you as his true heir."))
            cw = inner.width / len(stats)
            for i, (label, value, tip) in enumerate(stats):
                label = label if t.width("tiny", label.upper()) <= cw - px(8) else label[:6] + "."
                bx = int(inner.x + i * cw)
                box = pygame.Rect(bx, y, int(cw) - px(4), th.line_h("h2") + th.line_h("tiny") + px(4))
                pygame.draw.rect(surf, PAPER, box)
                pygame.draw.rect(surf, INK, box, 1)
                t.draw(surf, "h2", value, RED if label == "AP" else INK, (box.centerx, box.y + px(1)), "midtop", width=box.width - 2)
                t.draw(surf, "tiny", label.upper(), INK_SOFT, (box.centerx, box.bottom - px(2)), "midbottom", width=box.width - 2)
                self.spots.add(box, tip)
            y += th.line_h("h2") + th.line_h("tiny") + px(10)
            # objective
            obj = f"Objective: {me['objective']}"
            grade = f"Score if it ended now: {me['points']}/{me['max']} ({me['grade']})"
            tip = obj + "\n" + "\n".join(f"[{'x' if ok else ' '}] {cond}" for cond, ok in me["met"]) + "\n" + grade
            y0 = y
            y = t.draw_wrapped(surf, "small", obj, INK, pygame.Rect(inner.x, y, inner.width, (th.line_h("small") + 1) * 3), gap=1)
            y = t.draw_wrapped(surf, "smallb", grade, RED, pygame.Rect(inner.x, y, inner.width, (th.line_h("smallb") + 1) * 2), gap=1)
            self.spots.add(pygame.Rect(inner.x, y0, inner.width, y - y0), tip)
            y += px(4)
        # the standings
        if y + th.line_h("tiny") * 2 < inner.bottom - px(4):
            t.draw(surf, "condb", "POWER STANDINGS", INK_SOFT, (inner.x, y), width=inner.width)
            y += th.line_h("condb") + px(2)
            top = max((v for _, _, v, _ in snap.standings), default=1) or 1
            rh = th.line_h("tiny") + px(3)
            name_w = max((t.width("tiny", n) for _, n, _, _ in snap.standings), default=40) + px(16)
            for lid, nm, val, tip in snap.standings:
                if y + rh > inner.bottom:
                    break
                marker(surf, th, lid, (inner.x + px(5), y + rh // 2), px(4))
                t.draw(surf, "tiny", nm, INK, (inner.x + px(12), y + rh // 2), "midleft", width=name_w - px(12))
                bw = int((inner.width - name_w - px(36)) * val / top)
                bar = pygame.Rect(inner.x + name_w, y + px(2), max(1, bw), rh - px(4))
                pygame.draw.rect(surf, th.faction_colour(lid), bar)
                t.draw(surf, "tiny", f"{val:.0f}", INK, (bar.right + px(4), y + rh // 2), "midleft")
                if me and lid == me["lid"]:
                    pygame.draw.rect(surf, OCHRE, bar.inflate(2, 2), 1)
                self.spots.add(pygame.Rect(inner.x, y, inner.width, rh), tip)
                y += rh

    def draw_mood(self, surf):
        th = self.theme
        px = self.px
        snap = self.snap
        inner = panel(surf, th, self.r_mood, "The party's mood", right="black: rank and file · red: the line")
        gap = px(16)
        cw = (inner.width - 2 * gap) // 3
        mh = meter_height(th)
        for i, ax in enumerate(AXES):
            r = pygame.Rect(inner.x + i * (cw + gap), inner.y + px(6), cw, mh)
            left, right = AXIS_SHORT[ax]
            bipolar_meter(surf, th, r, AXIS_TITLES[ax], snap.mood.get(ax, 0), snap.line.get(ax), left, right)
            self.spots.add(r, snap.mood_tips.get(ax))
        y2 = inner.y + px(6) + mh + px(8)
        for i, (key, title, colour) in enumerate((("unity", "Unity", INK), ("cult", "Lenin cult", RED),
                                                  ("crisis", "Crisis", INK_SOFT))):
            r = pygame.Rect(inner.x + i * (cw + gap), y2, cw, mh)
            unit_meter(surf, th, r, title, snap.mood.get(key, 0), colour)
            self.spots.add(r, snap.mood_tips.get(key))

    def _hemicycle_points(self, n: int, cx: float, cy: float, R: float):
        key = (n, int(cx), int(cy), int(R))
        if getattr(self, "_hemicycle", None) and self._hemicycle[0] == key:
            return self._hemicycle[1]
        rin = R * 0.38
        rows = 1
        while True:
            d = (R - rin) / rows
            cap = sum(int(math.pi * (rin + (i + 0.5) * d) / d) for i in range(rows))
            if cap >= n or rows > 12:
                break
            rows += 1
        d = (R - rin) / rows
        radii = [rin + (i + 0.5) * d for i in range(rows)]
        total_r = sum(radii)
        counts = [max(1, round(n * rr / total_r)) for rr in radii]
        while sum(counts) > n:
            counts[counts.index(max(counts))] -= 1
        while sum(counts) < n:
            counts[-1] += 1
        pts = []
        for rr, k in zip(radii, counts, strict=True):
            for j in range(k):
                a = math.pi * (1 - (j + 0.5) / k) if k > 1 else math.pi / 2
                pts.append((a, cx + rr * math.cos(a), cy - rr * math.sin(a)))
        pts.sort(key=lambda p: -p[0])
        dot = max(2.0, d * 0.42)
        self._hemicycle = (key, (pts, dot))
        return pts, dot

    def draw_cc(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        snap = self.snap
        inner = panel(surf, th, self.r_cc, "Central Committee", right=f"{snap.cc_total} members, by patron")
        rh = th.line_h("tiny") + px(3)
        col_w = max((t.width("tiny", f"{lab} 00 (00%)") for _, lab, _ in snap.cc_legend), default=80) + px(20)
        per_col = max(1, inner.height // rh)
        cols = max(1, math.ceil(len(snap.cc_legend) / per_col))
        leg_w = min(int(inner.width * (0.34 if cols == 1 else 0.5)), cols * col_w)
        col_w = leg_w // cols
        area = pygame.Rect(inner.x, inner.y, inner.width - leg_w - px(6), inner.height)
        R = min(area.width / 2 - px(4), area.height - px(6))
        if R < 20 or not snap.cc:
            return
        cx, cy = area.centerx, area.y + px(2) + R
        pts, dot = self._hemicycle_points(len(snap.cc), cx, cy, R)
        for (fac, tip), (_, x, y) in zip(snap.cc, pts, strict=False):
            marker(surf, th, fac, (x, y), dot)
            self.spots.add(pygame.Rect(x - dot, y - dot, 2 * dot + 1, 2 * dot + 1), tip)
        # the legend, in as many columns as it needs
        for i, (fac, label, n) in enumerate(snap.cc_legend):
            c, r_ = divmod(i, per_col)
            lx = area.right + px(6) + c * col_w
            ly = inner.y + r_ * rh
            marker(surf, th, fac, (lx + px(5), ly + rh // 2), px(5))
            t.draw(surf, "tiny", f"{label} {n} ({n / max(1, snap.cc_total):.0%})", INK, (lx + px(14), ly + rh // 2),
                   "midleft", width=col_w - px(16))
            self.spots.add(pygame.Rect(lx, ly, col_w, rh),
                           f"{label}: {n} of {snap.cc_total} Central Committee seats.\nThe CC elects the Politburo and "
                           "ratifies expulsions; Congress delegates elect the CC.")

    def _map_layout(self, inner: pygame.Rect):
        """Place each organisation (its disc, the label to its right) at the free spot nearest its
        schematic map position — biggest first, searched ring by ring — so nothing overlaps. When
        the window is too small, labels get smaller, then lose the secretary's line (still in the
        tooltip)."""
        th = self.theme
        snap = self.snap
        key = (inner.topleft, inner.size, th.version, tuple((r.rid, r.total, r.secretary) for r in snap.regions))
        if getattr(self, "_map_cache", None) and self._map_cache[0] == key:
            return self._map_cache[1]
        modes = (("condb", True, False), ("condb", True, True), ("tiny", True, True), ("tiny", False, True))
        best = None
        for name_font, with_sec, short in modes:
            for order in ("size", "top"):
                out, worst = self._place_regions(inner, name_font, with_sec, short, order)
                if best is None or worst < best[1] - 0.02:
                    best = (out, worst)
            if best[1] <= 0.25:  # every organisation close enough to its place
                break
        out = best[0]
        self._map_cache = (key, out)
        return out

    def _place_regions(self, inner: pygame.Rect, name_font: str, with_sec: bool, short: bool = False,
                       order: str = "size"):
        th = self.theme
        t = self.t
        px = self.px
        snap = self.snap
        biggest = max(r.total for r in snap.regions) or 1
        label_h = th.line_h(name_font) + (th.line_h("tiny") - px(2) if with_sec else 0)
        rmax = max(px(7), min(inner.width * 0.045, inner.height * 0.07))
        rmin = rmax * 0.5
        m = inner.inflate(-2 * px(4), -2 * px(4))
        gap = px(4)
        nodes = []
        for reg in snap.regions:
            rad = rmin + (rmax - rmin) * math.sqrt(reg.total / biggest)
            lw = t.width(name_font, short_name(reg.name) if short else reg.name)
            if with_sec:
                lw = max(lw, t.width("tiny", f"sec. {reg.secretary}"))
            w_ = 2 * rad + gap + lw
            h_ = max(2 * rad, label_h)
            cx = m.x + rad + reg.x * (m.width - w_)
            cy = m.y + h_ / 2 + reg.y * (m.height - h_)
            nodes.append([reg, cx, cy, rad, w_, h_])
        placed: list[pygame.Rect] = []
        worst = 0.0
        pad = px(3)
        key = (lambda n: -n[0].total) if order == "size" else (lambda n: (n[2], n[1]))
        for n in sorted(nodes, key=key):
            _, cx, cy, rad, w_, h_ = n
            bw, bh = int(w_) + pad, int(h_) + pad

            def box(x, y, rad=rad, bw=bw, bh=bh, h_=h_):
                return pygame.Rect(int(x - rad), int(y - h_ / 2), bw, bh)

            # candidates: its own place, and every spot touching a box already placed
            cands = [(cx, cy)]
            for p in placed:
                xs = (p.right + rad, p.x - bw + rad, cx)
                ys = (p.bottom + h_ / 2, p.y - bh + h_ / 2, cy, p.y + h_ / 2, p.bottom - bh + h_ / 2)
                cands += [(xs[0], y) for y in ys[2:]] + [(xs[1], y) for y in ys[2:]]
                cands += [(x, ys[0]) for x in (cx, p.x + rad, p.right - bw + rad)]
                cands += [(x, ys[1]) for x in (cx, p.x + rad, p.right - bw + rad)]
            best = None
            for x, y in cands:
                x = min(max(x, m.x + rad), m.right - bw + rad)
                y = min(max(y, m.y + h_ / 2), m.bottom - bh + h_ / 2)
                d2 = (x - cx) ** 2 + 1.5 * (y - cy) ** 2
                if best is not None and d2 >= best[0]:
                    continue
                b = box(x, y)
                if m.contains(b) and b.collidelist(placed) < 0:
                    best = (d2, x, y, b)
            if best is None:  # no room at all: keep its place
                worst = 9.0
                best = (0, cx, cy, box(cx, cy))
            worst = max(worst, (best[0] ** 0.5) / max(m.width, m.height))
            n[1], n[2] = best[1], best[2]
            placed.append(best[3])
        return [(n[0], n[1], n[2], n[3], name_font, with_sec, short) for n in nodes], worst

    def draw_map(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        snap = self.snap
        inner = panel(surf, th, self.r_map, "Party organisations", self.focus == "regions",
                      "size: members · colour: loyalty")
        pygame.draw.rect(surf, PAPER, inner)
        # a faint grid, like a planning map
        step = px(40)
        for gx in range(inner.x, inner.right, step):
            pygame.draw.line(surf, PAPER_DARK, (gx, inner.y), (gx, inner.bottom), 1)
        for gy in range(inner.y, inner.bottom, step):
            pygame.draw.line(surf, PAPER_DARK, (inner.x, gy), (inner.right, gy), 1)
        if not snap.regions:
            return
        marks = self._map_layout(inner)
        centre = next(((m[1], m[2]) for m in marks if m[0].rid == "moscow"), None)
        if centre:
            for reg, x, y, *_ in marks:
                if reg.rid != "moscow":
                    pygame.draw.line(surf, PAPER_DEEP, centre, (x, y), 1)
        regs_sorted = sorted(snap.regions, key=lambda r: (r.y, r.x))
        focus_rid = regs_sorted[self.region_focus % len(regs_sorted)].rid if self.focus == "regions" else None
        for reg, x, y, rad, name_font, with_sec, short in marks:
            col = th.faction_colour(reg.faction)
            fill = mix(PAPER, col, 0.35 + 0.65 * min(1.0, reg.share / 0.6)) if reg.faction else PAPER_DEEP
            c = (int(x), int(y))
            pygame.draw.circle(surf, fill, c, int(rad))
            pygame.draw.circle(surf, INK, c, int(rad), max(1, px(2)))
            if reg.protected:
                pygame.draw.circle(surf, INK, c, int(rad) + px(3), 1)
            if th.cb and reg.faction:
                draw_shape(surf, th.faction_shape(reg.faction), th.ink_on(fill) if fill == col else col, c,
                           max(4, rad * 0.45), outline=PAPER)
            if reg.rid == focus_rid:
                pygame.draw.circle(surf, RED, c, int(rad) + px(5), max(2, px(3)))
            lx = int(x + rad + px(4))
            ly = int(y - (th.line_h(name_font) + (th.line_h("tiny") - px(2) if with_sec else 0)) / 2)
            label = short_name(reg.name) if short else reg.name
            hit = pygame.Rect(x - rad, y - rad, 2 * rad, 2 * rad).union(t.draw(surf, name_font, label, INK, (lx, ly)))
            if with_sec:
                hit = hit.union(t.draw(surf, "tiny", f"sec. {reg.secretary}", INK_SOFT, (lx, ly + th.line_h(name_font) - px(2))))
            self.spots.add(hit, reg.tip, lambda rid=reg.rid: self.open_region(rid), key=("region", reg.rid))

    def draw_palette(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        snap = self.snap
        me = snap.me
        right = f"{me['ap']} AP left" if me and snap.my_move else ""
        title = "Your move" if snap.my_move else "Actions"
        inner = panel(surf, th, self.r_pal, title, self.focus == "palette", right)
        y = inner.y
        bh = th.line_h("h3") + px(14)
        # the state of play when it is not our move
        if self.spectator:
            text = ("A demonstration: the AI plays every seat, the quarters follow each other at a pace a class can "
                    "read, and the cards turn by themselves. Space pauses and resumes — on a card too, which then "
                    "stays up while you talk about it. Hover anything to see why." if self.class_opts.pace is not None
                    else "You are watching the AI play every seat. Space plays the next quarter; "
                    "A turns autoplay on or off. Hover anything to see why.")
            t.draw_wrapped(surf, "body", text, INK,
                           pygame.Rect(inner.x, y, inner.width, inner.height - bh - px(8)))
            layout_row([self.next_btn, self.auto_btn], th, inner.x, inner.bottom - bh, max_width=inner.width)
            self.next_btn.enabled = not self.busy and not snap.over
            self.auto_btn.label = "Pause" if self.autoplay else "Autoplay"
            for b in (self.next_btn, self.auto_btn):
                b.draw(surf, th, b.rect.collidepoint(self.mouse))
                self.spots.add(b.rect, None, b.action)
            return
        if not snap.my_move:
            who = self.world.name(snap.actor) if snap.actor else "nobody"
            msg = ("The game is over." if snap.over else
                   f"Waiting for {who}. The other leaders are making their moves; the board updates as they do.")
            t.draw_wrapped(surf, "body", msg, INK_SOFT, pygame.Rect(inner.x, y, inner.width, inner.height))
            return
        if snap.pending is not None:
            d = snap.pending
            head = "A vote awaits your ballot:" if d.kind == "vote" else "A question for you:"
            t.draw(surf, "condb", head.upper(), RED, (inner.x, y), width=inner.width)
            y += th.line_h("condb") + px(2)
            y = t.draw_wrapped(surf, "body", d.prompt, INK, pygame.Rect(inner.x, y, inner.width, th.line_h("body") * 3 + px(6)))
            if d.kind == "vote":
                t.draw_wrapped(surf, "small", "Press V (or Enter) to open the vote with its whip count.", INK_SOFT,
                               pygame.Rect(inner.x, y + px(4), inner.width, th.line_h("small") * 2 + px(4)))
                y += th.line_h("small") * 2 + px(10)
            self.options.rect = pygame.Rect(inner.x, y + px(4), inner.width, max(10, inner.bottom - bh - px(10) - y))
            self.options.draw(surf, True, self.mouse, None)
            self.take_btn.label = "Open the vote" if d.kind == "vote" else "Answer"
            self.take_btn.rect = pygame.Rect(inner.x, inner.bottom - bh, inner.width, bh)
            self.take_btn.draw(surf, th, self.take_btn.rect.collidepoint(self.mouse))
            self.spots.add(self.take_btn.rect, None, self.take_btn.action)
            return
        # the kinds, as chips that wrap
        chip_h = th.line_h("condb") + px(8)
        x = inner.x
        for kind, label, n, reason in snap.kinds:
            text = f"{label} {n}" if n else label
            w = t.width("condb", text) + px(14)
            if x + w > inner.right and x > inner.x:
                x = inner.x
                y += chip_h + px(4)
            r = pygame.Rect(x, y, w, chip_h)
            active = kind == self.kind
            if active:
                bg, fg = (RED, PAPER) if n else (INK_SOFT, PAPER)
            else:
                bg, fg = (PAPER, INK) if n else (PAPER_DARK, GREY)
            pygame.draw.rect(surf, bg, r)
            pygame.draw.rect(surf, INK if n else GREY, r, 1)
            t.draw(surf, "condb", text, fg, r.center, "center")
            tip = f"{label}: {KIND_HELP[kind]}\n" + (f"{n} possible now." if n else f"Not now: {reason}.")
            tip += "\n←/→ switch between kinds of action."
            self.spots.add(r, tip, lambda k=kind: self.set_kind(k), key=("kind", kind))
            x += w + px(4)
        if snap.slate_ok:  # opens the list editor rather than listing actions: drawn as a chip with an arrow
            text = "Draft a list ▸"
            w = t.width("condb", text) + px(14)
            if x + w > inner.right and x > inner.x:
                x = inner.x
                y += chip_h + px(4)
            r = pygame.Rect(x, y, w, chip_h)
            pygame.draw.rect(surf, PAPER_DEEP if r.collidepoint(self.mouse) else PAPER, r)
            pygame.draw.rect(surf, RED, r, max(1, px(2)))
            t.draw(surf, "condb", text, RED, r.center, "center")
            self.spots.add(r, LIST_TIP, self.open_slate, key=("kind", "slate"))
        y += chip_h + px(6)
        n_now = next((n for k, _, n, _ in snap.kinds if k == self.kind), 0)
        if not n_now:
            reason = next((r for k, _, _, r in snap.kinds if k == self.kind), "")
            text = f"{KIND_LABEL.get(self.kind, self.kind)} — not possible now: {reason}."
            y = t.draw_wrapped(surf, "small", text, RED, pygame.Rect(inner.x, y, inner.width, th.line_h("small") * 3 + px(4)))
        else:
            room_rows = (inner.bottom - bh - px(8) - y - th.line_h("small") * 2) // max(1, self.options.row_h)
            lines = 2 if room_rows >= 5 else 1
            y = t.draw_wrapped(surf, "small", KIND_HELP[self.kind], INK_SOFT,
                               pygame.Rect(inner.x, y, inner.width, (th.line_h("small") + 1) * lines), gap=1)
        y += px(4)
        self.options.rect = pygame.Rect(inner.x, y, inner.width, max(10, inner.bottom - bh - px(8) - y))
        self.options.draw(surf, self.focus == "palette", self.mouse, self.spots,
                          click=lambda i: None)
        self.take_btn.label = "Take"
        layout_row([self.take_btn, self.end_btn], th, inner.x, inner.bottom - bh, max_width=inner.width)
        half = (inner.width - px(10)) // 2
        self.take_btn.rect.width = half
        self.end_btn.rect.x = inner.x + half + px(10)
        self.end_btn.rect.width = inner.width - half - px(10)
        self.take_btn.enabled = self.options.current() is not None
        for b in (self.take_btn, self.end_btn):
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            tip = ("Take the selected action (Enter, or double-click it)." if b is self.take_btn else
                   "End your turn (E). Action points you have not spent lapse at the end of the quarter.")
            self.spots.add(b.rect, tip, b.action)

    def draw_chronicle(self, surf):
        th = self.theme
        t = self.t
        px = self.px
        inner = panel(surf, th, self.r_chr, None, self.focus == "chronicle")
        # tabs in the header
        tab_h = th.line_h("h3") + px(6)
        x = self.r_chr.x
        pygame.draw.rect(surf, INK, (self.r_chr.x, self.r_chr.y, self.r_chr.width, tab_h))
        for key, label in (("chronicle", "Chronicle"), ("ledger", "History ledger")):
            w = t.width("h3", label.upper()) + px(20)
            r = pygame.Rect(x, self.r_chr.y, w, tab_h)
            if self.tab == key:
                pygame.draw.rect(surf, RED, r)
            t.draw(surf, "h3", label.upper(), PAPER, r.center, "center")
            self.spots.add(r, "Press H to switch between the chronicle and the ledger of history.",
                           lambda key=key: self.set_tab(key))
            x += w
        t.draw(surf, "tiny", "H", PAPER_DEEP, (self.r_chr.right - px(8), self.r_chr.y + tab_h // 2), "midright")
        body = pygame.Rect(self.r_chr.x + px(8), self.r_chr.y + tab_h + px(6), self.r_chr.width - px(12),
                           self.r_chr.height - tab_h - px(10))
        if self.chron.rect != body:
            self.chron.rect = body
            self.chron.set(self.snap.chronicle if self.tab == "chronicle" else self.snap.ledger,
                           to_end=self.tab == "chronicle")
        self.chron.draw(surf, self.spots)
        del inner

    def set_tab(self, key: str):
        self.tab = key
        self.chron.set(self.snap.chronicle if key == "chronicle" else self.snap.ledger, to_end=key == "chronicle")
        return None

    def draw_status(self, surf):
        px = self.px
        w, h = surf.get_size()
        bar = pygame.Rect(0, h - self.status_h, w, self.status_h)
        pygame.draw.rect(surf, INK, bar)
        now = time.perf_counter()
        if self.message and now < self.message_until:
            text, colour = self.message, OCHRE
        else:
            colour = PAPER
            if self.busy:
                text = "The other leaders are moving. You can look around: hover anything to see why it is so."
            elif self.spectator and self.class_opts.pace is not None:
                text = ("Demonstration: the quarters follow each other · Space: pause or resume · M: the model · "
                        "F1: help · Esc: menu")
            elif self.spectator:
                text = "Space: next quarter · A: autoplay · Tab: move between panels · F1: help · Esc: menu"
            elif self.snap.my_move and self.snap.pending is not None:
                text = "V or Enter: open the vote · ↑/↓ choose an answer · Esc: menu · F1: help"
            elif self.snap.my_move:
                text = ("←/→ kind of action · ↑/↓ or 1–9 choose · Enter take · E end turn · "
                        + ("L draft a list · " if self.snap.slate_ok else "")
                        + "Tab next panel · D your dossier · H ledger · M the model · F1 help · Esc menu")
            else:
                text = "Tab: move between panels · Enter: open · F1: help · Esc: menu"
        self.t.draw(surf, "small", text, colour, (px(10), bar.centery), "midleft", width=w - px(20))

    def on_enter(self):
        self.relayout()
        self.version += 1
