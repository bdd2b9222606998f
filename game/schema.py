"""The scenario file format, as pydantic models. Every error carries its field path.

A scenario is a TOML file (see scenarios/1924.toml). `extends = "1924"` lets a what-if
override a few tables of a base scenario.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=40)]
Quarter = Annotated[str, Field(pattern=r"^19[0-9][0-9]Q[1-4]$")]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Axis = Annotated[float, Field(ge=-1.0, le=1.0)]
Score = Annotated[float, Field(ge=0.0, le=100.0)]
Text = Annotated[str, Field(max_length=4000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _clean_values(cls, data: object) -> object:
        """No NaN or infinity, no control characters, anywhere a user can type a value."""
        if isinstance(data, dict):
            for key, value in data.items():
                for item in (value if isinstance(value, list) else [value]):
                    _check_scalar(key, item)
        return data


def _check_scalar(key: object, value: object) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{key}: must be a finite number (got {value})")
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise ValueError(f"{key}: contains control characters")


class PersonalityModel(Strict):
    ambition: Unit = 0.5
    caution: Unit = 0.5
    pride: Unit = 0.5
    loyalty: Unit = 0.5
    rigidity: Unit = 0.5
    ruthlessness: Unit = 0.5
    publishing: Unit = 0.5
    pacts: Unit = 0.5


TRAITS = {
    "orator", "organiser", "theorist", "proud", "cautious", "ruthless", "grey",
    "menshevik_past", "october_1917", "army", "popular", "administrator", "hot_tempered",
}


class LeaderModel(Strict):
    id: Id
    name: str = Field(min_length=1, max_length=60)
    full_name: str = Field(default="", max_length=120)
    base: Text = ""
    bio: Text = ""
    source: str = Field(default="", max_length=400)
    playable: bool = False
    traits: list[str] = []
    prestige: Score
    patronage: Annotated[float, Field(ge=0, le=200)] = 0.0
    econ: Axis = 0.0
    world: Axis = 0.0
    regime: Axis = 0.0
    status: Literal["active", "demoted", "readmitted", "expelled", "exiled", "deported", "dead"] = "active"
    patron: Id | None = None
    in_cc: bool = True
    mantle: Score = 0.0
    health: Unit = 1.0
    sanction: Literal["none", "censure", "loss_of_posts", "out_of_politburo", "out_of_cc", "expelled",
                      "internal_exile", "deported"] = "none"  # how far down the ladder he already is
    platforms: int = Field(default=0, ge=0, le=20)  # platforms already published against the line
    personality: PersonalityModel = PersonalityModel()

    @field_validator("traits")
    @classmethod
    def _known_traits(cls, traits: list[str]) -> list[str]:
        unknown = sorted(set(traits) - TRAITS)
        if unknown:
            raise ValueError(f"unknown trait {unknown[0]!r}; known: {', '.join(sorted(TRAITS))}")
        return traits


class PolitburoModel(Strict):
    full: list[Id] = Field(min_length=1, max_length=15)
    candidates: list[Id] = Field(default=[], max_length=15)


class CCBlocModel(Strict):
    patron: Id | None = None
    seats: int = Field(ge=0, le=300)
    lean: Axis = 0.0


class CentralCommitteeModel(Strict):
    blocs: list[CCBlocModel] = Field(min_length=1)
    ccc_size: int = Field(default=150, ge=0, le=1000)


class RegionModel(Strict):
    id: Id
    name: str = Field(min_length=1, max_length=60)
    members: int = Field(ge=0, le=5_000_000)
    candidates: int = Field(default=0, ge=0, le=5_000_000)
    workers: Unit = 0.4
    secretary: Id | None = None
    patron: Id | None = None
    protected_by: Id | None = None
    loyalty: dict[Id, Unit] = {}
    map: tuple[float, float] = (0.5, 0.5)
    note: Text = ""

    @model_validator(mode="after")
    def _loyalty_sums(self) -> RegionModel:
        if sum(self.loyalty.values()) > 1.0 + 1e-9:
            raise ValueError(f"loyalty shares add up to more than 1 (got {sum(self.loyalty.values()):.2f})")
        return self


class MoodModel(Strict):
    econ: Axis = 0.0
    world: Axis = 0.0
    regime: Axis = 0.0
    unity: Unit = 0.6
    cult: Unit = 0.3


class EconomyModel(Strict):
    grain: Annotated[float, Field(ge=0, le=500)] = 100.0
    procurement: Annotated[float, Field(ge=0, le=500)] = 100.0
    industry: Annotated[float, Field(ge=0, le=500)] = 100.0
    crisis: Unit = 0.2


class LineModel(Strict):
    econ: Axis = 0.0
    world: Axis = 0.0
    regime: Axis = 0.0


class TrustModel(Strict):
    a: Id
    b: Id
    value: Axis
    mutual: bool = True


class PactModel(Strict):
    name: str = Field(default="", max_length=80)
    members: list[Id] = Field(min_length=2, max_length=7)
    secret: bool = False
    strength: Unit = 0.6


# ---- event effects: one model per type, chosen by the `type` field ------------------------

class DeathEffect(Strict):
    type: Literal["death"]
    leader: Id
    refill: bool = True  # the majority fills his posts; false when the scenario names successors


class CapitulateEffect(Strict):
    """A follower who holds no seat in the game (Radek, Preobrazhensky) gives up the opposition:
    he recants, through the same rule as a player's recantation, if he is outside the party."""

    type: Literal["capitulate"]
    leader: Id


class MoodEffect(Strict):
    type: Literal["mood"]
    econ: Axis = 0.0
    world: Axis = 0.0
    regime: Axis = 0.0
    unity: Axis = 0.0
    cult: Axis = 0.0


class EconomyEffect(Strict):
    type: Literal["economy"]
    grain: Annotated[float, Field(ge=-200, le=200)] = 0.0
    procurement: Annotated[float, Field(ge=-200, le=200)] = 0.0
    industry: Annotated[float, Field(ge=-200, le=200)] = 0.0
    crisis: Axis = 0.0


class PrestigeEffect(Strict):
    type: Literal["prestige"]
    leader: Id
    delta: Annotated[float, Field(ge=-100, le=100)]


class MantleEffect(Strict):
    type: Literal["mantle"]
    leader: Id
    delta: Annotated[float, Field(ge=-100, le=100)]


class TrustEffect(Strict):
    type: Literal["trust"]
    a: Id
    b: Id
    delta: Axis
    mutual: bool = True


class FlagEffect(Strict):
    type: Literal["flag"]
    name: Id
    value: bool | int | str = True


class OfficeEffect(Strict):
    type: Literal["office"]
    office: Id
    leader: Id | None


class EnrolmentEffect(Strict):
    type: Literal["enrolment"]
    recruits: int = Field(ge=0, le=2_000_000)
    workers: Unit = 0.9
    quarters: int = Field(default=2, ge=1, le=8)


class CongressEffect(Strict):
    type: Literal["congress"]
    name: str = Field(max_length=80)
    delegates: int = Field(ge=10, le=5000)
    cc_seats: int = Field(ge=10, le=300)
    politburo_full: int = Field(ge=3, le=15)
    politburo_candidates: int = Field(ge=0, le=15)
    # The new CC first met after the quarter turned (the 14th Congress ended on 31 Dec 1925 and
    # its CC elected the Politburo on 1 Jan 1926): the election waits for the next quarter.
    plenum_next_quarter: bool = False


class PlenumEffect(Strict):
    """A CC plenum that puts a motion scripted by the event (the Testament, say) to the vote."""

    type: Literal["plenum"]
    name: str = Field(max_length=80)
    motion: Literal["publish_testament", "remove_office", "adopt_line", "remove_politburo"]
    sponsor: Id
    target: Id | None = None
    office: Id | None = None
    axis: Literal["econ", "world", "regime"] | None = None
    value: Axis = 0.0


class PactEffect(Strict):
    type: Literal["pact"]
    name: str = Field(max_length=80)
    members: list[Id] = Field(min_length=2, max_length=7)
    secret: bool = False
    strength: Unit = 0.6


class PolitburoEffect(Strict):
    """A scripted change of Politburo seats (used by start facts, never by the replay)."""

    type: Literal["politburo"]
    leader: Id
    seat: Literal["full", "candidate", "none"]


class SecretariatEffect(Strict):
    type: Literal["secretariat"]
    leader: Id
    member: bool = True


class LineEffect(Strict):
    """A leader's own views move (Zinoviev and Kamenev turning left in 1925)."""

    type: Literal["line"]
    leader: Id
    econ: Axis = 0.0
    world: Axis = 0.0
    regime: Axis = 0.0


class EndPactEffect(Strict):
    type: Literal["end_pact"]
    name: str = Field(max_length=80)


class Choice(Strict):
    label: str = Field(min_length=1, max_length=120)
    effects: list[Effect] = []
    weight: Annotated[float, Field(ge=0, le=100)] = 1.0  # how strongly a model-played decider prefers it


class DecisionEffect(Strict):
    type: Literal["decision"]
    decider: Id
    prompt: str = Field(max_length=300)
    choices: list[Choice] = Field(min_length=2, max_length=6)


Effect = Annotated[
    DeathEffect | MoodEffect | EconomyEffect | PrestigeEffect | MantleEffect | TrustEffect
    | FlagEffect | OfficeEffect | EnrolmentEffect | CongressEffect | PlenumEffect | PactEffect
    | PolitburoEffect | DecisionEffect | SecretariatEffect | LineEffect | EndPactEffect | CapitulateEffect,
    Field(discriminator="type"),
]
Choice.model_rebuild()
DecisionEffect.model_rebuild()


class EventModel(Strict):
    id: Id
    quarter: Quarter
    title: str = Field(min_length=1, max_length=120)
    text: Text = ""
    note: Text = ""  # the historical note shown on the event card
    source: str = Field(default="", max_length=400)
    confidence: Literal["H", "M", "C", "U"] = "H"
    requires: list[Annotated[str, Field(pattern=r"^!?(flag|alive|active|holds|in_politburo):[a-z0-9_]+(=[a-z0-9_]+)?$")]] = []
    effects: list[Effect] = []


class ToggleModel(Strict):
    title: str = Field(min_length=1, max_length=120)
    note: Text = ""
    historian: str = Field(default="", max_length=400)
    flags: dict[Id, bool | int | str] = {}
    leaders: dict[Id, dict[str, float | str | bool]] = {}


class ObjectiveModel(Strict):
    """A contender's graded objective: each condition met earns its points."""

    summary: str = Field(max_length=300)
    conditions: list[Annotated[str, Field(pattern=r"^!?[a-z_]+(:[a-z0-9_]+)*$")]] = Field(min_length=1)
    points: list[Annotated[int, Field(ge=0, le=10)]] = Field(min_length=1)

    @model_validator(mode="after")
    def _same_length(self) -> ObjectiveModel:
        if len(self.points) != len(self.conditions):
            raise ValueError(f"points has {len(self.points)} entries but conditions has {len(self.conditions)}")
        return self


class ScriptStep(Strict):
    """One thing a real actor did, for the historical replay. The action is submitted through the
    same rules as a player's; votes on it are decided by the model, never forced."""

    quarter: Quarter
    actor: Id
    action: dict[str, str | int | bool]
    note: str = Field(default="", max_length=300)
    source: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _kind(self) -> ScriptStep:
        from .actions import ACTION_TYPES

        kind = self.action.get("kind")
        if kind not in ACTION_TYPES or kind in ("decide", "end_turn"):
            raise ValueError(f"action.kind must be one of {', '.join(k for k in ACTION_TYPES if k not in ('decide', 'end_turn'))} (got {kind!r})")
        return self


class MetaModel(Strict):
    id: Id
    title: str = Field(min_length=1, max_length=120)
    start: Quarter
    end: Quarter
    blurb: Text = ""
    intro: Text = ""
    playable: list[Id] = Field(min_length=1)
    toggles: list[Id] = []
    # The start falls between a Congress and its new CC's first plenum: [full, candidates] for the
    # Politburo that plenum elects in the first quarter's session (on a list, or by support).
    plenum_due: list[Annotated[int, Field(ge=0, le=15)]] | None = Field(default=None, min_length=2, max_length=2)

    @model_validator(mode="after")
    def _order(self) -> MetaModel:
        if self.end < self.start:
            raise ValueError(f"end {self.end} comes before start {self.start}")
        return self


class ScenarioModel(Strict):
    extends: Id | None = None
    scenario: MetaModel
    leaders: list[LeaderModel] = Field(min_length=2, max_length=80)
    offices: dict[Id, Id | None]
    politburo: PolitburoModel
    secretariat: list[Id] = Field(min_length=1)
    orgburo: list[Id] = []
    central_committee: CentralCommitteeModel
    regions: list[RegionModel] = Field(min_length=1, max_length=40)
    mood: MoodModel = MoodModel()
    economy: EconomyModel = EconomyModel()
    line: LineModel = LineModel()
    trust: list[TrustModel] = []
    pacts: list[PactModel] = []
    events: list[EventModel] = []
    toggles: dict[Id, ToggleModel] = {}
    objectives: dict[Id, ObjectiveModel] = {}
    script: list[ScriptStep] = []
