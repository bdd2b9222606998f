"""Events: what each resolution emits, with the numbers that decided it.

The chronicle, the vote explanations, the replay JSON and the debrief all read these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    turn: str  # the quarter, e.g. "1924Q1"
    kind: str  # death, appointment, vote, accusation, ... (DESIGN §5)
    text: str  # one line for the chronicle
    leader: str | None = None
    target: str | None = None
    office: str | None = None
    region: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    private_to: tuple[str, ...] = ()  # non-empty: only these leaders learn of it

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"turn": self.turn, "kind": self.kind, "text": self.text}
        for key in ("leader", "target", "office", "region"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.detail:
            out["detail"] = self.detail
        if self.private_to:
            out["private_to"] = list(self.private_to)
        return out

    def visible_to(self, leader: str | None) -> bool:
        return not self.private_to or leader is None or leader in self.private_to
