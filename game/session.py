"""Session: the one API every front end, test and tool uses.

    s = Session.new("1924", seed=7, seats={"stalin": "human"})
    s.legal_actions("stalin"); s.submit(action); s.advance(); s.explain(motion_id); s.save(path)

A session owns the state, the chronicle (every event), the action log (every action, human or
AI, so a save replays exactly) and the per-quarter state hashes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import __version__, saves
from .actions import Action, from_dict
from .ai import heuristic
from .calendar import quarter_name
from .errors import BadInput, IllegalAction
from .events import Event
from .model import GameState, Motion
from .rules import engine, knowledge, votes
from .rules.power import power_table
from .scenario import new_game


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

    # ---- creating ------------------------------------------------------------------------------
    @classmethod
    def new(cls, scenario: str, seed: int = 1, toggles: tuple[str, ...] | list[str] = (),
            seats: dict[str, str] | None = None, difficulty: str = "normal") -> Session:
        if difficulty not in heuristic.DIFFICULTY_NOISE:
            raise BadInput(f"unknown difficulty {difficulty!r} (easy, normal, hard)")
        if not isinstance(seed, int) or seed < 0 or seed >= 2**63:
            raise BadInput(f"seed must be a whole number from 0 to 2^63-1 (got {seed!r})")
        state = new_game(scenario, seed, tuple(toggles), seats)
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
            "scenario": self.scenario_ref, "scenario_hash": s.world.source_hash, "seed": s.seed,
            "toggles": list(s.toggles), "seats": dict(s.seats), "difficulty": self.difficulty,
            "quarter": s.quarter, "over": s.over, "actions": self.log, "hashes": self.hashes,
        }

    def save(self, path: Path | str, keep_previous: bool = False) -> Path:
        path = Path(path)
        if keep_previous and path.exists():
            path.replace(path.with_suffix(".prev.json"))
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
        seats = {k: v for k, v in data["seats"].items()}
        try:
            session = cls.new(data["scenario"], data["seed"], data["toggles"],
                              {k: v for k, v in seats.items() if v == "human"}, data["difficulty"])
        except BadInput as exc:
            raise BadInput(f"{label}: {exc.problems[0]}") from None
        if session.state.world.source_hash != data["scenario_hash"]:
            raise BadInput(f"{label}: the scenario {data['scenario']!r} has changed since this game was saved")
        for i, raw in enumerate(data["actions"]):
            try:
                action = from_dict(raw)
                session.submit(action)
            except BadInput as exc:
                raise BadInput(f"{label}: actions.{i}: {exc.problems[0]}") from None
            except IllegalAction as exc:
                raise BadInput(f"{label}: actions.{i}: illegal at this point ({exc.reason})") from None
        for quarter, expected in data["hashes"].items():
            if session.hashes.get(quarter) not in (None, expected):
                raise BadInput(f"{label}: the game does not replay as saved (state differs at {quarter})")
        return session
