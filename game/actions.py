"""Actions are data: frozen dataclasses with an `actor`. The rules validate them before applying.

Each action has a stable dict form (`to_dict` / `from_dict`) for saves and the action log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from .errors import BadInput


@dataclass(frozen=True, slots=True)
class Action:
    actor: str
    kind: ClassVar[str] = "action"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **{k: v for k, v in asdict(self).items() if v is not None}}


@dataclass(frozen=True, slots=True)
class EndTurn(Action):
    kind: ClassVar[str] = "end_turn"


@dataclass(frozen=True, slots=True)
class Appoint(Action):
    """General Secretary: put a client in charge of a region's party organisation."""

    region: str = ""
    appointee: str | None = None  # a named client, or None for an apparatus cadre
    kind: ClassVar[str] = "appoint"


@dataclass(frozen=True, slots=True)
class LaunchEnrolment(Action):
    """General Secretary: a recruitment drive of workers whose cards come through the apparatus."""

    kind: ClassVar[str] = "enrolment"


@dataclass(frozen=True, slots=True)
class Accuse(Action):
    """Bring a charge before the Control Commission; the Politburo then votes on the sanction."""

    target: str = ""
    charge: str = ""  # factionalism | left_deviation | right_deviation | bonapartism | past_sins
    kind: ClassVar[str] = "accuse"


@dataclass(frozen=True, slots=True)
class ProposePact(Action):
    partner: str = ""
    secret: bool = True
    kind: ClassVar[str] = "propose_pact"


@dataclass(frozen=True, slots=True)
class BreakPact(Action):
    pact: int = 0
    kind: ClassVar[str] = "break_pact"


@dataclass(frozen=True, slots=True)
class Publish(Action):
    """Publish an article or platform on one axis: moves the party mood toward your line."""

    axis: str = ""
    kind: ClassVar[str] = "publish"


@dataclass(frozen=True, slots=True)
class ShiftLine(Action):
    axis: str = ""
    direction: int = 0  # -1 or +1
    kind: ClassVar[str] = "shift_line"


@dataclass(frozen=True, slots=True)
class TableMotion(Action):
    """Put a motion before the Politburo at this quarter's session."""

    motion: str = ""  # remove_office | appoint_office | adopt_line | promote | readmit
    target: str | None = None
    office: str | None = None
    axis: str | None = None
    direction: int = 0
    kind: ClassVar[str] = "table_motion"


@dataclass(frozen=True, slots=True)
class Canvass(Action):
    """Spend patronage and time on a colleague: favours, a dacha, a post for a friend."""

    target: str = ""
    kind: ClassVar[str] = "canvass"


@dataclass(frozen=True, slots=True)
class Campaign(Action):
    """A speaking tour of a region's party organisation: win the rank and file directly."""

    region: str = ""
    kind: ClassVar[str] = "campaign"


@dataclass(frozen=True, slots=True)
class Investigate(Action):
    """Set the OGPU on a rival: a secret pact found becomes evidence of factionalism."""

    target: str = ""
    kind: ClassVar[str] = "investigate"


@dataclass(frozen=True, slots=True)
class Recant(Action):
    """Admit your errors: escalation stops, prestige falls, the way back opens."""

    kind: ClassVar[str] = "recant"


@dataclass(frozen=True, slots=True)
class DraftSlate(Action):
    """In a Congress quarter: the list for the new CC to elect. Names are comma-separated ids."""

    full: str = ""  # the Politburo's full members
    candidates: str = ""  # its candidate members
    secretariat: str = ""  # the secretaries of the CC
    cc: str = ""  # men newly named to the Central Committee
    kind: ClassVar[str] = "draft_slate"


@dataclass(frozen=True, slots=True)
class Decide(Action):
    """Answer a question the game put to you: a vote, a pact offer, an event's choice."""

    decision: int = 0
    choice: str = ""
    kind: ClassVar[str] = "decide"


ACTION_TYPES: dict[str, type[Action]] = {
    cls.kind: cls
    for cls in (EndTurn, Appoint, LaunchEnrolment, Accuse, ProposePact, BreakPact, Publish,
                ShiftLine, TableMotion, Canvass, Campaign, Investigate, Recant, DraftSlate, Decide)
}


def from_dict(data: Any) -> Action:
    """Rebuild an action from its dict form; BadInput if it is not one."""
    if not isinstance(data, dict):
        raise BadInput(f"action must be an object (got {type(data).__name__})")
    kind = data.get("kind")
    cls = ACTION_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise BadInput(f"unknown action kind {kind!r}")
    allowed = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key == "kind":
            continue
        if key not in allowed:
            raise BadInput(f"action {kind}: unknown field {key!r}")
        if value is not None and not isinstance(value, str | int | bool):
            raise BadInput(f"action {kind}: field {key!r} has the wrong type")
        kwargs[key] = value
    if "actor" not in kwargs or not isinstance(kwargs["actor"], str):
        raise BadInput(f"action {kind}: missing actor")
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise BadInput(f"action {kind}: {exc}") from None
