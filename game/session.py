"""Session: the one API every front end, test and tool uses.

    s = Session.new("1924", seed=7, seats={"stalin": "human"})
    s.legal_actions("stalin"); s.submit(action); s.advance(); s.explain(motion_id); s.save(path)

A session owns the state, the chronicle (every event), the action log (every action, human or
AI, so a save replays exactly) and the per-quarter state hashes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__, saves
from .actions import Action, DraftSlate, EndTurn, from_dict
from .actions import Decide as _Decide
from .ai import heuristic
from .calendar import quarter_index, quarter_name
from .classroom import ClassOptions
from .errors import BadInput, IllegalAction
from .events import Event
from .model import GameState, Motion
from .rules import engine, knowledge, slates, votes
from .rules.power import power_table
from .scenario import new_game


@dataclass(frozen=True, slots=True)
class SlateForecast:
    """How the Central Committee would vote on a list now, as one seat can reckon it."""

    share: float  # of the CC's votes, for the list
    blocs: tuple[tuple[str | None, int, float], ...]  # (patron, None: the unattached; votes; share for), weakest first
    dropped: frozenset[str]  # the men the list takes out of the Politburo (or demotes to candidate)


class Session:
    def __init__(self, state: GameState, difficulty: str = "normal", scenario_ref: str | None = None):
        self.state = state
        self.difficulty = difficulty
        self.scenario_ref = scenario_ref or state.scenario_id
        self.chronicle: list[Event] = []
        self.log: list[dict[str, Any]] = []
        self.hashes: dict[str, str] = {}
        self.autosave_path: Path | None = None
        self.on_quarter: Callable[[Session], None] | None = None
        # Classroom options (a cap on action points, a turn timer, the class's name): kept in the
        # save; `act` and `run_ai` honour them, `submit` and `advance` never look at them.
        self.classroom = ClassOptions()
        self._spent: dict[str, int] = {}  # action points spent this quarter, by leader
        self._spent_turn: int | None = None
        # What-if switches turned on in mid-game at a branch: (moves made before, toggle names).
        # A save replays them at the same move, so they never touch what happened before.
        self.switches: list[tuple[int, tuple[str, ...]]] = []

    # ---- creating ------------------------------------------------------------------------------
    @classmethod
    def new(cls, scenario: str, seed: int = 1, toggles: tuple[str, ...] | list[str] = (),
            seats: dict[str, str] | None = None, difficulty: str = "normal",
            forced: dict[str, float] | None = None) -> Session:
        """A new game. `forced` fixes chance draws by key before the first one is drawn (what-ifs)."""
        if difficulty not in heuristic.DIFFICULTY_NOISE:
            raise BadInput(f"unknown difficulty {difficulty!r} (easy, normal, hard)")
        if not isinstance(seed, int) or seed < 0 or seed >= 2**63:
            raise BadInput(f"seed must be a whole number from 0 to 2^63-1 (got {seed!r})")
        state = new_game(scenario, seed, tuple(toggles), seats)
        if forced:
            state.forced = dict(forced)
        session = cls(state, difficulty, scenario)
        session._record(engine.start(state))
        return session

    # ---- reading -------------------------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.state.over

    def current_actor(self) -> str | None:
        return engine.current_actor(self.state)

    def is_human(self, leader: str | None) -> bool:
        return leader is not None and self.state.seats.get(leader) == "human"

    def humans(self) -> list[str]:
        return [lid for lid, seat in self.state.seats.items() if seat == "human"]

    def legal_actions(self, leader: str) -> list[Action]:
        return engine.legal_actions(self.state, leader)

    def check(self, action: Action) -> str | None:
        return engine.check(self.state, action)

    def pending(self):
        return self.state.pending[0] if self.state.pending else None

    def power(self) -> dict[str, float]:
        return power_table(self.state)

    def whip_count(self, motion: Motion, viewer: str | None = None) -> list[votes.Lean]:
        """The expected vote as `viewer` can reckon it (None: with everything known)."""
        return votes.whip_count(knowledge.view(self.state, viewer), motion)

    def slate_refusal(self, leader: str) -> str | None:
        """Why this seat cannot put any list to the CC now (None: it may, though the rules may still
        refuse a given list). Two lists that differ in everything are asked about: a reason given
        for both is about the seat (not a member, not the General Secretary, no action points,
        not his move), never about the names on the list."""
        st = self.state
        if leader not in st.leaders:
            return f"there is no leader {leader!r}"
        as_now = DraftSlate(leader, full=",".join(st.politburo_full), candidates=",".join(st.politburo_candidates),
                            secretariat=",".join(st.secretariat))
        reason = self.check_act(as_now)
        return reason if reason is not None and reason == self.check_act(DraftSlate(leader)) else None

    def slate_forecast(self, action: DraftSlate, viewer: str | None) -> SlateForecast:
        """The CC's vote on a list as `viewer` can reckon it (his knowledge view: pacts hidden from
        him count for nothing), bloc by bloc with the rules' own arithmetic (slates.cc_approval and
        the per-bloc share behind it), so the forecast is the vote the plenum will hold if nothing
        changes. A named CC member votes as his own bloc; here he is counted with his patron's men."""
        seen = knowledge.view(self.state, viewer)
        slate = slates.from_action(action)  # the rules' own reading of the ids
        unknown = [lid for lid in slate.everyone() if lid not in seen.leaders]
        if unknown:
            raise BadInput(f"there is no leader {unknown[0]!r}")
        before = (list(seen.politburo_full), list(seen.politburo_candidates))
        reading = slates.read(seen, slate, before)  # the rules' own reading, not a copy
        seats = slates.hall(seen, slate.sponsor)
        votes_by: dict[str | None, list[float]] = {}
        for seat in seen.cc:
            votes_by.setdefault(seat.patron, []).append(seats.bloc_yes(seat.patron, reading))
        for lid, ld in seen.leaders.items():
            if ld.in_cc and ld.active:
                votes_by.setdefault(ld.patron or lid, []).append(seats.bloc_yes(lid, reading))
        blocs = sorted(((p, len(v), sum(v) / len(v)) for p, v in votes_by.items()),
                       key=lambda b: (b[2], -b[1], b[0] or ""))
        return SlateForecast(slates.cc_approval(seen, slate, before, seats), tuple(blocs), reading.dropped)

    def events_for(self, leader: str | None) -> list[Event]:
        """The chronicle as this leader knows it: secret events only for those in on them."""
        return [e for e in self.chronicle if e.visible_to(leader)]

    def find_vote(self, motion_id: int) -> Event | None:
        for event in reversed(self.chronicle):
            if event.kind in ("vote", "plenum") and event.detail.get("motion") == motion_id:
                return event
        return None

    def explain(self, motion_id: int) -> list[str]:
        """Why a vote went the way it did: each voter's choice and the sum of his reasons."""
        event = self.find_vote(motion_id)
        if event is None:
            raise BadInput(f"no vote on motion {motion_id} in this game")
        lines = [event.text]
        for voter, info in event.detail.get("votes", {}).items():
            reasons = "; ".join(f"{label} {value:+.1f}" for label, value in info["reasons"])
            how = "by his own choice" if info.get("human") else f"lean {info['lean']:+.1f}, wavering {info['waver']:+.1f}"
            lines.append(f"  {self.state.world.name(voter)} votes {info['vote'].upper()} ({how}): {reasons or 'no strong reasons'}")
        for patron, yes, no in event.detail.get("blocs", []):
            label = self.state.world.name(patron) if patron and patron in self.state.leaders else (patron or "unattached")
            lines.append(f"  CC bloc {label}: {yes} yes, {no} no")
        return lines

    # ---- acting --------------------------------------------------------------------------------
    def submit(self, action: Action) -> list[Event]:
        """Apply one action (raises IllegalAction with the reason if the rules refuse it)."""
        turn = self.state.turn
        events = engine.apply(self.state, action)
        self.log.append(action.to_dict())
        self._record(events, turn)
        return events

    def ai_action(self, leader: str) -> Action:
        return heuristic.choose(self.state, leader, self.difficulty)

    def advance(self, max_actions: int = 100_000) -> list[Event]:
        """Let the AI play every non-human seat until a human must act or the game ends."""
        produced: list[Event] = []
        for _ in range(max_actions):
            actor = self.current_actor()
            if actor is None or self.is_human(actor):
                break
            produced += self.submit(self.ai_action(actor))
        return produced

    def _record(self, events: list[Event], turn: int | None = None) -> None:
        self.chronicle.extend(events)
        if turn is not None and self.state.turn != turn or self.state.over:
            self.hashes[quarter_name(turn if turn is not None else self.state.turn)] = self.state.state_hash()
            if self.autosave_path is not None:
                self.save(self.autosave_path, keep_previous=True)
            if self.on_quarter is not None:
                self.on_quarter(self)

    # ---- saving --------------------------------------------------------------------------------
    def to_save(self) -> dict[str, Any]:
        s = self.state
        return {
            "format": saves.FORMAT, "version": saves.VERSION, "game_version": __version__,
            "rules": saves.rules_fingerprint(),
            "scenario": self.scenario_ref, "scenario_hash": s.world.source_hash, "seed": s.seed,
            "toggles": list(self.start_toggles()), "seats": dict(s.seats), "difficulty": self.difficulty,
            "quarter": s.quarter, "over": s.over, "actions": self.log, "hashes": self.hashes,
            **self._classroom_save(),
        }

    def save(self, path: Path | str, keep_previous: bool = False) -> Path:
        path = Path(path)
        if keep_previous and path.exists():
            # Copied, not moved: the save stays in place until the new one replaces it, so there
            # is never a moment without one (a reader, or a crash, in between finds the old).
            saves.write_atomic_bytes(path.with_suffix(".prev.json"), path.read_bytes())
        saves.write_atomic(path, saves.dumps(self.to_save()))
        return path

    @classmethod
    def load_last_good(cls, path: Path | str) -> tuple[Session, Path]:
        """The autosave, or if it cannot be read, the one before it (kept beside it as .prev.json):
        after a crash the player loses at most the quarter in progress."""
        path = Path(path)
        fallback = path.with_suffix(".prev.json")
        try:
            return cls.load(path), path
        except BadInput as first:
            if not fallback.is_file():
                raise
            try:
                return cls.load(fallback), fallback
            except BadInput:
                raise first from None

    @classmethod
    def load(cls, path: Path | str) -> Session:
        path = Path(path)
        data = saves.read_save(path)
        label = str(path)
        options = ClassOptions.from_dict(data["classroom"], label) if "classroom" in data else None
        session, switches = cls.start_of(data, label)
        try:
            run: tuple[GameState, list[Action]] | None = None  # the last run of one leader's moves
            for i, raw in enumerate(data["actions"]):
                session._switch_due(switches, i, label)
                actor = raw.get("actor") if isinstance(raw, dict) else None
                if run is None or not run[1] or run[1][-1].actor != actor:
                    run = (session.state.clone(), [])
                run[1].append(session._replay_one(i, raw, label)[0])
            session._switch_due(switches, len(data["actions"]), label)
            if run is not None:
                session._take_up_plan(*run)
            for quarter, expected in data["hashes"].items():
                if session.hashes.get(quarter) not in (None, expected):
                    raise BadInput(f"{label}: the game does not replay as saved (state differs at {quarter})")
        except BadInput as exc:
            if saves.other_build(data):  # the likely reason, rather than the move it shows up in
                raise BadInput(f"{label}: saved by a build of Politburo whose rules differ from this one, and "
                               f"it no longer replays ({exc.problems[0].removeprefix(label + ': ')})") from None
            raise
        if options is not None:
            session._restore_classroom(options, data["classroom"])
        return session

    # ---- replaying a save's moves (load, branch, the debrief's decisions table) ------------------
    @classmethod
    def start_of(cls, data: dict[str, Any], label: str = "save", forced: dict[str, float] | None = None
                 ) -> tuple[Session, list[tuple[int, tuple[str, ...]]]]:
        """A save's game at its start, before any move, and the mid-game switches to replay."""
        humans = {k: "human" for k, v in data["seats"].items() if v == "human"}
        switches = saves.read_switches(data, label)
        try:
            session = cls.new(data["scenario"], data["seed"], data["toggles"], humans, data["difficulty"],
                              {**saves.read_forced(data, label), **(forced or {})})
        except BadInput as exc:
            raise BadInput(f"{label}: {exc.problems[0]}") from None
        if session.state.world.source_hash != data["scenario_hash"]:
            raise BadInput(f"{label}: the scenario {data['scenario']!r} has changed since this game was saved")
        return session, switches

    def replay_move(self, i: int, raw: Any, switches: list[tuple[int, tuple[str, ...]]],
                    label: str = "save") -> list[Event]:
        """Make move `i` of a save's log (after any switch turned on just before it); BadInput naming
        the move if it cannot be read or is illegal at this point."""
        self._switch_due(switches, i, label)
        return self._replay_one(i, raw, label)[1]

    def _replay_one(self, i: int, raw: Any, label: str) -> tuple[Action, list[Event]]:
        try:
            action = from_dict(raw)
            return action, self.submit(action)
        except BadInput as exc:
            raise BadInput(f"{label}: actions.{i}: {exc.problems[0]}") from None
        except IllegalAction as exc:
            raise BadInput(f"{label}: actions.{i}: illegal at this point ({exc.reason})") from None

    def _take_up_plan(self, before: GameState, moves: list[Action]) -> None:
        """A game saved while an AI seat was in the middle of its turn: that leader thinks his moves
        of the turn through again, from the board as it stood before the first (`before`), so that
        he goes on with the plan he had (heuristic.ai_memo), as the unsaved game would have."""
        actor = self.current_actor()
        if actor is None or self.is_human(actor) or not moves or moves[-1].actor != actor:
            return
        for action in moves:
            heuristic.choose(before, actor, self.difficulty)
            engine.apply(before, action)
        self.state.ai_memo = before.ai_memo

    def _switch_due(self, switches: list[tuple[int, tuple[str, ...]]], moves: int, label: str) -> None:
        for at, names in switches:
            if at == moves:
                try:
                    self.switch_on(names)
                except BadInput as exc:
                    raise BadInput(f"{label}: switches: {exc.problems[0]}") from None

    # ---- what-if switches in mid-game ------------------------------------------------------------
    def start_toggles(self) -> tuple[str, ...]:
        """The toggles the game began with (not those switched on at a branch)."""
        later = {name for _, names in self.switches for name in names}
        return tuple(t for t in self.state.toggles if t not in later)

    def switch_on(self, names: tuple[str, ...] | list[str]) -> list[Event]:
        """Switch what-if toggles on now, at a branch point. Only a switch whose moment still lies
        ahead is accepted (game.whatif.toggle_refusal); BadInput with one line per refusal otherwise.
        The switches go into the save with the move number, so the game replays exactly."""
        from .whatif import toggle_effect, toggle_refusal

        names = tuple(dict.fromkeys(names))  # the same switch named twice is one switch
        problems = [reason for name in names if (reason := toggle_refusal(self.state, name)) is not None]
        if problems:
            raise BadInput(problems)
        if not names:
            return []
        st = self.state
        for name in names:
            st.flags.update(st.world.toggles[name].flags)
        st.toggles = (*st.toggles, *names)
        self.switches.append((len(self.log), names))
        titles = "; ".join(f"{st.world.toggles[n].title} ({toggle_effect(st.world, n)})" for n in names)
        events = [Event(st.quarter, "what_if", f"What-if from here on: {titles}.", detail={"toggles": list(names)})]
        self.chronicle.extend(events)
        return events

    # ---- classroom: the action-point cap, the turn timer, branches and what-ifs -------------------
    def _classroom_save(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.classroom.active:
            options = self.classroom.to_dict()
            if self.classroom.ap_limit is not None and self._spent_turn == self.state.turn and self._spent:
                # a game saved in mid-quarter resumes with the points already spent still spent
                options["spent"] = {"quarter": self.state.quarter, "by": dict(sorted(self._spent.items()))}
            out["classroom"] = options
        if self.state.forced:
            out["forced"] = dict(sorted(self.state.forced.items()))
        if self.switches:
            out["switches"] = [{"at": at, "toggles": list(names)} for at, names in self.switches]
        return out

    def _restore_classroom(self, options: ClassOptions, raw: dict[str, Any]) -> None:
        self.classroom = options
        spent = raw.get("spent")
        if isinstance(spent, dict) and spent.get("quarter") == self.state.quarter and isinstance(spent.get("by"), dict):
            self._spent = {k: int(v) for k, v in spent["by"].items()
                           if k in self.state.leaders and isinstance(v, int) and not isinstance(v, bool)}
            self._spent_turn = self.state.turn

    def spent(self, leader: str) -> int:
        """Action points this leader has spent this quarter (counted by `act`)."""
        return self._spent.get(leader, 0) if self._spent_turn == self.state.turn else 0

    def allowance(self, leader: str) -> int | None:
        """Action points he may still spend this quarter under the class's cap (None: no cap)."""
        cap = self.classroom.ap_limit
        if cap is None:
            return None
        return max(0, min(self.state.leaders[leader].ap, cap - self.spent(leader)))

    def check_act(self, action: Action) -> str | None:
        """`check`, and the class's cap on action points a quarter."""
        reason = self.check(action)
        cap = self.classroom.ap_limit
        if reason is not None or cap is None or isinstance(action, EndTurn | _Decide):
            return reason
        cost = engine.ap_cost(self.state, action)
        left = max(0, cap - self.spent(action.actor))
        if cost > left:
            return (f"this class plays with {cap} action point{'s' if cap != 1 else ''} a quarter "
                    f"({left} left, {cost} needed)")
        return None

    def legal_for(self, leader: str) -> list[Action]:
        """`legal_actions` within the class's cap."""
        acts = self.legal_actions(leader)
        if self.classroom.ap_limit is None:
            return acts
        return [a for a in acts if self.check_act(a) is None]

    def act(self, action: Action) -> list[Event]:
        """`submit` under the class's rules: an action over the cap is refused, and a leader who has
        spent the cap ends his turn (that EndTurn goes into the log, so saves replay without it)."""
        reason = self.check_act(action)
        if reason is not None:
            raise IllegalAction(reason)
        turn = self.state.turn
        cost = 0 if isinstance(action, EndTurn | _Decide) else engine.ap_cost(self.state, action)
        events = self.submit(action)
        if cost and self.classroom.ap_limit is not None:
            if self._spent_turn != turn:
                self._spent, self._spent_turn = {}, turn
            self._spent[action.actor] = self._spent.get(action.actor, 0) + cost
            events += self._end_if_spent(action.actor)
        return events

    def _end_if_spent(self, leader: str) -> list[Event]:
        cap = self.classroom.ap_limit
        st = self.state
        if (cap is None or st.over or st.pending or st.phase != "intrigue" or self.current_actor() != leader
                or self.spent(leader) < cap):
            return []
        return self.submit(EndTurn(leader))

    def run_ai(self, max_actions: int = 100_000) -> list[Event]:
        """`advance` under the class's rules: the AI's seats keep the same cap as the players'."""
        if self.classroom.ap_limit is None:
            return self.advance(max_actions)
        produced: list[Event] = []
        for _ in range(max_actions):
            actor = self.current_actor()
            if actor is None or self.is_human(actor):
                break
            action = self.ai_action(actor)
            if self.check_act(action) is not None:
                # the move it wanted costs more than the cap leaves: its best move that fits, or pass
                fits = (a for _, a in heuristic.ranked(self.state, actor, self.difficulty) if self.check_act(a) is None)
                action = next(fits, EndTurn(actor))
            produced += self.act(action)
        return produced

    def timer_key(self, leader: str) -> tuple:
        """What the class's turn timer times: this seat's turn of the quarter, or one question."""
        d = self.pending()
        return (self.state.turn, leader, d.id if d is not None else self.state.phase)

    def time_up(self, leader: str) -> list[Event]:
        """The turn timer ran out: the question on the table gets its default answer, or the
        leader's turn of intrigue ends. Nothing happens if it is not his move any more."""
        if self.over or self.current_actor() != leader or not self.is_human(leader):
            return []
        d = self.pending()
        if d is not None:
            return self.submit(_Decide(leader, d.id, d.default))
        if self.state.phase == "intrigue":
            return self.submit(EndTurn(leader))
        return []

    def past_votes(self) -> list[Event]:
        """Every Politburo vote of this game so far, oldest first (what a what-if can reverse)."""
        return [e for e in self.chronicle if e.kind == "vote" and e.detail.get("motion") is not None]

    @classmethod
    def branch(cls, data: dict[str, Any], quarter: str | None = None, *, forced: dict[str, float] | None = None,
               after_motion: int | None = None, toggles: tuple[str, ...] | list[str] = (),
               label: str = "save") -> Session:
        """A new game from a save's data: its moves replayed up to the start of `quarter` (the first
        move anyone makes in it), or up to the vote on `after_motion`. `forced` fixes chance draws
        (see game.whatif). The new game keeps the seats, the seed and the class options; the moves
        after the branch point are left for the players (and the AI) to make afresh.

        `toggles` switches what-ifs on at the branch point. The events of the branch quarter have
        already fired there, so only a switch whose events all lie in later quarters is accepted;
        the others are refused with the reason (game.whatif.toggle_refusal)."""
        session, switches = cls.start_of(data, label, forced)
        st = session.state
        target = None
        if quarter is not None:
            try:
                target = quarter_index(quarter)
            except ValueError as exc:
                raise BadInput(f"{label}: {exc}") from None
            if not st.start <= target <= st.end:
                raise BadInput(f"{label}: {quarter} is outside this game ({quarter_name(st.start)}–{quarter_name(st.end)})")
        found = False
        made = 0
        for i, raw in enumerate(data["actions"]):
            if target is not None and st.turn >= target:
                break
            events = session.replay_move(i, raw, switches, label)
            made = i + 1
            if after_motion is not None and any(e.kind == "vote" and e.detail.get("motion") == after_motion
                                                for e in events):
                found = True
                break
        session._switch_due(switches, made, label)  # the original's own switches up to the branch point
        if target is not None and st.turn < target and not st.over:
            raise BadInput(f"{label}: the saved game only reaches {st.quarter}, not {quarter}")
        if after_motion is not None and not found:
            raise BadInput(f"{label}: no Politburo vote on motion {after_motion} in this game")
        for q, expected in data["hashes"].items():
            if q in session.hashes and session.hashes[q] != expected and not forced:
                raise BadInput(f"{label}: the game does not replay as saved (state differs at {q})")
        if toggles:
            try:
                session.switch_on(toggles)
            except BadInput as exc:
                raise BadInput([f"{label}: {p}" for p in exc.problems]) from None
        if "classroom" in data:
            session.classroom = ClassOptions.from_dict(data["classroom"], label).copy()
        session.classroom.origin = {"save": label, "quarter": quarter or st.quarter,
                                    **({"motion": after_motion} if after_motion is not None else {}),
                                    **({"toggles": list(dict.fromkeys(toggles))} if toggles else {})}
        return session

    @classmethod
    def what_if_vote(cls, data: dict[str, Any], motion: int, label: str = "save"):
        """Branch a save at one of its Politburo votes, with the chance draws forced that reverse it.

        Returns (plan, session): the plan (game.whatif.FlipPlan) says which waverers were turned,
        or why chance alone could not reverse the vote; the session is the new game, just after
        the reversed vote, or None when the vote cannot be reversed by chance."""
        from .whatif import plan_flip

        original = cls.branch(data, after_motion=motion, label=label)
        event = next(e for e in reversed(original.chronicle) if e.kind == "vote" and e.detail.get("motion") == motion)
        plan = plan_flip(event, float(original.state.world.balance["vote"]["waver"]))
        if not plan.possible:
            return plan, None
        session = cls.branch(data, forced=plan.forced, after_motion=motion, label=label)
        session.classroom.origin["quarter"] = event.turn
        flipped = next(e for e in reversed(session.chronicle) if e.kind == "vote" and e.detail.get("motion") == motion)
        if bool(flipped.detail.get("passed")) == plan.passed:  # pragma: no cover - the plan's arithmetic is exact
            raise BadInput(f"{label}: forcing the waverers did not reverse the vote on motion {motion}")
        return plan, session
