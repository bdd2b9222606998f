"""Helpers every mechanism shares: chance draws, the chronicle, who counts, ideological distance."""

from __future__ import annotations

from itertools import permutations
from typing import Any

from ..events import Event
from ..model import ACTIVE_STATUSES, AXES, GameState
from ..rng import next_float

Out = list[Event]


def draw(state: GameState, key: str) -> float:
    """One decisive random draw in [0, 1). The stream always advances, so forcing one outcome
    ("what if that vote had gone the other way?") leaves every later draw as it was."""
    state.rng, value = next_float(state.rng)
    state.draws += 1
    return state.forced.get(key, value)


def emit(state: GameState, out: Out, kind: str, text: str, *, leader: str | None = None,
         target: str | None = None, office: str | None = None, region: str | None = None,
         private_to: tuple[str, ...] = (), **detail: Any) -> Event:
    event = Event(state.quarter, kind, text, leader, target, office, region, detail, private_to)
    out.append(event)
    return event


def name(state: GameState, leader: str | None) -> str:
    return state.world.name(leader)


def bal(state: GameState, section: str, key: str) -> Any:
    return state.world.balance[section][key]


def clip(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def distance(state: GameState, a: str, b: str) -> float:
    """Ideological distance between two leaders, 0 (same) .. 1 (opposite on every axis)."""
    la, lb = state.leaders[a], state.leaders[b]
    return (abs(la.econ - lb.econ) + abs(la.world - lb.world) + abs(la.regime - lb.regime)) / 6.0


def distance_to_line(state: GameState, leader: str, axes: tuple[str, ...] = AXES) -> float:
    ld = state.leaders[leader]
    return sum(abs(getattr(ld, ax) - state.line[ax]) for ax in axes) / (2.0 * len(axes))


def distance_to_mood(state: GameState, leader: str) -> float:
    ld, m = state.leaders[leader], state.mood
    return (abs(ld.econ - m.econ) + abs(ld.world - m.world) + abs(ld.regime - m.regime)) / 6.0


def contenders(state: GameState) -> list[str]:
    return [lid for lid in state.world.playable if lid in state.leaders]


def active_contenders(state: GameState) -> list[str]:
    return [lid for lid in contenders(state) if state.leaders[lid].active]


def voters(state: GameState) -> list[str]:
    """Full Politburo members who can vote: alive and not expelled. Candidates only speak."""
    leaders = state.leaders
    return [lid for lid in state.politburo_full if leaders[lid].status in ACTIVE_STATUSES]  # Leader.active


def pact_strength(state: GameState, a: str, b: str) -> float:
    best = 0.0
    if a == b:
        return best
    for pact in state.pacts:
        if a in pact.members and b in pact.members and pact.strength > best:  # max(best, strength)
            best = pact.strength
    return best


def pact_strengths(state: GameState) -> dict[tuple[str, str], float]:
    """`pact_strength` for every bound pair at once, (a, b) and (b, a) both: one pass over the
    pacts for readers that ask about many pairs of the same board. A pair not in it is 0.0."""
    best: dict[tuple[str, str], float] = {}
    for pact in state.pacts:
        strength = pact.strength
        for pair in permutations(pact.members, 2):
            if strength > best.get(pair, 0.0) and pair[0] != pair[1]:
                best[pair] = strength
    return best


class Relations:
    """`congress.friendly` and `hostile` for many pairs of one board: the pacts read once (the
    same strengths as `pact_strength`), trust by item (the same floats as `trust_of`; reading a
    whole row for one or two pairs, as the CC reading a list does, cost more). A Politburo
    election, or the CC reading a list, weighs many pairs."""

    __slots__ = ("leaders", "index", "item", "pacts")

    def __init__(self, state: GameState) -> None:
        self.leaders, self.index, self.item = state.leaders, state.index, state.trust.item
        self.pacts = pact_strengths(state)

    def trust_of(self, a: str, b: str) -> float:
        index = self.index
        return self.item(index[a], index[b])

    def friendly(self, patron: str, leader: str) -> bool:
        leaders = self.leaders
        return (patron == leader or leaders[patron].patron == leader or leaders[leader].patron == patron
                or self.trust_of(patron, leader) >= 0.3 or self.pacts.get((patron, leader), 0.0) >= 0.3)

    def hostile(self, patron: str, leader: str) -> bool:
        return self.trust_of(patron, leader) <= -0.3 and not self.friendly(patron, leader)


def remove_from_politburo(state: GameState, leader: str) -> bool:
    removed = False
    if leader in state.politburo_full:
        state.politburo_full.remove(leader)
        removed = True
    if leader in state.politburo_candidates:
        state.politburo_candidates.remove(leader)
        removed = True
    return removed


def strip_offices(state: GameState, leader: str) -> list[str]:
    lost = []
    for office, holder in state.offices.items():
        if holder == leader:
            state.offices[office] = None
            lost.append(office)
    if leader in state.secretariat:
        state.secretariat.remove(leader)
    if leader in state.orgburo:
        state.orgburo.remove(leader)
    return lost


MAX_FULL = 10  # the most full members, and candidates, any list or motion can seat
MAX_CANDIDATES = 9


def politburo_seats(state: GameState) -> tuple[int, int]:
    """The full and candidate seats of the Politburo as the CC last elected it. Between Congresses
    a seat left empty by a death or a removal can be filled, but the body does not grow: its size
    was the CC's decision (it went from 7 to 9 full members only at the plenum after the 14th
    Congress, in January 1926)."""
    return (min(MAX_FULL, state.flags.get("politburo_seats_full", MAX_FULL)),
            min(MAX_CANDIDATES, state.flags.get("politburo_seats_candidates", MAX_CANDIDATES)))


def empty_politburo_seats(state: GameState) -> tuple[int, int]:
    """The full and candidate seats the CC elected that stand empty: the only ones a motion can
    fill before the next Congress."""
    full, candidates = politburo_seats(state)
    return max(0, full - len(state.politburo_full)), max(0, candidates - len(state.politburo_candidates))


def unclaimed_politburo_seats(state: GameState) -> tuple[int, int]:
    """`empty_politburo_seats` less those a promotion already on the agenda would fill: what a new
    promotion may still ask for (two promotions cannot fill one seat)."""
    full, candidates = empty_politburo_seats(state)
    for m in state.motions:
        if m.kind == "promote":
            if m.target in state.politburo_candidates:
                full -= 1
            else:
                candidates -= 1
    return max(0, full), max(0, candidates)


def record_politburo_seats(state: GameState, keep_larger: bool = False) -> None:
    """The CC has elected the Politburo: its size as it stands. `keep_larger`: the history has
    seated a man, which can enlarge the body but leaves the seats it had (empty ones included)."""
    full, candidates = len(state.politburo_full), len(state.politburo_candidates)
    if keep_larger:
        seats_full, seats_candidates = politburo_seats(state)
        full, candidates = max(full, seats_full), max(candidates, seats_candidates)
    state.flags["politburo_seats_full"] = full
    state.flags["politburo_seats_candidates"] = candidates
