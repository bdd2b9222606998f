"""The historical replay: from each start, the script played through the rules (votes decided by
the model) reaches every later milestone of the real timeline in its own quarter."""

from __future__ import annotations

from functools import cache

import pytest

from game.calendar import quarter_index
from game.history import ledger, milestones, replay
from game.scenario import load_model

FAITHFUL = ("1924", "1925", "1926", "1927", "1928", "1929")  # every start reaches every milestone


@cache
def _ledger(scenario: str) -> dict[str, tuple[str, str | None]]:
    session, _ = replay(scenario)
    st = session.state
    rows = ledger(session.chronicle, st.start, st.end, st.turn, over=True)
    return {r.milestone.id: (r.status, r.game_quarter) for r in rows}


def _cases() -> list[tuple[str, str]]:
    out = []
    for sid in FAITHFUL:
        model, _, _ = load_model(sid)
        start, end = quarter_index(model.scenario.start), quarter_index(model.scenario.end)
        out += [(sid, m.id) for m in milestones(start, end)]
    return out


@pytest.mark.parametrize(("scenario", "milestone"), _cases())
def test_the_replay_reaches_the_milestone_in_its_quarter(scenario, milestone):
    status, game_quarter = _ledger(scenario)[milestone]
    assert status == "as_in_history", f"{milestone}: {status} (game: {game_quarter})"
