"""Fuzzing: mutated scenarios and saves get a clean answer (BadInput) or load; never a traceback,
and the file read is never changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import BadInput
from game.scenario import SCENARIO_DIR, load_model
from game.session import Session

SCENARIOS = sorted(p.name for p in SCENARIO_DIR.glob("*.toml"))
GARBAGE = st.sampled_from(['"', "]", "[[", "= =", "nan", "inf", "-1e999", "1e400", '"\x07"', "{", "}", "true",
                           '"stalinn"', "99999999999999999999", "", "\\", "[scenario]", 'extends = "1924"'])


def _mutate(text: str, data) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        how = data.draw(st.sampled_from(["delete", "garbage", "value", "truncate", "duplicate"]))
        if how == "delete":
            del lines[i]
        elif how == "garbage":
            lines.insert(i, data.draw(GARBAGE))
        elif how == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {data.draw(GARBAGE)}"
        elif how == "truncate":
            lines = lines[:i]
        else:
            lines.insert(i, lines[i])
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(SCENARIOS), data=st.data())
def test_mutated_scenarios_are_refused_cleanly(tmp_path, name, data):
    text = (SCENARIO_DIR / name).read_text(encoding="utf-8")
    path = tmp_path / f"fuzz_{name}"
    mutated = _mutate(text, data)
    path.write_text(mutated, encoding="utf-8")
    try:
        load_model(str(path))
    except BadInput as exc:
        assert exc.problems and all(line.startswith(str(path)) or "extends" in line for line in exc.problems)
    assert path.read_text(encoding="utf-8") == mutated


@pytest.fixture(scope="module")
def save_bytes(tmp_path_factory) -> bytes:
    session = Session.new("1929", seed=4)
    session.advance()
    path = tmp_path_factory.mktemp("save") / "game.json"
    session.save(path)
    return path.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_saves_are_refused_cleanly(tmp_path, save_bytes, data):
    how = data.draw(st.sampled_from(["truncate", "flip", "json"]))
    if how == "truncate":
        blob = save_bytes[: data.draw(st.integers(0, len(save_bytes) - 1))]
    elif how == "flip":
        i = data.draw(st.integers(0, len(save_bytes) - 1))
        blob = save_bytes[:i] + bytes([data.draw(st.integers(0, 255))]) + save_bytes[i + 1:]
    else:  # well-formed JSON with a field changed to something hostile
        obj = json.loads(save_bytes)
        key = data.draw(st.sampled_from(sorted(obj)))
        obj[key] = data.draw(st.sampled_from([None, -1, "x" * 50, [], {}, 10**30, True, "1924Q9"]))
        blob = json.dumps(obj).encode()
    path = Path(tmp_path) / "fuzzed.json"
    path.write_bytes(blob)
    try:
        Session.load(path)
    except BadInput as exc:
        assert exc.problems and str(path) in exc.problems[0]
    assert path.read_bytes() == blob


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), cut=st.integers(1, 250), scenario=st.sampled_from(["1924", "1927"]))
def test_save_and_load_anywhere_continues_identically(tmp_path, seed, cut, scenario):
    original = Session.new(scenario, seed=seed)
    for _ in range(cut):
        actor = original.current_actor()
        if actor is None:
            break
        original.submit(original.ai_action(actor))
    path = Path(tmp_path) / "mid.json"
    original.save(path)
    loaded = Session.load(path)
    assert loaded.state.state_hash() == original.state.state_hash()
    for _ in range(120):  # both play on with the same AI
        actor = original.current_actor()
        assert actor == loaded.current_actor()
        if actor is None:
            break
        original.submit(original.ai_action(actor))
        loaded.submit(loaded.ai_action(actor))
        assert loaded.state.state_hash() == original.state.state_hash()
