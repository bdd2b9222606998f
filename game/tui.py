"""The terminal front end: the whole game in text, scriptable through stdin.

Conventions (DESIGN §5): `help` lists commands; an empty line at the action prompt ends your
turn; an empty line at a question takes the default in brackets; `quit` saves and exits 0; end
of input saves and exits 0. Output never contains a clock time, so the same seed and the same
input give the same transcript — except in a class game with a turn timer (`--timer`), whose
prompts show the time left. The timer's clock is the terminal's own (the engine has none): the
time between a prompt and the reply counts against the seat, and a reply that comes after the
time ran out ends the turn instead (a question takes its default answer). On a real terminal the
prompt also gives up by itself when the time runs out. For tests, POLITBURO_TEST_CLOCK=SECONDS
replaces the wall clock with one that stands still except that each line read takes SECONDS.
"""

from __future__ import annotations

import contextlib
import math
import os
import select
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from . import actions as A
from . import encyclopedia, history, wording
from .calendar import long_date, quarter_name
from .classroom import TurnTimer, clock_text
from .errors import BadInput, IllegalAction
from .model import AXES, AXIS_LABELS, LADDER, LADDER_LABELS, Motion
from .rules import accusations, victory
from .rules.common import distance_to_line
from .rules.congress import support
from .rules.power import cc_share, machine_share, politburo_votes
from .rules.votes import describe
from .session import Session

PHASES = {"events": "Events", "intrigue": "Intrigue", "sessions": "Sessions", "reckoning": "Reckoning", "over": "Game over"}

HELP = """Commands (names may be abbreviated; leaders and regions by id or name):
  (empty line)            end your turn
  actions [KIND]          list your legal actions, numbered; then type the number to take one
  appoint REGION [CLIENT] place a client at the head of a region's party (General Secretary)
  enrol                   launch an enrolment drive (General Secretary)
  accuse LEADER CHARGE    charges: factionalism, left_deviation, right_deviation, bonapartism, past_sins
  pact LEADER [open]      propose a pact (secret unless you say open)
  break PACT              break one of your pacts (see: pacts)
  publish AXIS            axes: econ, world, regime
  shift AXIS +|-          move your own line (+ towards industry / world revolution / democracy)
  motion remove LEADER OFFICE | motion appoint LEADER OFFICE | motion line AXIS +|-
  motion promote LEADER | motion readmit LEADER | motion congress
  canvass LEADER          spend patronage to win a colleague's trust
  campaign REGION         a speaking tour of a region
  investigate LEADER      set the OGPU on a rival (if it answers to you)
  recant                  admit your errors
  slate FULL / CAND / SEC [/ CC]  put a list to the CC: Politburo members, candidates, the
                          Secretariat (and, at a Congress, new CC men), comma-separated ids
  end                     end your turn
Looking around:
  status, politburo, institutions (CC, Secretariat, Orgburo, CCC), offices, regions, region ID,
  leader ID, pacts, cases, mood, power,
  agenda, whip N (agenda item N), explain MOTION (a past vote), chronicle [N], objective,
  lookup TERM (the encyclopedia: people and terms such as nomenklatura, Orgburo, NEP)
  model [N|WORD]          how the model works: every mechanism, its formula and its numbers now
  save [PATH], quit"""


TIMED_OUT = "\x00timed out"  # what `ask` returns when the turn timer ran out before a reply


class WallClock:
    """The terminal's clock for the turn timer: real seconds."""

    def now(self) -> float:
        return time.monotonic()

    def line_read(self) -> None:
        pass


class StepClock(WallClock):
    """A clock for tests: it stands still, except that each line of input takes `step` seconds."""

    def __init__(self, step: float):
        self.step = step
        self.t = 0.0

    def now(self) -> float:
        return self.t

    def line_read(self) -> None:
        self.t += self.step


def default_clock() -> WallClock:
    raw = os.environ.get("POLITBURO_TEST_CLOCK")
    if not raw:
        return WallClock()
    try:
        step = float(raw)
    except ValueError:
        step = -1.0
    if not 0 <= step <= 3600:
        raise BadInput(f"POLITBURO_TEST_CLOCK must be the seconds each line of input takes (got {raw!r})")
    return StepClock(step)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class TerminalGame:
    def __init__(self, session: Session, inp: TextIO = sys.stdin, out: TextIO = sys.stdout,
                 save_path: Path | None = None, hotseat: bool = False, clock: WallClock | None = None):
        self.s = session
        self.inp = inp
        self.out = out
        self.save_path = save_path
        self.hotseat = hotseat
        self.seen: dict[str | None, int] = {}
        self.last_human: str | None = None
        self.last_turn: dict[str, int] = {}
        self.shown_history: set[int] = set()
        self.clock = clock or default_clock()
        self.timer = TurnTimer(session.classroom.timer)
        self.timer_mark = 0.0  # the clock when the time left was last counted

    # ---- plumbing ------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def ask(self, prompt: str, timeout: float | None = None) -> str | None:
        """One line of input (None at its end). With a timeout, on a real terminal, TIMED_OUT if
        nothing was typed in time: whatever was half typed is thrown away."""
        self.out.write(prompt)
        self.out.flush()
        if timeout is not None and _is_tty(self.inp) and os.name == "posix":
            ready, _, _ = select.select([self.inp], [], [], max(0.0, timeout))
            if not ready:
                with contextlib.suppress(Exception):
                    import termios

                    termios.tcflush(self.inp.fileno(), termios.TCIFLUSH)
                self.say()
                return TIMED_OUT
        line = self.inp.readline()
        self.clock.line_read()
        if line == "":
            self.say()
            return None
        if not _is_tty(self.inp):  # scripted input: echo it, so the transcript reads as typed
            self.out.write(line if line.endswith("\n") else line + "\n")
        return line.strip()

    def name(self, lid: str | None) -> str:
        return self.s.state.world.name(lid)

    def resolve_leader(self, text: str) -> str:
        text = text.lower().strip()
        leaders = self.s.state.leaders
        if text in leaders:
            return text
        matches = [lid for lid in leaders if lid.startswith(text) or self.name(lid).lower().startswith(text)]
        if len(matches) == 1:
            return matches[0]
        raise BadInput(f"no single leader matches {text!r}" + (f" ({', '.join(matches[:5])})" if matches else ""))

    def resolve_region(self, text: str) -> str:
        text = text.lower().strip()
        regions = self.s.state.regions
        if text in regions:
            return text
        matches = [rid for rid in regions if rid.startswith(text) or self.s.state.world.region_name(rid).lower().startswith(text)]
        if len(matches) == 1:
            return matches[0]
        raise BadInput(f"no single region matches {text!r}")

    def resolve_office(self, text: str) -> str:
        text = text.lower().strip()
        offices = self.s.state.offices
        if text in offices:
            return text
        matches = [o for o in offices if o.startswith(text)]
        if len(matches) == 1:
            return matches[0]
        raise BadInput(f"no single office matches {text!r} (offices: {', '.join(offices)})")

    # ---- the loop ------------------------------------------------------------------------------
    def run(self) -> int:
        """Play until the game ends, the player quits or input ends. Returns the exit code."""
        s = self.s
        if not self.hotseat:  # in hot-seat each player reads the news behind his own privacy screen
            self.show_new_events(s.humans()[0] if s.humans() else None)
        while not s.over:
            s.run_ai()  # the AI's seats, under the class's cap on action points if there is one
            if s.over:
                break
            actor = s.current_actor()
            if actor is None:
                break
            if self.hotseat and actor != self.last_human:
                if self.ask(f"\n--- Pass to Comrade {self.name(actor)} — press Enter ---") is None:
                    return self.quit()
                self.say("\n" * 40)  # scroll the last player's screen out of sight
            self.last_human = actor
            self.show_new_events(actor)
            if s.pending():
                if not self.answer(actor):
                    return self.quit()
                continue
            if self.last_turn.get(actor) != s.state.turn:
                self.last_turn[actor] = s.state.turn
                self.history_due(s.state.turn - 1)
                self.status(actor)
            if not self.prompt_action(actor):
                return self.quit()
        self.show_new_events(self.last_human)
        self.ending()
        if self.hotseat:  # the seats may now learn what was hidden from each of them
            from . import historian

            self.say()
            for line in historian.as_text(s):
                self.say(line)
        self.write_save()
        return 0

    # ---- the class's turn timer --------------------------------------------------------------------
    def time_left(self, actor: str) -> float | None:
        """Seconds left of this seat's turn (or question), None when the class plays without a timer."""
        if not self.s.classroom.timer:
            return None
        key = self.s.timer_key(actor)
        if key != self.timer.key:
            self.timer_mark = self.clock.now()  # a new turn or question: the count starts now
        return self.timer.watch(key)

    def clock_tag(self, actor: str) -> str:
        left = self.time_left(actor)
        return "" if left is None else f", {clock_text(left)} left"

    def out_of_time(self, actor: str, reply: str | None) -> bool:
        """Count the time the reply took; if the clock ran out, the turn ends (or the question takes
        its default answer) through Session.time_up, and the reply is not acted on."""
        if self.time_left(actor) is None:
            return False
        now = self.clock.now()
        spent = math.inf if reply == TIMED_OUT else now - self.timer_mark
        self.timer_mark = now
        if not self.timer.spend(self.s.timer_key(actor), spent):
            return False
        d = self.s.pending()
        self.say(f"  Time is up: {self.name(actor)}'s turn ends." if d is None else
                 f"  Time is up: {self.name(actor)} takes the default answer ({d.default}).")
        self.print_events([e for e in self.s.time_up(actor) if e.visible_to(actor)])
        self.seen[actor] = len(self.s.chronicle)
        return True

    def answer(self, actor: str) -> bool:
        d = self.s.pending()
        self.say()
        if d.kind == "vote":
            self.say(f"The Politburo votes: {d.prompt}")
            self.say("  Your counsellors weigh it: " + "; ".join(f"{k} {v}" for k, v in d.context) if d.context else "")
        elif d.kind == "pact_offer":
            self.say(d.prompt)
        else:
            self.say(f"A decision for {self.name(actor)}: {d.prompt}")
        while True:
            options = "/".join(d.options) if len(d.options) <= 3 else "; ".join(f"{i + 1}) {o}" for i, o in enumerate(d.options))
            left = self.time_left(actor)
            reply = self.ask(f"{options} [{d.default}]{self.clock_tag(actor)}: ", left)
            if reply is None:
                return False
            if self.out_of_time(actor, reply):
                return True
            if reply in ("quit", "exit"):
                return False
            choice = d.default if reply == "" else reply
            if choice.isdigit() and 1 <= int(choice) <= len(d.options):
                choice = d.options[int(choice) - 1]
            matches = [o for o in d.options if o.lower().startswith(choice.lower())]
            if len(matches) == 1:
                self.s.act(A.Decide(actor, d.id, matches[0]))
                return True
            self.say(f"Answer one of: {', '.join(d.options)}")

    def prompt_action(self, actor: str) -> bool:
        listing: list[A.Action] = []
        while True:
            ld = self.s.state.leaders[actor]
            allowance = self.s.allowance(actor)
            ap = ld.ap if allowance is None else allowance
            left = self.time_left(actor)
            reply = self.ask(f"[{self.s.state.quarter} {self.name(actor)}, {ap} AP{self.clock_tag(actor)}] > ", left)
            if reply is None or reply in ("quit", "exit"):
                return False
            if self.out_of_time(actor, reply):
                return True
            if reply == "" or reply == "end":
                self.s.act(A.EndTurn(actor))
                return True
            try:
                if reply.isdigit() and listing:
                    index = int(reply) - 1
                    if not 0 <= index < len(listing):
                        raise BadInput(f"choose a number from 1 to {len(listing)}")
                    self.take(listing[index])
                    return True
                words = shlex.split(reply)
                verb, args = words[0].lower(), words[1:]
                if verb == "actions":
                    listing = self.list_actions(actor, args[0] if args else None)
                    continue
                action = self.parse_action(actor, verb, args)
                if action is None:
                    self.look(actor, verb, args)
                    continue
                self.take(action)
                return True
            except (BadInput, ValueError) as exc:
                self.say(f"  {exc.problems[0] if isinstance(exc, BadInput) else exc}")
            except IllegalAction as exc:
                self.say(f"  Refused: {exc.reason}.")

    def take(self, action: A.Action) -> None:
        events = self.s.act(action)  # the class's cap may end the turn after it
        self.print_events([e for e in events if e.visible_to(action.actor)])
        self.seen[action.actor] = len(self.s.chronicle)

    # ---- actions -------------------------------------------------------------------------------
    def parse_action(self, actor: str, verb: str, args: list[str]) -> A.Action | None:
        def need(n: int, usage: str) -> None:
            if len(args) < n:
                raise BadInput(f"usage: {usage}")

        if verb == "appoint":
            need(1, "appoint REGION [CLIENT]")
            return A.Appoint(actor, self.resolve_region(args[0]), self.resolve_leader(args[1]) if len(args) > 1 else None)
        if verb in ("enrol", "enroll", "enrolment"):
            return A.LaunchEnrolment(actor)
        if verb == "accuse":
            need(2, "accuse LEADER CHARGE")
            charge = next((c for c in accusations.CHARGES if c.startswith(args[1].lower())), args[1])
            return A.Accuse(actor, self.resolve_leader(args[0]), charge)
        if verb == "pact":
            need(1, "pact LEADER [open]")
            return A.ProposePact(actor, self.resolve_leader(args[0]), not (len(args) > 1 and args[1].lower() == "open"))
        if verb == "break":
            need(1, "break PACT_NUMBER")
            return A.BreakPact(actor, int(args[0]))
        if verb == "publish":
            need(1, "publish econ|world|regime")
            return A.Publish(actor, self.axis(args[0]))
        if verb == "shift":
            need(2, "shift AXIS +|-")
            return A.ShiftLine(actor, self.axis(args[0]), 1 if args[1] in ("+", "right", "up", "1", "+1") else -1)
        if verb == "canvass":
            need(1, "canvass LEADER")
            return A.Canvass(actor, self.resolve_leader(args[0]))
        if verb == "campaign":
            need(1, "campaign REGION")
            return A.Campaign(actor, self.resolve_region(args[0]))
        if verb == "investigate":
            need(1, "investigate LEADER")
            return A.Investigate(actor, self.resolve_leader(args[0]))
        if verb == "recant":
            return A.Recant(actor)
        if verb == "slate":
            parts = [part.strip() for part in " ".join(args).split("/")]
            if len(parts) < 3:
                raise BadInput("usage: slate FULL,... / CANDIDATES,... / SECRETARIES,... [/ NEW_CC_MEN,...]")
            ids = [",".join(self.resolve_leader(x) for x in part.replace(" ", ",").split(",") if x) for part in parts]
            return A.DraftSlate(actor, full=ids[0], candidates=ids[1], secretariat=ids[2], cc=ids[3] if len(ids) > 3 else "")
        if verb == "motion":
            need(1, "motion remove|appoint|line|promote|readmit|congress ...")
            kind = args[0].lower()
            if kind == "remove":
                need(3, "motion remove LEADER OFFICE")
                return A.TableMotion(actor, "remove_office", target=self.resolve_leader(args[1]), office=self.resolve_office(args[2]))
            if kind == "appoint":
                need(3, "motion appoint LEADER OFFICE")
                return A.TableMotion(actor, "appoint_office", target=self.resolve_leader(args[1]), office=self.resolve_office(args[2]))
            if kind == "line":
                need(3, "motion line AXIS +|-")
                return A.TableMotion(actor, "adopt_line", axis=self.axis(args[1]), direction=1 if args[2] in ("+", "1", "+1") else -1)
            if kind in ("promote", "readmit"):
                need(2, f"motion {kind} LEADER")
                return A.TableMotion(actor, kind, target=self.resolve_leader(args[1]))
            if kind == "congress":
                return A.TableMotion(actor, "early_congress")
            raise BadInput("motions: remove, appoint, line, promote, readmit, congress")
        return None

    def axis(self, text: str) -> str:
        match = [ax for ax in AXES if ax.startswith(text.lower())]
        if len(match) != 1:
            raise BadInput("axes: econ (NEP - industry), world (one country - world revolution), regime (discipline - democracy)")
        return match[0]

    def describe_action(self, a: A.Action) -> str:
        return wording.describe_action(self.s.state, a)

    KIND_HELP = {
        "appoint": "appoint REGION [CLIENT]", "enrolment": "enrol", "accuse": "accuse LEADER CHARGE",
        "propose_pact": "pact LEADER [open]", "break_pact": "break PACT", "publish": "publish AXIS",
        "shift_line": "shift AXIS +|-", "table_motion": "motion ...", "canvass": "canvass LEADER",
        "campaign": "campaign REGION", "investigate": "investigate LEADER", "recant": "recant",
    }
    LIST_LIMIT = 25

    def list_actions(self, actor: str, kind: str | None) -> list[A.Action]:
        """Without a kind: a summary by kind. With one: a numbered list, most telling first."""
        legal = [a for a in self.s.legal_for(actor) if not isinstance(a, A.EndTurn)]
        if kind is None:
            kinds: dict[str, list[A.Action]] = {}
            for a in legal:
                kinds.setdefault(a.kind, []).append(a)
            self.say(f"  You may take {len(legal)} actions now:")
            for k, group in kinds.items():
                self.say(f"  {k:13}{len(group):4}   e.g. {self.describe_action(group[0])}   [{self.KIND_HELP.get(k, k)}]")
            self.say("  'actions KIND' (e.g. actions accuse, actions motion) lists them with numbers.")
            return []
        want = kind.lower()
        legal = [a for a in legal if a.kind.startswith(want) or (want.startswith("motion") and a.kind == "table_motion")
                 or (isinstance(a, A.TableMotion) and a.motion.startswith(want))]
        if want.startswith("accuse"):
            legal = self._best_charges(legal)
        contenders = set(self.s.state.world.playable) | set(self.s.state.politburo_full)
        legal.sort(key=lambda a: 0 if getattr(a, "target", getattr(a, "partner", None)) in contenders else 1)
        if not legal:
            self.say("  No such legal action now.")
            return []
        shown = legal[: self.LIST_LIMIT]
        for i, a in enumerate(shown, 1):
            self.say(f"  {i:3}. {self.describe_action(a)}{self._forecast(a)}")
        if len(legal) > len(shown):
            self.say(f"  … and {len(legal) - len(shown)} more; type the command directly for any of them.")
        self.say("  Type a number to take it.")
        return shown

    def _forecast(self, a: A.Action) -> str:
        """The whip count a motion or charge would meet if put to the Politburo now."""
        leans = wording.forecast(self.s, a, a.actor)
        if leans is None:
            return ""
        yes, no = wording.tally(leans)
        if isinstance(a, A.Accuse):
            ev, why = accusations.evidence(self.s.state, a.target, a.charge)
            return f"  — evidence {ev:.2f} ({why}); whip now {yes}–{no}"
        return f"  — whip now {yes}–{no}"

    def _best_charges(self, legal: list[A.Action]) -> list[A.Action]:
        """One accusation per target: the charge with the strongest evidence, best first."""
        best: dict[str, tuple[float, A.Action]] = {}
        for a in legal:
            ev, _ = accusations.evidence(self.s.state, a.target, a.charge)
            if a.target not in best or ev > best[a.target][0]:
                best[a.target] = (ev, a)
        return [a for ev, a in sorted(best.values(), key=lambda t: (-t[0], t[1].target))]

    # ---- looking around ------------------------------------------------------------------------
    def look(self, actor: str, verb: str, args: list[str]) -> None:
        st = self.s.state
        w = st.world
        if verb == "help":
            self.say(HELP)
        elif verb == "status":
            self.status(actor)
        elif verb in ("politburo", "pb"):
            self.politburo()
        elif verb in ("lookup", "encyclopedia", "wiki", "what"):
            self.lookup(" ".join(args))
        elif verb in ("model", "rules"):
            from . import modelsheet

            for line in modelsheet.as_text(st.world.balance, " ".join(args) or None):
                self.say(f"  {line}" if line else "")
        elif verb in ("cc", "institutions", "secretariat", "orgburo", "ccc", "congress"):
            self.institutions()
        elif verb == "offices":
            for office, holder in st.offices.items():
                self.say(f"  {w.office_name(office):45} {self.name(holder) if holder else '(vacant)'}")
        elif verb == "regions":
            self.say(f"  {'region':22}{'members':>10}{'cand.':>9}{'workers':>9}  secretary / patron           loyalty")
            for r in st.regions.values():
                top = sorted(r.loyalty.items(), key=lambda kv: -kv[1])[:3]
                sec = self.name(r.secretary) if r.secretary else "(appointee)"
                self.say(f"  {w.region_name(r.id):22}{r.members:>10,}{r.candidates:>9,}{r.workers:>9.0%}  "
                         f"{sec} / {self.name(r.patron) if r.patron else '—':14} "
                         + ", ".join(f"{self.name(k)} {v:.0%}" for k, v in top))
        elif verb == "region":
            rid = self.resolve_region(args[0]) if args else ""
            r = st.regions[rid]
            info = w.regions[rid]
            self.say(f"  {info.name}: {r.members:,} members and {r.candidates:,} candidates, {r.workers:.0%} workers.")
            self.say(f"  Secretary: {self.name(r.secretary) if r.secretary else 'an appointee'}; client of {self.name(r.patron) if r.patron else 'nobody'}"
                     + (f"; the machine of {self.name(r.protected_by)} (changing it needs a Politburo vote)" if r.protected_by else "") + ".")
            rest = 1 - sum(r.loyalty.values())
            self.say("  Loyalty: " + ", ".join(f"{self.name(k)} {v:.0%}" for k, v in sorted(r.loyalty.items(), key=lambda kv: -kv[1])) + f", unattached {rest:.0%}.")
            if info.note:
                self.say(f"  Note: {info.note}")
        elif verb in ("leader", "dossier", "who"):
            self.dossier(self.resolve_leader(args[0]) if args else actor)
        elif verb == "pacts":
            mine = [p for p in st.pacts if (not p.secret or p.discovered or actor in p.members)]
            for p in mine:
                self.say(f"  #{p.id} {p.name}: {', '.join(self.name(m) for m in p.members)}; strength {p.strength:.2f}"
                         f"{'; secret' if p.secret else ''}{' (discovered)' if p.discovered else ''}")
            if not mine:
                self.say("  No pacts you know of.")
        elif verb == "cases":
            for c in st.cases:
                self.say(f"  {self.name(c.accuser)} v. {self.name(c.target)}: {accusations.CHARGES[c.charge]}, evidence {c.evidence:.2f} ({c.detail})")
            if not st.cases:
                self.say("  No cases before the Control Commission.")
        elif verb in ("mood", "line", "economy"):
            m = st.mood
            for axis in AXES:
                low, high = AXIS_LABELS[axis]
                self.say(f"  {axis:7} party mood {getattr(m, axis):+.2f}, adopted line {st.line[axis]:+.2f}   (- {low} / + {high})")
            e = st.economy
            self.say(f"  unity {m.unity:.2f}, Lenin cult {m.cult:.2f}; grain {e.grain:.0f}, procurement {e.procurement:.0f}, "
                     f"industry {e.industry:.0f}, crisis {e.crisis:.2f}")
        elif verb == "power":
            self.power()
        elif verb == "agenda":
            self.agenda(actor)
        elif verb == "whip":
            index = int(args[0]) - 1 if args else 0
            if not 0 <= index < len(st.motions):
                raise BadInput("no such agenda item (see: agenda)")
            self.whip(st.motions[index], actor)
        elif verb == "explain":
            if not args:
                raise BadInput("usage: explain MOTION_NUMBER (the number shown in the chronicle)")
            for line in self.s.explain(int(args[0].lstrip("#"))):
                self.say(line)
        elif verb == "chronicle":
            n = int(args[0]) if args else 20
            self.print_events(self.s.events_for(actor)[-n:])
        elif verb in ("objective", "objectives"):
            g = victory.grade(st, actor)
            self.say(f"  {g['summary']}")
            for cond, ok in g["met"]:
                self.say(f"   [{'x' if ok else ' '}] {cond}")
            self.say(f"  Now: {g['points']}/{g['max']} points — {g['grade']}.")
        elif verb == "save":
            path = Path(args[0]) if args else self.save_path
            self.write_save(path)
        else:
            self.say(f"  Unknown command {verb!r}. Type help.")

    def status(self, actor: str) -> None:
        st = self.s.state
        ld = st.leaders[actor]
        power = self.s.power()
        rank = sorted(power, key=lambda k: -power[k]).index(actor) + 1 if actor in power else 0
        offices = ", ".join(st.world.office_name(o) for o in st.offices_of(actor)) or "no office"
        seat = "full member" if actor in st.politburo_full else "candidate" if actor in st.politburo_candidates else "outside the Politburo"
        self.say(f"\n=== {st.quarter} · {long_date(st.quarter)} · {PHASES.get(st.phase, st.phase)} ===")
        self.say(f"Comrade {self.name(actor)} — {offices}; {seat}. Status: {ld.status}"
                 + (f", sanctioned: {LADDER_LABELS[LADDER[ld.sanction]]}" if ld.sanction else "") + ".")
        cap = self.s.classroom.ap_limit
        points = f"{ld.ap}" if cap is None else f"{self.s.allowance(actor)} (this class plays with {cap} a quarter)"
        self.say(f"Prestige {ld.prestige:.0f}, patronage {ld.patronage:.0f}, action points {points}. "
                 f"Power {power.get(actor, 0):.1f} (rank {rank} of {len(power)}).")
        self.politburo()
        if st.motions:
            self.agenda(actor)
        self.say("Type help for commands, actions for a numbered list; an empty line ends your turn.")

    def politburo(self) -> None:
        st = self.s.state
        self.say("Politburo (votes): " + ", ".join(self.name(x) for x in st.politburo_full))
        self.say("Candidates (speak): " + (", ".join(self.name(x) for x in st.politburo_candidates) or "none"))

    def lookup(self, query: str) -> None:
        """The encyclopedia: the best match in full, then the other matches by title."""
        if not query.strip():
            raise BadInput("usage: lookup TERM (a person or a term: e.g. lookup nomenklatura)")
        found = encyclopedia.search(query)
        if not found:
            self.say(f"  Nothing in the encyclopedia matches {query!r}.")
            return
        entry = found[0]
        titles = {s_id: src.get("title", s_id) for s_id, src in encyclopedia.sources().items()}
        self.say(f"  {entry.title} — {entry.subtitle}")
        for label, text in entry.fields:
            self.say(f"    {label}: {text}")
        self.say(f"    Sources: {'; '.join(titles.get(k, k) for k in entry.sources)} "
                 f"(confidence: {encyclopedia.CONFIDENCE.get(entry.confidence, entry.confidence)})")
        if entry.see_also:
            self.say(f"    See also: {', '.join(entry.see_also)}")
        if len(found) > 1:
            self.say("  Also: " + ", ".join(e.title for e in found[1:]))

    def institutions(self) -> None:
        st = self.s.state
        blocs: dict[str, int] = {}
        for seat in st.cc:
            key = self.name(seat.patron) if seat.patron else "unattached"
            blocs[key] = blocs.get(key, 0) + 1
        named = [ld.id for ld in st.leaders.values() if ld.in_cc and ld.active]
        self.say(f"  Central Committee: {len(st.cc) + len(named)} members — {len(named)} leading figures and, by patron, "
                 + ", ".join(f"{k} {v}" for k, v in sorted(blocs.items(), key=lambda kv: -kv[1])) + ".")
        self.say("  Secretariat: " + ", ".join(self.name(x) for x in st.secretariat)
                 + f" (General Secretary: {self.name(st.offices.get('general_secretary'))}).")
        self.say("  Orgburo: " + (", ".join(self.name(x) for x in st.orgburo) or "—") + ".")
        self.say(f"  Central Control Commission: {st.ccc_size} members, chaired by {self.name(st.offices.get('ccc_chair'))}; "
                 f"{len(st.cases)} case(s) before it.")
        due = st.flags.get("congress_due")
        last = st.flags.get("last_congress")
        self.say("  Party Congress: " + ("due this quarter" if due else "not due this quarter")
                 + (f"; the last sat in {quarter_name(last)}." if last is not None else "."))

    def power(self) -> None:
        st = self.s.state
        table = self.s.power()
        self.say(f"  {'contender':12}{'power':>7}{'PB votes':>10}{'CC share':>10}{'machine':>9}{'prestige':>10}")
        for lid in sorted(table, key=lambda k: -table[k]):
            self.say(f"  {self.name(lid):12}{table[lid]:>7.1f}{politburo_votes(st, lid):>10}{cc_share(st, lid):>10.0%}"
                     f"{machine_share(st, lid):>9.0%}{st.leaders[lid].prestige:>10.0f}")

    def agenda(self, viewer: str | None = None) -> None:
        st = self.s.state
        self.say("Agenda for this quarter's session (whip count now):")
        for i, m in enumerate(st.motions, 1):
            leans = self.s.whip_count(m, viewer)
            yes = sum(1 for x in leans if x.total > 0)
            self.say(f"  {i}. {describe(st, m)} — sponsor {self.name(m.sponsor)}; expected {yes}–{len(leans) - yes}"
                     + (" (a CC plenum decides)" if m.body == "plenum" else ""))

    def whip(self, m: Motion, viewer: str | None = None) -> None:
        self.say(f"Whip count: {describe(self.s.state, m)}")
        for ln in self.s.whip_count(m, viewer):
            reasons = "; ".join(f"{k} {v:+.1f}" for k, v in ln.reasons[:4])
            self.say(f"  {self.name(ln.voter):12} {ln.vote.upper():4} ({ln.total:+.1f}): {reasons}")

    def dossier(self, lid: str) -> None:
        st = self.s.state
        info = st.world.leaders[lid]
        ld = st.leaders[lid]
        self.say(f"  {info.full_name} ({ld.status})")
        self.say(f"  Base: {info.base}")
        self.say(f"  Offices: {', '.join(st.world.office_name(o) for o in st.offices_of(lid)) or 'none'}; "
                 f"Politburo: {'full' if lid in st.politburo_full else 'candidate' if lid in st.politburo_candidates else 'no'}; "
                 f"CC: {'yes' if ld.in_cc else 'no'}; client of {self.name(ld.patron) if ld.patron else 'nobody'}.")
        self.say(f"  Prestige {ld.prestige:.0f}, Lenin's mantle {ld.mantle:.0f}, patronage {ld.patronage:.0f}; traits: {', '.join(sorted(info.traits)) or 'none'}.")
        self.say("  Line: " + ", ".join(f"{ax} {getattr(ld, ax):+.2f}" for ax in AXES) + f" (distance from the adopted line {distance_to_line(st, lid):.2f}).")
        if ld.sanction:
            self.say(f"  Sanctioned: {LADDER_LABELS[LADDER[ld.sanction]]}.")
        if ld.active and ld.in_cc:
            self.say(f"  Would get {support(st, lid):.0%} of the CC in a Politburo election.")
        if info.bio:
            self.say(f"  {info.bio}")

    # ---- the chronicle -------------------------------------------------------------------------
    def show_new_events(self, viewer: str | None) -> None:
        start = self.seen.get(viewer, 0)
        events = [e for e in self.s.chronicle[start:] if e.visible_to(viewer)]
        self.print_events(events)
        self.seen[viewer] = len(self.s.chronicle)

    def print_events(self, events) -> None:
        for e in events:
            if e.kind == "quarter":
                self.say(f"\n{e.text}")
                continue
            if e.kind == "quarter_end" or (e.kind == "canvass" and not e.private_to):
                continue
            line = f"  · {e.text}"
            if e.kind == "vote" and e.detail.get("motion") is not None:
                line += f"  [explain {e.detail['motion']}]"
            self.say(line)
            if e.kind == "event" and e.detail.get("body"):
                self.say(f"      {e.detail['body']}")

    def history_due(self, turn: int) -> None:
        """The milestones of the quarter just ended, set against what this game did."""
        st = self.s.state
        if turn < st.start or turn in self.shown_history:
            return
        self.shown_history.add(turn)
        rows = [r for r in history.ledger(self.s.chronicle, st.start, turn, st.turn) if r.milestone.index == turn]
        if not rows:
            return
        self.say(f"\nHistory, {quarter_name(turn)}:")
        for r in rows:
            self.say(f"  {history.STATUS_LABELS[r.status]:13} {r.milestone.title} — {r.milestone.text} [{', '.join(r.milestone.sources)}]")

    def history_table(self) -> None:
        st = self.s.state
        rows = history.ledger(self.s.chronicle, st.start, st.end, st.turn, over=True)
        same = sum(1 for r in rows if r.status == "as_in_history")
        self.say(f"\nYour game beside the real timeline ({same} of {len(rows)} milestones as in history):")
        for r in rows:
            self.say("  " + r.line())

    def ending(self) -> None:
        st = self.s.state
        o = st.outcome or victory.finish(st)
        self.say("\n==================== THE END ====================")
        self.say(f"Outcome: {o['outcome'].replace('_', ' ')} — {self.name(o['top_leader'])} on top "
                 f"(the struggle was decided in {o['decided']}).")
        self.power()
        self.say("Objectives:")
        for lid, g in o["grades"].items():
            mark = " (you)" if self.s.is_human(lid) else ""
            self.say(f"  {self.name(lid):12} {g['grade']:9} {g['points']}/{g['max']}{mark}")
        self.history_table()
        self.say("Fates:")
        for lid, fate in o["fates"].items():
            if lid in st.world.playable or st.in_politburo(lid) or st.leaders[lid].status not in ("active",):
                self.say(f"  {self.name(lid):14} {fate}")

    # ---- saving --------------------------------------------------------------------------------
    def write_save(self, path: Path | None = None) -> None:
        path = path or self.save_path
        if path is None:
            return
        self.s.save(path)
        self.say(f"Game saved to {path}.")

    def quit(self) -> int:
        self.write_save(self.save_path or self.s.autosave_path)
        return 0


def choose_setup(inp: TextIO, out: TextIO, scenario: str | None, leader: str | None,
                 options: Callable[[str], tuple[str, ...]]) -> tuple[str, str] | None:
    """Ask for the scenario and the leader when the command line did not say."""
    game = TerminalGame.__new__(TerminalGame)
    game.inp, game.out, game.clock = inp, out, WallClock()
    if scenario is None:
        from .scenario import list_ids

        ids = list_ids()
        reply = game.ask(f"Scenario ({', '.join(ids)}) [1924]: ")
        if reply is None:
            return None
        scenario = reply or "1924"
    if leader is None:
        playable = options(scenario)
        game.say("Play as: " + ", ".join(f"{i + 1}) {p}" for i, p in enumerate(playable)))
        while True:
            reply = game.ask(f"Your leader [{playable[0]}]: ")
            if reply is None:
                return None
            choice = reply.lower() or playable[0]
            if choice.isdigit() and 1 <= int(choice) <= len(playable):
                choice = playable[int(choice) - 1]
            if choice in playable:
                leader = choice
                break
            game.say(f"Choose one of: {', '.join(playable)}")
    return scenario, leader
