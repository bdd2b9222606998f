"""The game state: plain dataclasses with a hand-written clone().

Everything mutable lives here; everything static (names, personalities, office definitions,
balance numbers) lives in `Rules`, shared between clones and never copied.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .calendar import quarter_name

AXES = ("econ", "world", "regime")
AXIS_LABELS = {
    "econ": ("NEP and the peasant alliance", "forced industrialisation"),
    "world": ("socialism in one country", "permanent revolution"),
    "regime": ("discipline and unity", "inner-party democracy"),
}

# Status of a leader, in order of ruin. "demoted" keeps a party card and a CC seat or less.
ACTIVE_STATUSES = ("active", "demoted", "readmitted")
STATUSES = ("active", "demoted", "readmitted", "expelled", "exiled", "deported", "dead")

# The sanctions ladder of DESIGN §2: each successful case climbs one rung.
LADDER = (
    "none",
    "censure",
    "loss_of_posts",
    "out_of_politburo",
    "out_of_cc",
    "expelled",
    "internal_exile",
    "deported",
)
LADDER_LABELS = {
    "none": "no sanction",
    "censure": "censure",
    "loss_of_posts": "loss of posts",
    "out_of_politburo": "removal from the Politburo",
    "out_of_cc": "removal from the Central Committee",
    "expelled": "expulsion from the party",
    "internal_exile": "internal exile",
    "deported": "deportation abroad",
}


_QUARTER_NAMES: dict[int, str] = {}


@dataclass(frozen=True, slots=True)
class Personality:
    """How an AI-driven leader weighs things (0..1 each). Static: shared across clones."""

    ambition: float = 0.5
    caution: float = 0.5
    pride: float = 0.5
    loyalty: float = 0.5
    rigidity: float = 0.5
    ruthlessness: float = 0.5
    publishing: float = 0.5
    pacts: float = 0.5


@dataclass(frozen=True, slots=True)
class LeaderInfo:
    """The unchanging facts about a leader."""

    id: str
    name: str
    full_name: str
    base: str
    traits: frozenset[str]
    personality: Personality
    playable: bool
    bio: str = ""
    source: str = ""


@dataclass(slots=True)
class Leader:
    id: str
    prestige: float
    patronage: float
    ap: int
    econ: float
    world: float
    regime: float
    status: str = "active"
    patron: str | None = None
    in_cc: bool = True
    mantle: float = 0.0
    sanction: int = 0  # index into LADDER
    recanted_turn: int = -99
    platforms: int = 0  # published platforms against the line since the last recantation
    health: float = 1.0

    def clone(self) -> Leader:
        return Leader(
            self.id, self.prestige, self.patronage, self.ap, self.econ, self.world, self.regime,
            self.status, self.patron, self.in_cc, self.mantle, self.sanction, self.recanted_turn,
            self.platforms, self.health,
        )

    def position(self, axis: str) -> float:
        return getattr(self, axis)

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def expelled(self) -> bool:
        return self.status in ("expelled", "exiled", "deported")


@dataclass(slots=True)
class Region:
    """A party organisation: members, worker share, a secretary and loyalty over patrons."""

    id: str
    members: int
    candidates: int
    workers: float  # share of members who are workers "from the bench"
    secretary: str | None  # a leader id, or None for an appointee the game does not name
    patron: str | None  # whose client the secretary is
    loyalty: dict[str, float]  # patron -> share of the organisation; the rest follows mood
    protected_by: str | None = None  # a Politburo member whose own machine this is

    def clone(self) -> Region:
        return Region(
            self.id, self.members, self.candidates, self.workers, self.secretary, self.patron,
            dict(self.loyalty), self.protected_by,
        )

    @property
    def total(self) -> int:
        return self.members + self.candidates


@dataclass(frozen=True, slots=True)
class CCSeat:
    """One Central Committee member. Named leaders sit in CC too (Leader.in_cc); these seats are
    the rest of the committee: provincial secretaries, commissars and trade unionists."""

    patron: str | None
    lean: float  # econ axis position, for members with no patron


@dataclass(slots=True)
class Mood:
    """Where the rank and file stand on the three axes, their unity, and the Lenin cult."""

    econ: float
    world: float
    regime: float
    unity: float
    cult: float

    def clone(self) -> Mood:
        return Mood(self.econ, self.world, self.regime, self.unity, self.cult)


@dataclass(slots=True)
class Economy:
    grain: float  # grain marketed, index (1924 = 100)
    procurement: float  # state procurement against plan, index
    industry: float  # industrial output, index
    crisis: float  # 0 calm .. 1 acute (scissors, grain strike)

    def clone(self) -> Economy:
        return Economy(self.grain, self.procurement, self.industry, self.crisis)


@dataclass(slots=True)
class Pact:
    id: int
    members: tuple[str, ...]
    secret: bool
    strength: float
    formed: int  # turn index
    name: str = ""
    discovered: bool = False

    def clone(self) -> Pact:
        return Pact(self.id, self.members, self.secret, self.strength, self.formed, self.name,
                    self.discovered)


@dataclass(frozen=True, slots=True)
class Motion:
    """A question put to the Politburo. `kind` names the motion; the rest are its arguments."""

    id: int
    kind: str
    sponsor: str
    target: str | None = None
    office: str | None = None
    region: str | None = None
    axis: str | None = None
    value: float = 0.0
    case: int | None = None  # the accusation case this motion decides
    note: str = ""
    body: str = "politburo"  # politburo, or plenum for questions a CC plenum decides itself


@dataclass(frozen=True, slots=True)
class Case:
    """An accusation before the Central Control Commission."""

    id: int
    accuser: str
    target: str
    charge: str
    evidence: float
    detail: str
    opened: int
    fresh: float | None = None  # the part of the evidence new since the man was last judged (None: never judged)


@dataclass(frozen=True, slots=True)
class Decision:
    """A question the engine is waiting on a human seat to answer."""

    id: int
    leader: str
    kind: str  # vote | pact_offer | event
    prompt: str
    options: tuple[str, ...]
    default: str
    ref: int | None = None  # motion id or pact offer id
    context: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class GameState:
    scenario_id: str
    seed: int
    rng: int
    start: int  # absolute quarter index
    end: int
    turn: int  # absolute quarter index of the current quarter
    phase: str  # events | intrigue | sessions | reckoning | over
    leaders: dict[str, Leader]
    offices: dict[str, str | None]
    politburo_full: list[str]
    politburo_candidates: list[str]
    secretariat: list[str]
    orgburo: list[str]
    cc: list[CCSeat]
    ccc_size: int
    regions: dict[str, Region]
    mood: Mood
    economy: Economy
    line: dict[str, float]  # the adopted party line on each axis
    trust: np.ndarray  # trust[i, j]: how far leader i trusts leader j (-1..1)
    index: dict[str, int]  # leader id -> row in trust (static)
    pacts: list[Pact] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    pending: list[Decision] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # intrigue initiative order this quarter
    order_pos: int = 0
    seats: dict[str, str] = field(default_factory=dict)  # leader id -> "human" | "ai"
    flags: dict[str, Any] = field(default_factory=dict)
    fired: list[str] = field(default_factory=list)  # ids of scheduled events already fired
    cohorts: list[tuple[int, str, int]] = field(default_factory=list)  # (turn matures, region, n)
    forced: dict[str, float] = field(default_factory=dict)  # chance key -> forced draw
    draws: int = 0
    next_id: int = 1
    toggles: tuple[str, ...] = ()
    power_history: list[dict[str, float]] = field(default_factory=list)
    decided_turn: int | None = None
    outcome: dict[str, Any] | None = None
    world: Any = None  # the static World this state belongs to (shared by clones, never copied)
    # Not part of the position (never hashed, saved or compared): the last move the engine
    # applied, and the policies' notes between their own consecutive moves (game/ai/heuristic.py:
    # a leader's plan for the rest of his turn, keyed by the move it follows). A state loaded from a
    # save starts without them, and a clone copies them, so a copy decides as its original would.
    last_action: Any = None
    ai_memo: dict[Any, Any] = field(default_factory=dict)
    # Whether a Politburo vote words each voter's reasons into its event. A batch that reads only
    # the outcomes (game/simulate.py) turns it off; the votes and their totals are the same.
    explain: bool = True

    # ---- cloning -------------------------------------------------------------------------
    def clone(self) -> GameState:
        return GameState(
            scenario_id=self.scenario_id,
            seed=self.seed,
            rng=self.rng,
            start=self.start,
            end=self.end,
            turn=self.turn,
            phase=self.phase,
            leaders={k: v.clone() for k, v in self.leaders.items()},
            offices=dict(self.offices),
            politburo_full=list(self.politburo_full),
            politburo_candidates=list(self.politburo_candidates),
            secretariat=list(self.secretariat),
            orgburo=list(self.orgburo),
            cc=list(self.cc),
            ccc_size=self.ccc_size,
            regions={k: v.clone() for k, v in self.regions.items()},
            mood=self.mood.clone(),
            economy=self.economy.clone(),
            line=dict(self.line),
            trust=self.trust.copy(),
            index=self.index,
            pacts=[p.clone() for p in self.pacts],
            motions=list(self.motions),
            cases=list(self.cases),
            pending=list(self.pending),
            order=list(self.order),
            order_pos=self.order_pos,
            seats=dict(self.seats),
            flags=dict(self.flags),
            fired=list(self.fired),
            cohorts=list(self.cohorts),
            forced=dict(self.forced),
            draws=self.draws,
            next_id=self.next_id,
            toggles=self.toggles,
            power_history=list(self.power_history),
            decided_turn=self.decided_turn,
            outcome=self.outcome,
            world=self.world,
            last_action=self.last_action,
            ai_memo=dict(self.ai_memo),
            explain=self.explain,
        )

    def __copy__(self) -> GameState:
        """A shallow copy, every field shared (knowledge.view takes one per AI decision): the
        fields set straight onto a blank object, without copy's generic reduce protocol."""
        return _shallow_copy(self)

    # ---- small helpers the rules share ------------------------------------------------------
    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def holder(self, office: str) -> str | None:
        return self.offices.get(office)

    def offices_of(self, leader: str) -> list[str]:
        return [office for office, holder in self.offices.items() if holder == leader]

    def trust_of(self, a: str, b: str) -> float:
        return self.trust.item(self.index[a], self.index[b])  # a Python float, like float(trust[i, j])

    def add_trust(self, a: str, b: str, delta: float) -> None:
        i, j = self.index[a], self.index[b]
        trust = self.trust  # read by item: the same sum and clip in Python floats, without numpy scalars
        trust[i, j] = min(1.0, max(-1.0, trust.item(i, j) + delta))

    def in_politburo(self, leader: str) -> bool:
        return leader in self.politburo_full or leader in self.politburo_candidates

    def pacts_of(self, leader: str) -> list[Pact]:
        return [p for p in self.pacts if leader in p.members]

    def allied(self, a: str, b: str) -> bool:
        return a != b and any(b in p.members for p in self.pacts if a in p.members)

    def patron_chain(self, leader: str) -> str | None:
        """The leader whose machine this leader belongs to (one step: clients of clients are rare)."""
        return self.leaders[leader].patron

    @property
    def quarter(self) -> str:
        name = _QUARTER_NAMES.get(self.turn)  # every event names its quarter: spell each once
        if name is None:
            name = _QUARTER_NAMES[self.turn] = quarter_name(self.turn)
        return name

    @property
    def over(self) -> bool:
        return self.phase == "over"

    # ---- canonical form, for hashing and replay snapshots ------------------------------------
    def canonical(self) -> dict[str, Any]:
        """Everything that decides the future, in a stable JSON-able form."""
        return {
            "scenario": self.scenario_id,
            "seed": self.seed,
            "rng": self.rng,
            "turn": self.turn,
            "phase": self.phase,
            "leaders": {
                k: [round(v.prestige, 6), round(v.patronage, 6), v.ap, round(v.econ, 6),
                    round(v.world, 6), round(v.regime, 6), v.status, v.patron, v.in_cc,
                    round(v.mantle, 6), v.sanction, v.recanted_turn, v.platforms,
                    round(v.health, 6)]
                for k, v in sorted(self.leaders.items())
            },
            "offices": dict(sorted(self.offices.items())),
            "politburo": [self.politburo_full, self.politburo_candidates],
            "secretariat": self.secretariat,
            "orgburo": self.orgburo,
            "cc": [[s.patron, round(s.lean, 6)] for s in self.cc],
            "ccc": self.ccc_size,
            "regions": {
                k: [r.members, r.candidates, round(r.workers, 6), r.secretary, r.patron,
                    {p: round(x, 6) for p, x in sorted(r.loyalty.items())}, r.protected_by]
                for k, r in sorted(self.regions.items())
            },
            "mood": [round(x, 6) for x in (self.mood.econ, self.mood.world, self.mood.regime,
                                           self.mood.unity, self.mood.cult)],
            "economy": [round(x, 6) for x in (self.economy.grain, self.economy.procurement,
                                              self.economy.industry, self.economy.crisis)],
            "line": {k: round(v, 6) for k, v in sorted(self.line.items())},
            "trust": np.round(self.trust, 6).tolist(),
            "pacts": [[p.id, list(p.members), p.secret, round(p.strength, 6), p.formed, p.name,
                       p.discovered] for p in self.pacts],
            "motions": [repr(m) for m in self.motions],
            "cases": [repr(c) for c in self.cases],
            "pending": [repr(d) for d in self.pending],
            "order": [self.order, self.order_pos],
            "seats": dict(sorted(self.seats.items())),
            "flags": {k: self.flags[k] for k in sorted(self.flags)},
            "fired": self.fired,
            "cohorts": self.cohorts,
            "draws": self.draws,
            "next_id": self.next_id,
            "toggles": list(self.toggles),
        }

    def state_hash(self) -> str:
        blob = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _make_shallow_copy() -> Any:
    """`GameState.__copy__`'s body, one assignment per field written out (generated from the
    slots, so a new field is never forgotten): a loop of setattr calls costs three times as much."""
    lines = ["def shallow_copy(self):", "    new = object.__new__(GameState)"]
    lines += [f"    new.{slot} = self.{slot}" for slot in GameState.__slots__]
    lines.append("    return new")
    namespace: dict[str, Any] = {"GameState": GameState}
    exec("\n".join(lines), namespace)  # noqa: S102 - code made here from the class's own field names
    return namespace["shallow_copy"]


_shallow_copy = _make_shallow_copy()
