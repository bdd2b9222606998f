"""The static side of a game: who the leaders are, what the offices do, the scheduled events and
the balance numbers. Built once per scenario and shared by every clone of the state."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BadInput
from .model import LeaderInfo
from .schema import EventModel, ObjectiveModel, RegionModel, ToggleModel

BALANCE_PATH = Path(__file__).parent / "data" / "balance.toml"


@dataclass(frozen=True, slots=True)
class OfficeInfo:
    id: str
    name: str
    weight: float
    patronage: float
    prestige: float


@dataclass(slots=True)
class World:
    scenario_id: str
    title: str
    blurb: str
    intro: str
    playable: tuple[str, ...]
    leaders: dict[str, LeaderInfo]
    offices: dict[str, OfficeInfo]
    regions: dict[str, RegionModel]
    events: tuple[EventModel, ...]
    toggles: dict[str, ToggleModel]
    objectives: dict[str, ObjectiveModel]
    balance: dict[str, dict[str, Any]]
    source_hash: str
    path: str
    # The scheduled events by the quarter they are due in, filled in on first asking (every
    # quarter's events phase asks).
    _events_by_turn: dict[int, tuple[EventModel, ...]] | None = field(default=None, repr=False, compare=False)

    def events_in(self, turn: int) -> tuple[EventModel, ...]:
        """The scheduled events due in the quarter `turn`, in the scenario's order."""
        if self._events_by_turn is None:
            from .calendar import quarter_index

            by_turn: dict[int, list[EventModel]] = {}
            for ev in self.events:
                by_turn.setdefault(quarter_index(ev.quarter), []).append(ev)
            self._events_by_turn = {t: tuple(evs) for t, evs in by_turn.items()}
        return self._events_by_turn.get(turn, ())

    def b(self, section: str, key: str) -> Any:
        return self.balance[section][key]

    def name(self, leader: str | None) -> str:
        if leader is None:
            return "nobody"
        info = self.leaders.get(leader)
        return info.name if info else leader

    def office_name(self, office: str) -> str:
        info = self.offices.get(office)
        return info.name if info else office

    def region_name(self, region: str) -> str:
        info = self.regions.get(region)
        return info.name if info else region

    def has_trait(self, leader: str, trait: str) -> bool:
        return trait in self.leaders[leader].traits


class BalanceTable(dict):
    """A table of the balance file (or the file itself, as a table of tables). A number the rules
    ask for that the file lacks is bad input naming the file and the field: a scenario author who
    deletes a line gets one clear line, not a KeyError from deep inside a rule."""

    __slots__ = ("path", "section")

    def __init__(self, values: dict[str, Any], path: Path, section: str | None = None) -> None:
        super().__init__(values)
        self.path, self.section = path, section

    def __missing__(self, key: str) -> Any:
        where = f"{self.section}.{key}" if self.section else f"[{key}]"
        raise BadInput(f"{self.path}: {where}: missing (the rules need it; see docs/model.md)")


def interned(value: Any) -> Any:
    """What a TOML file parses to, with every string in it interned, keys included. The ids read
    from the files are compared and looked up all game long (a leader's id against another's, an
    office or a balance number as a dict key against a literal in the rules): one object per id
    makes each such test an identity check instead of a comparison of characters. Nothing else
    changes."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, dict):
        return {sys.intern(k) if isinstance(k, str) else k: interned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [interned(v) for v in value]
    return value


# Every number in the balance file is checked when it is read; a missing one is refused where the
# rules first ask for it (BalanceTable).
_BALANCE_CACHE: dict[str, dict[str, dict[str, Any]]] = {}


def load_balance(path: Path = BALANCE_PATH) -> dict[str, dict[str, Any]]:
    key = str(path)
    if key in _BALANCE_CACHE:
        return _BALANCE_CACHE[key]
    try:
        data = interned(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the balance file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: TOML syntax error: {exc}") from None
    problems = []
    for section, table in data.items():
        if not isinstance(table, dict):
            problems.append(f"{path}: {section}: must be a table")
            continue
        for name, value in table.items():
            if section == "offices":
                if not isinstance(value, dict) or not {"name", "weight", "patronage", "prestige"} <= set(value):
                    problems.append(f"{path}: offices.{name}: needs name, weight, patronage and prestige")
            elif isinstance(value, bool):
                continue
            elif not isinstance(value, int | float) or value != value:
                problems.append(f"{path}: {section}.{name}: must be a number (got {value!r})")
    if problems:
        raise BadInput(problems)
    tables = BalanceTable({section: BalanceTable(table, path, section) for section, table in data.items()}, path)
    _BALANCE_CACHE[key] = tables
    return tables


def office_table(balance: dict[str, dict[str, Any]]) -> dict[str, OfficeInfo]:
    return {
        oid: OfficeInfo(oid, spec["name"], float(spec["weight"]), float(spec["patronage"]),
                        float(spec["prestige"]))
        for oid, spec in balance["offices"].items()
    }
