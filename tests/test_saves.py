"""Save files: exact round trips, clear one-line errors for bad files, atomic writes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game import actions as A
from game import saves
from game.errors import BadInput
from game.session import Session


@pytest.fixture
def midgame(tmp_path) -> tuple[Session, Path]:
    """A game with Stalin as a human seat, stopped in 1925 at his move, saved to disk."""
    session = Session.new("1924", seed=3, seats={"stalin": "human"})
    while session.state.quarter < "1925Q2":
        session.advance()
        actor = session.current_actor()
        assert session.is_human(actor)
        legal = session.legal_actions(actor)
        publish = [a for a in legal if isinstance(a, A.Publish)]
        session.submit(publish[0] if publish else legal[0])
    session.advance()
    path = session.save(tmp_path / "game.json")
    return session, path


def _tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_then_load_gives_the_same_state(midgame):
    session, path = midgame
    loaded = Session.load(path)
    assert loaded.state.state_hash() == session.state.state_hash()
    assert len(loaded.chronicle) == len(session.chronicle)
    assert loaded.log == session.log
    assert loaded.hashes == session.hashes
    assert loaded.humans() == ["stalin"]
    assert loaded.current_actor() == session.current_actor()
    # The loaded game goes on exactly like the original.
    for s in (session, loaded):
        actor = s.current_actor()
        s.submit(s.legal_actions(actor)[0])
        s.advance()
    assert loaded.state.state_hash() == session.state.state_hash()


def test_a_finished_game_round_trips(finished_game, tmp_path):
    path = finished_game.save(tmp_path / "over.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == saves.FORMAT and data["version"] == saves.VERSION
    assert data["over"] is True and data["quarter"] == "1929Q4"
    loaded = Session.load(path)
    assert loaded.over
    assert loaded.state.state_hash() == finished_game.state.state_hash()
    assert len(loaded.chronicle) == len(finished_game.chronicle)
    assert loaded.state.outcome == finished_game.state.outcome


def test_save_keeps_the_previous_file(midgame):
    session, path = midgame
    first = path.read_bytes()
    session.save(path, keep_previous=True)
    assert path.with_suffix(".prev.json").read_bytes() == first
    assert _tmp_files(path.parent) == []


# ---- bad files ---------------------------------------------------------------------------------

def _expect_bad(path: Path, fragment: str | None = None) -> str:
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(BadInput) as err:
        Session.load(path)
    message = str(err.value)
    assert len(err.value.problems) == 1
    assert "\n" not in message, message
    assert str(path) in message, message
    if fragment:
        assert fragment in message, message
    if before is not None:
        assert path.read_bytes() == before, "a failed load changed the file"
    assert _tmp_files(path.parent) == []
    return message


def _edit(path: Path, **changes) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_truncated_file(midgame):
    _, path = midgame
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    _expect_bad(path, "JSON")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    _expect_bad(path, "empty")


def test_whitespace_file(tmp_path):
    path = tmp_path / "blank.json"
    path.write_bytes(b"   \n")
    _expect_bad(path)


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.json"
    path.write_bytes(random.Random(1).randbytes(4096))
    _expect_bad(path)


def test_another_programs_json(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"a":1}', encoding="utf-8")
    _expect_bad(path, "not a Politburo save")


@pytest.mark.parametrize("text", ['[1, 2, 3]', '"politburo-save"', "null", "42"])
def test_json_that_is_not_an_object(tmp_path, text):
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    _expect_bad(path, "not a Politburo save")


def test_future_version(midgame):
    _, path = midgame
    _edit(path, version=99)
    _expect_bad(path, "newer version")


@pytest.mark.parametrize("version", ["1", None, True, 1.5])
def test_bad_version_field(midgame, version):
    _, path = midgame
    _edit(path, version=version)
    _expect_bad(path, "version")


def test_changed_scenario_hash(midgame):
    _, path = midgame
    _edit(path, scenario_hash="0123456789abcdef")
    _expect_bad(path, "changed")


def test_illegal_action_in_the_log(midgame):
    _, path = midgame
    data = json.loads(path.read_text(encoding="utf-8"))
    # Trotsky never moves first: it is the General Secretary's move when the game opens.
    data["actions"].insert(0, {"kind": "end_turn", "actor": "trotsky"})
    path.write_text(json.dumps(data), encoding="utf-8")
    message = _expect_bad(path, "actions.0")
    assert "illegal" in message


def test_a_save_of_another_build_that_no_longer_replays_says_why(midgame):
    """A save records the rules it was played under (saves.rules_fingerprint). One written by a
    build whose rules differ still loads if its moves replay; if they do not, the error names the
    likely reason, and the move after it."""
    session, path = midgame
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["rules"] == saves.rules_fingerprint()
    data.pop("rules")  # as an older build wrote it: it replays, so it loads
    path.write_text(json.dumps(data), encoding="utf-8")
    assert Session.load(path).state.state_hash() == session.state.state_hash()
    data["rules"] = "0123456789abcdef"
    data["actions"].insert(0, {"kind": "end_turn", "actor": "trotsky"})
    path.write_text(json.dumps(data), encoding="utf-8")
    message = _expect_bad(path, "rules differ")
    assert "actions.0" in message and "illegal" in message and message.count(str(path)) == 1


def test_malformed_action_in_the_log(midgame):
    _, path = midgame
    data = json.loads(path.read_text(encoding="utf-8"))
    data["actions"][2] = {"kind": "teleport", "actor": "stalin"}
    path.write_text(json.dumps(data), encoding="utf-8")
    _expect_bad(path, "actions.2")


def test_tampered_hashes(midgame):
    _, path = midgame
    data = json.loads(path.read_text(encoding="utf-8"))
    first = sorted(data["hashes"])[0]
    data["hashes"][first] = "ffffffffffffffff"
    path.write_text(json.dumps(data), encoding="utf-8")
    _expect_bad(path, "does not replay")


@pytest.mark.parametrize("field,value", [
    ("seed", "one"), ("seed", -5), ("actions", {}), ("toggles", ["no_such_toggle"]),
    ("seats", {"stalin": "robot"}), ("seats", {"lenin": "human"}), ("scenario", "1066"),
    ("difficulty", "insane"), ("toggles", [3]),
])
def test_bad_fields(midgame, field, value):
    _, path = midgame
    _edit(path, **{field: value})
    _expect_bad(path)


def test_missing_file(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        Session.load(tmp_path / "nowhere.json")


def test_a_folder_is_not_a_save(tmp_path):
    with pytest.raises(BadInput, match="not a file"):
        Session.load(tmp_path)


# ---- atomic writes -----------------------------------------------------------------------------

def test_write_atomic_leaves_no_temp_files(tmp_path):
    path = tmp_path / "sub" / "save.json"
    saves.write_atomic(path, "first\n")
    saves.write_atomic(path, "second\n")
    assert path.read_text(encoding="utf-8") == "second\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["save.json"]


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "save.json"
    saves.write_atomic(path, "good\n")
    with pytest.raises(UnicodeEncodeError):
        saves.write_atomic(path, "bad \ud800 text")  # a lone surrogate cannot be encoded
    assert path.read_text(encoding="utf-8") == "good\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["save.json"]


def test_session_save_is_valid_json(midgame):
    session, path = midgame
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["actions"] == session.log
    assert data["seed"] == 3 and data["seats"]["stalin"] == "human"
    assert saves.read_save(path)["scenario"] == "1924"
    assert _tmp_files(path.parent) == []
