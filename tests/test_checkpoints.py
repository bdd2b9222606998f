"""Checkpoints of the historical replay: the start of every later scenario.

Replaying an earlier start's script through the rules (votes decided by the model) up to the
quarter before a later start begins must leave the later start's own starting position: the
Politburo (full members and candidates), the Secretariat, every office and every region's patron
(whose client runs the party organisation). The scenario files take these facts from
shared/history/history.md (§1 Politburo, §2.1 Secretariat, §5 offices and regional chiefs), so a
failure means the script of the earlier start or the starting facts of the later one disagree with
history, and one of the two must be fixed: never the rules to force an outcome.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from game.calendar import quarter_name
from game.history import replay
from game.model import GameState
from game.scenario import new_game

STARTS = ("1924", "1925", "1926", "1927", "1928", "1929")
PAIRS = tuple((early, late) for i, late in enumerate(STARTS) for early in STARTS[:i])
KINDS = ("politburo_full", "politburo_candidates", "secretariat", "offices", "region_patrons")


@cache
def _start(scenario: str) -> GameState:
    return new_game(scenario, 1, ())


@cache
def _replayed(scenario: str, until: str) -> tuple[GameState, tuple[str, ...]]:
    """The state after the replay of `scenario` has played quarter `until` to its end."""
    session, refused = replay(scenario, until=until)
    return session.state, tuple(refused)


def _facts(state: GameState, kind: str) -> dict[str, Any]:
    """One kind of fact as a mapping, so a difference can be named entry by entry."""
    if kind == "politburo_full":
        return {lid: "full" for lid in state.politburo_full}
    if kind == "politburo_candidates":
        return {lid: "candidate" for lid in state.politburo_candidates}
    if kind == "secretariat":
        return {lid: "secretary" for lid in state.secretariat}
    if kind == "offices":
        return dict(state.offices)
    if kind == "region_patrons":
        return {rid: r.patron for rid, r in state.regions.items()}
    raise AssertionError(f"unknown kind of fact {kind!r}")


def _differences(replayed: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    out = []
    for key in sorted(set(replayed) | set(expected)):
        got, want = replayed.get(key, "—"), expected.get(key, "—")
        if got != want:
            out.append(f"{key}: replay {got!r}, scenario {want!r}")
    return out


def test_every_later_start_has_a_checkpoint_from_every_earlier_one():
    assert len(PAIRS) == len(STARTS) * (len(STARTS) - 1) // 2
    for early, late in PAIRS:
        assert _start(early).start < _start(late).start, f"{early} must begin before {late}"
        assert _start(late).start <= _start(early).end, f"the {early} replay never reaches {late}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("early", "late"), PAIRS, ids=[f"{e}-to-{lt}" for e, lt in PAIRS])
def test_the_replay_reaches_the_later_start(early, late, kind):
    expected = _start(late)
    until = quarter_name(expected.start - 1)
    state, refused = _replayed(early, until)
    diffs = _differences(_facts(state, kind), _facts(expected, kind))
    note = f"; script steps refused on the way: {list(refused)}" if refused else ""
    assert not diffs, (f"{kind}: the {early} start replayed to the end of {until} differs from the "
                       f"{late} start: " + "; ".join(diffs) + note)
