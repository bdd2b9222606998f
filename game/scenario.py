"""Load, validate and instantiate scenarios.

Errors come back as `BadInput` with one line per problem: `file: path.to.field: problem (got X)`.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from . import rng
from .calendar import quarter_index
from .errors import BadInput
from .model import (
    ACTIVE_STATUSES,
    LADDER,
    CCSeat,
    Economy,
    GameState,
    Leader,
    LeaderInfo,
    Mood,
    Pact,
    Personality,
    Region,
)
from .rules.accusations import judge
from .rules.common import record_politburo_seats
from .rules.enrolment import QUARTER_FLAGS
from .schema import ScenarioModel
from .world import World, interned, load_balance, office_table

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_DIR = ROOT / "scenarios"
MAX_FILE_BYTES = 1_000_000
MAX_EXTENDS_DEPTH = 8
# Arrays of tables merged by `id` when a scenario extends another; other arrays are replaced.
_MERGE_BY_ID = ("leaders", "regions", "events")


def scenario_path(ref: str) -> Path:
    """A scenario id ('1924') or a path to a TOML file."""
    if ref.endswith(".toml") or "/" in ref or "\\" in ref or Path(ref).exists():
        return Path(ref)
    for candidate in (SCENARIO_DIR / f"{ref}.toml", SCENARIO_DIR / "whatif" / f"{ref}.toml"):
        if candidate.is_file():
            return candidate
    known = ", ".join(sorted(list_ids())) or "none"
    raise BadInput(f"unknown scenario {ref!r} (known: {known})")


def list_ids() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def read_toml(path: Path) -> tuple[dict[str, Any], bytes]:
    label = str(path)
    if not path.exists():
        raise BadInput(f"{label}: no such file")
    if not path.is_file():
        raise BadInput(f"{label}: not a file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadInput(f"{label}: file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{label}: cannot read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise BadInput(f"{label}: empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(f"{label}: not UTF-8 text") from None
    try:
        return tomllib.loads(text), raw
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{label}: TOML syntax error: {exc}") from None
    except RecursionError:
        raise BadInput(f"{label}: TOML nested too deeply") from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key in _MERGE_BY_ID and isinstance(value, list) and isinstance(out.get(key), list):
            merged = {item.get("id"): dict(item) for item in out[key] if isinstance(item, dict)}
            order = list(merged)
            for item in value:
                if not isinstance(item, dict):
                    continue
                iid = item.get("id")
                if iid in merged:
                    merged[iid] = _merge(merged[iid], item)
                else:
                    merged[iid] = item
                    order.append(iid)
            out[key] = [merged[i] for i in order]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], bytes]:
    if path.resolve() in seen:
        chain = " -> ".join(p.name for p in (*seen, path.resolve()))
        raise BadInput(f"{path}: extends: cycle ({chain})")
    if len(seen) >= MAX_EXTENDS_DEPTH:
        raise BadInput(f"{path}: extends: chain longer than {MAX_EXTENDS_DEPTH}")
    data, raw = read_toml(path)
    parent = data.get("extends")
    if parent is None:
        return data, raw
    if not isinstance(parent, str) or not parent.replace("_", "").isalnum():
        raise BadInput(f"{path}: extends: must be a scenario id like \"1924\" (got {parent!r})")
    # A base is looked up among the shipped scenarios only, so a file never reaches outside them.
    base_path = SCENARIO_DIR / f"{parent}.toml"
    if not base_path.is_file():
        raise BadInput(f"{path}: extends: unknown scenario {parent!r}")
    base, base_raw = _resolve(base_path, (*seen, path.resolve()))
    merged = _merge(base, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = None
    return merged, base_raw + raw


def _location(loc: tuple) -> str:
    """The field path of an error. In a list of effects pydantic adds the union's tag after the
    index (effects.0.mood.unity): that tag is the effect's type, not a field, so it is dropped."""
    parts: list[str] = []
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "effects" and isinstance(loc[i - 1], int) and isinstance(part, str):
            continue
        parts.append(str(part))
    return ".".join(parts)


def _format_errors(label: str, exc: ValidationError) -> list[str]:
    lines = []
    for err in exc.errors(include_url=False):
        loc = _location(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        got = err.get("input")
        shown = "" if err["type"] == "missing" or isinstance(got, dict | list) else f" (got {got!r})"
        if err["type"] == "missing":
            msg = "missing required field"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field"
        lines.append(f"{label}: {loc or '(top)'}: {msg}{shown}")
    return lines


def _cross_check(label: str, s: ScenarioModel, offices: set[str]) -> list[str]:
    """What pydantic cannot see: ids that must exist, counts that must be possible."""
    problems: list[str] = []
    ids = [leader.id for leader in s.leaders]
    known = set(ids)
    for i, lid in enumerate(ids):
        if ids.index(lid) != i:
            problems.append(f"{label}: leaders.{i}.id: duplicate leader id (got {lid!r})")
    region_ids = [r.id for r in s.regions]
    for i, rid in enumerate(region_ids):
        if region_ids.index(rid) != i:
            problems.append(f"{label}: regions.{i}.id: duplicate region id (got {rid!r})")

    def need(path: str, lid: str | None) -> None:
        if lid is not None and lid not in known:
            problems.append(f"{label}: {path}: unknown leader id (got {lid!r})")

    for i, leader in enumerate(s.leaders):
        need(f"leaders.{i}.patron", leader.patron)
        if leader.patron == leader.id:
            problems.append(f"{label}: leaders.{i}.patron: a leader cannot be his own patron")
    for oid, holder in s.offices.items():
        if oid not in offices:
            problems.append(f"{label}: offices.{oid}: unknown office (known: {', '.join(sorted(offices))})")
        need(f"offices.{oid}", holder)
    for oid in sorted(offices - set(s.offices)):
        problems.append(f"{label}: offices.{oid}: missing required field")
    for i, lid in enumerate(s.politburo.full):
        need(f"politburo.full.{i}", lid)
    for i, lid in enumerate(s.politburo.candidates):
        need(f"politburo.candidates.{i}", lid)
        if lid in s.politburo.full:
            problems.append(f"{label}: politburo.candidates.{i}: already a full member (got {lid!r})")
    for group in ("full", "candidates"):
        members = getattr(s.politburo, group)
        if len(set(members)) != len(members):
            problems.append(f"{label}: politburo.{group}: the same leader sits twice")
    for i, lid in enumerate(s.secretariat):
        need(f"secretariat.{i}", lid)
    for i, lid in enumerate(s.orgburo):
        need(f"orgburo.{i}", lid)
    for i, bloc in enumerate(s.central_committee.blocs):
        need(f"central_committee.blocs.{i}.patron", bloc.patron)
    if sum(b.seats for b in s.central_committee.blocs) < 10:
        problems.append(f"{label}: central_committee.blocs: fewer than 10 seats in all")
    for i, region in enumerate(s.regions):
        need(f"regions.{i}.secretary", region.secretary)
        need(f"regions.{i}.patron", region.patron)
        need(f"regions.{i}.protected_by", region.protected_by)
        for patron in region.loyalty:
            need(f"regions.{i}.loyalty.{patron}", patron)
    for i, t in enumerate(s.trust):
        need(f"trust.{i}.a", t.a)
        need(f"trust.{i}.b", t.b)
    for i, pact in enumerate(s.pacts):
        for j, m in enumerate(pact.members):
            need(f"pacts.{i}.members.{j}", m)
    for i, lid in enumerate(s.scenario.playable):
        need(f"scenario.playable.{i}", lid)
        if lid not in s.objectives:
            problems.append(f"{label}: scenario.playable.{i}: no objectives.{lid} table for this contender")
    for i, name in enumerate(s.scenario.toggles):
        if name not in s.toggles:
            problems.append(f"{label}: scenario.toggles.{i}: no toggles.{name} table (got {name!r})")
    for name, toggle in s.toggles.items():
        for lid in toggle.leaders:
            need(f"toggles.{name}.leaders.{lid}", lid)
        for flag in QUARTER_FLAGS:
            if flag in toggle.flags:
                try:
                    quarter_index(str(toggle.flags[flag]))
                except ValueError as exc:
                    problems.append(f"{label}: toggles.{name}.flags.{flag}: {exc}")
    for lid in s.objectives:
        need(f"objectives.{lid}", lid)
    for i, step in enumerate(s.script):
        need(f"script.{i}.actor", step.actor)
        for key in ("target", "partner", "appointee"):
            value = step.action.get(key)
            if isinstance(value, str):
                need(f"script.{i}.action.{key}", value)
        region = step.action.get("region")
        if isinstance(region, str) and region not in region_ids:
            problems.append(f"{label}: script.{i}.action.region: unknown region (got {region!r})")
        office = step.action.get("office")
        if isinstance(office, str) and office not in offices:
            problems.append(f"{label}: script.{i}.action.office: unknown office (got {office!r})")
        if step.quarter > s.scenario.end:  # steps before the start are inherited history, skipped
            problems.append(f"{label}: script.{i}.quarter: after the scenario's end {s.scenario.end} (got {step.quarter!r})")
    event_ids = [e.id for e in s.events]
    for i, event in enumerate(s.events):
        if event_ids.index(event.id) != i:
            problems.append(f"{label}: events.{i}.id: duplicate event id (got {event.id!r})")
        for j, req in enumerate(event.requires):
            kind, _, arg = req.lstrip("!").partition(":")
            if kind != "flag":
                need(f"events.{i}.requires.{j}", arg.split("=")[0] if kind != "holds" else None)
        _check_effects(f"events.{i}.effects", event.effects, need, problems, label, offices)
    return problems


def _check_effects(path, effects, need, problems, label, offices) -> None:
    for j, eff in enumerate(effects):
        here = f"{path}.{j}"
        for key in ("leader", "a", "b", "decider", "sponsor", "target"):
            if hasattr(eff, key):
                need(f"{here}.{key}", getattr(eff, key))
        if hasattr(eff, "members"):
            for k, m in enumerate(eff.members):
                need(f"{here}.members.{k}", m)
        if getattr(eff, "office", None) is not None and eff.office not in offices:
            problems.append(f"{label}: {here}.office: unknown office (got {eff.office!r})")
        if eff.type == "decision":
            for k, choice in enumerate(eff.choices):
                _check_effects(f"{here}.choices.{k}.effects", choice.effects, need, problems,
                               label, offices)


_MODEL_CACHE: dict[tuple[str, str], ScenarioModel] = {}


def load_model(ref: str) -> tuple[ScenarioModel, str, Path]:
    """Read and validate a scenario; returns the model, its content hash and its path.
    Validated models are cached by content, so batch runs validate each file once."""
    path = scenario_path(ref)
    data, raw = _resolve(path)
    source_hash = hashlib.sha256(raw).hexdigest()[:16]
    cached = _MODEL_CACHE.get((str(path), source_hash))
    if cached is not None:
        return cached, source_hash, path
    label = str(path)
    try:
        model = ScenarioModel.model_validate(interned(data))  # pydantic keeps the interned strings
    except ValidationError as exc:
        raise BadInput(_format_errors(label, exc)) from None
    except RecursionError:
        raise BadInput(f"{label}: nested too deeply") from None
    balance = load_balance()
    problems = _cross_check(label, model, set(balance["offices"]))
    if problems:
        raise BadInput(problems)
    _MODEL_CACHE[(str(path), source_hash)] = model
    return model, source_hash, path


def validate(ref: str) -> ScenarioModel:
    return load_model(ref)[0]


def build_world(model: ScenarioModel, source_hash: str, path: Path) -> World:
    balance = load_balance()
    infos = {
        lm.id: LeaderInfo(
            id=lm.id, name=lm.name, full_name=lm.full_name or lm.name, base=lm.base,
            traits=frozenset(lm.traits), personality=Personality(**lm.personality.model_dump()),
            playable=lm.id in model.scenario.playable, bio=lm.bio, source=lm.source,
        )
        for lm in model.leaders
    }
    meta = model.scenario
    return World(
        scenario_id=meta.id, title=meta.title, blurb=meta.blurb, intro=meta.intro,
        playable=tuple(meta.playable), leaders=infos, offices=office_table(balance),
        regions={r.id: r for r in model.regions}, events=tuple(model.events),
        toggles=dict(model.toggles), objectives=dict(model.objectives), balance=balance,
        source_hash=source_hash, path=str(path),
    )


def new_game(ref: str, seed: int, toggles: tuple[str, ...] = (), seats: dict[str, str] | None = None) -> GameState:
    """A fresh game: the scenario's starting position, the toggles applied, the seats assigned."""
    model, source_hash, path = load_model(ref)
    world = build_world(model, source_hash, path)
    for name in toggles:
        if name not in world.toggles:
            offered = ", ".join(sorted(world.toggles)) or "none"
            raise BadInput(f"unknown toggle {name!r} for scenario {world.scenario_id} (offered: {offered})")
    if seats:
        for lid in seats:
            if lid not in world.playable:
                raise BadInput(f"{lid!r} is not playable in scenario {world.scenario_id} "
                               f"(playable: {', '.join(world.playable)})")
    return _initial_state(model, world, seed, tuple(toggles), seats or {})


def _initial_state(model: ScenarioModel, world: World, seed: int, toggles: tuple[str, ...],
                   seats: dict[str, str]) -> GameState:
    ids = [lm.id for lm in model.leaders]
    index = {lid: i for i, lid in enumerate(ids)}
    leaders = {
        lm.id: Leader(
            id=lm.id, prestige=lm.prestige, patronage=lm.patronage, ap=0, econ=lm.econ,
            world=lm.world, regime=lm.regime, status=lm.status, patron=lm.patron,
            in_cc=lm.in_cc and lm.status in ("active", "demoted", "readmitted"),
            mantle=lm.mantle, health=lm.health, sanction=LADDER.index(lm.sanction), platforms=lm.platforms,
        )
        for lm in model.leaders
    }
    trust = np.zeros((len(ids), len(ids)), dtype=np.float64)
    for lid, leader in leaders.items():
        if leader.patron:  # clients trust their patrons, and patrons their clients
            trust[index[lid], index[leader.patron]] = 0.5
            trust[index[leader.patron], index[lid]] = 0.3
    for t in model.trust:
        trust[index[t.a], index[t.b]] = t.value
        if t.mutual:
            trust[index[t.b], index[t.a]] = t.value
    cc = [CCSeat(b.patron, b.lean) for b in model.central_committee.blocs for _ in range(b.seats)]
    regions = {
        r.id: Region(r.id, r.members, r.candidates, r.workers, r.secretary, r.patron,
                     dict(r.loyalty), r.protected_by)
        for r in model.regions
    }
    state = GameState(
        scenario_id=model.scenario.id, seed=seed, rng=rng.seed_state(seed),
        start=quarter_index(model.scenario.start), end=quarter_index(model.scenario.end),
        turn=quarter_index(model.scenario.start), phase="events", leaders=leaders,
        offices={oid: model.offices.get(oid) for oid in world.offices},
        politburo_full=list(model.politburo.full), politburo_candidates=list(model.politburo.candidates),
        secretariat=list(model.secretariat), orgburo=list(model.orgburo), cc=cc,
        ccc_size=model.central_committee.ccc_size, regions=regions,
        mood=Mood(**model.mood.model_dump()), economy=Economy(**model.economy.model_dump()),
        line=model.line.model_dump(), trust=trust, index=index,
        seats={lid: "ai" for lid in world.playable}, toggles=toggles, world=world,
    )
    state.seats.update(seats)
    record_politburo_seats(state)  # the Politburo as the last CC elected it (Lenin's seat included)
    if model.scenario.plenum_due is not None:
        state.flags["cc_plenum_due"] = tuple(model.scenario.plenum_due)
    for i, pm in enumerate(model.pacts):
        state.pacts.append(Pact(i + 1, tuple(pm.members), pm.secret, pm.strength, state.turn, pm.name))
    state.next_id = len(state.pacts) + 1
    for name in toggles:  # a toggle changes starting facts and flags, never the rules
        toggle = world.toggles[name]
        state.flags.update(toggle.flags)
        for lid, changes in toggle.leaders.items():
            for key, value in changes.items():
                if hasattr(state.leaders[lid], key):
                    setattr(state.leaders[lid], key, value)
    for lid, leader in state.leaders.items():
        # Condemned before the game opens and still in the party: judged on what the party had then.
        # (A man already expelled is taken to have recanted long ago: `can_be_readmitted`.)
        if leader.sanction > 0 and leader.status in ACTIVE_STATUSES:
            state.flags[f"sanctioned:{lid}"] = state.turn - 1
            judge(state, lid)
    return state
