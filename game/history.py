"""The real timeline, the historical replay and the ledger of a game against history.

Milestones come from seeds/timeline.toml (`milestone = true`). A game event matches a milestone
when it is the same kind of change to the same leader (and office, where one applies). The
ledger marks each milestone "as in history", "earlier", "later", "diverged" or "pending".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import actions as A
from .calendar import quarter_index, quarter_name
from .errors import BadInput, IllegalAction
from .events import Event
from .scenario import ROOT, load_model

TIMELINE = ROOT / "seeds" / "timeline.toml"
STATUS_LABELS = {"as_in_history": "as in history", "earlier": "earlier", "later": "later",
                 "diverged": "diverged", "pending": "not yet due"}


@dataclass(frozen=True, slots=True)
class Milestone:
    id: str
    quarter: str
    date: str
    title: str
    text: str
    kind: str
    leader: str | None
    office: str | None
    rank: str | None
    sources: tuple[str, ...]
    confidence: str

    @property
    def index(self) -> int:
        return quarter_index(self.quarter)


@cache
def all_milestones(path: Path = TIMELINE) -> tuple[Milestone, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the timeline ({exc})") from None
    out = []
    for entry in data.get("event", []):
        if not entry.get("milestone"):
            continue
        out.append(Milestone(entry["id"], entry["quarter"], str(entry.get("date", "")), entry["title"],
                             entry.get("text", ""), entry["kind"], entry.get("leader"), entry.get("office"),
                             entry.get("rank"), tuple(entry.get("sources", ())), entry.get("confidence", "H")))
    return tuple(out)


def milestones(start: int, end: int) -> list[Milestone]:
    return [m for m in all_milestones() if start <= m.index <= end]


def matches(m: Milestone, e: Event) -> bool:
    """Does this game event reproduce the milestone?"""
    if m.kind == "politburo_joined" and m.rank == "candidate":
        # A demotion to candidate (Kamenev, January 1926) is a seat change to the candidates' bench.
        return e.leader == m.leader and e.kind in ("politburo_joined", "politburo_left") \
            and e.detail.get("seat") == "candidate"
    if e.kind != m.kind:
        return False
    if m.kind in ("congress", "plenum"):
        return True
    if m.kind == "pact_formed":
        return m.leader in (e.leader, e.target) or m.leader in e.detail.get("members", ())
    if m.leader is not None and e.leader != m.leader:
        return False
    if m.office is not None and e.office != m.office:
        return False
    if m.kind == "politburo_joined" and m.rank == "full":
        return e.detail.get("seat") == "full"
    if m.kind == "politburo_left":
        return e.detail.get("seat") != "candidate"
    return True


@dataclass(frozen=True, slots=True)
class LedgerRow:
    milestone: Milestone
    status: str  # as_in_history | earlier | later | diverged | pending
    game_quarter: str | None

    def line(self) -> str:
        when = f" (game: {self.game_quarter})" if self.game_quarter and self.status in ("earlier", "later") else ""
        return (f"{self.milestone.quarter}  {STATUS_LABELS[self.status]:13}  {self.milestone.title}{when}"
                f"  [{', '.join(self.milestone.sources)}]")


def ledger(chronicle: list[Event], start: int, end: int, now: int, over: bool = False) -> list[LedgerRow]:
    """Every milestone of [start, end] against what the game did so far."""
    rows = []
    used: set[int] = set()
    for m in milestones(start, end):
        hit = None
        for i, e in enumerate(chronicle):
            if i not in used and matches(m, e):
                hit = (i, e)
                break
        if hit is not None:
            used.add(hit[0])
            q = quarter_index(hit[1].turn)
            status = "as_in_history" if q == m.index else "earlier" if q < m.index else "later"
            rows.append(LedgerRow(m, status, hit[1].turn))
        elif m.index < now or over:
            rows.append(LedgerRow(m, "diverged", None))
        else:
            rows.append(LedgerRow(m, "pending", None))
    return rows


def due_in(rows: list[LedgerRow], quarter: str) -> list[LedgerRow]:
    return [r for r in rows if r.milestone.quarter == quarter]


# ---- the historical replay --------------------------------------------------------------------

def replay(scenario: str, until: str | None = None, seed: int = 1) -> tuple[Any, list[str]]:
    """Play the scenario's historical script through the rules. Every scripted action is
    submitted as a player's would be; the votes on it are the model's own. Returns the session
    and a list of notes on script steps the rules refused."""
    from .session import Session

    model, _, _ = load_model(scenario)
    session = Session.new(scenario, seed=seed)
    st = session.state
    stop = quarter_index(until) if until else st.end
    if until and not st.start <= stop <= st.end:
        raise BadInput(f"--until must lie between {quarter_name(st.start)} and {quarter_name(st.end)} (got {until})")
    steps = [s for s in model.script if st.start <= quarter_index(s.quarter) <= stop]
    done: set[int] = set()
    refused: list[str] = []
    while not session.over:
        actor = session.current_actor()
        if actor is None:
            break
        if st.turn > stop:
            break
        pending = session.pending()
        if pending is not None:
            session.submit(A.Decide(actor, pending.id, pending.default))
            continue
        action: A.Action = A.EndTurn(actor)
        for i, step in enumerate(steps):
            if i in done or step.actor != actor or quarter_index(step.quarter) != st.turn:
                continue
            done.add(i)
            candidate = A.from_dict({**step.action, "actor": actor})
            reason = session.check(candidate)
            if reason is None:
                action = candidate
                break
            refused.append(f"{step.quarter} {actor} {step.action}: refused ({reason})")
        try:
            session.submit(action)
        except IllegalAction as exc:  # pragma: no cover - check() said it was legal
            refused.append(f"{quarter_name(st.turn)} {actor}: {exc.reason}")
            session.submit(A.EndTurn(actor))
    for i, step in enumerate(steps):
        if i not in done:
            refused.append(f"{step.quarter} {step.actor} {step.action}: never reached (the actor could not act)")
    return session, refused


def snapshots(chronicle: list[Event]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The Politburo and the offices at the end of each quarter, from the quarter_end events."""
    politburo: dict[str, Any] = {}
    offices: dict[str, Any] = {}
    for e in chronicle:
        if e.kind == "quarter_end":
            politburo[e.turn] = e.detail["politburo"]
            offices[e.turn] = e.detail["offices"]
    return politburo, offices


def replay_json(scenario: str, session: Any, until: str | None) -> dict[str, Any]:
    politburo, offices = snapshots(session.chronicle)
    events = [e.to_dict() for e in session.chronicle if e.kind not in ("quarter", "quarter_end")]
    return {"scenario": scenario, "events": events, "politburo": politburo, "offices": offices}
