"""What a leader knows. A secret pact is known to its members and, once discovered, to all;
everything else on the board is public. Whip counts, the AI and each hot-seat player work from
their own leader's view, so nobody reckons with a pact he could not know of."""

from __future__ import annotations

from ..model import GameState


def knows(state: GameState, leader: str | None, pact_id: int) -> bool:
    for pact in state.pacts:
        if pact.id == pact_id:
            return not pact.secret or pact.discovered or leader is None or leader in pact.members
    return False


def view(state: GameState, leader: str | None) -> GameState:
    """The state as `leader` sees it (None: the historian's view, everything).

    Read-only. When pacts are hidden from him this is a shallow copy with its own pact list and
    everything else shared with the real state (the AI looks once per decision, and a full clone
    each time cost a tenth of a game); clone() it before playing moves on it."""
    hidden = [p for p in state.pacts if p.secret and not p.discovered and leader not in p.members]
    if leader is None or not hidden:
        return state
    seen = state.__copy__()
    seen.pacts = [p for p in state.pacts if not (p.secret and not p.discovered and leader not in p.members)]
    return seen
