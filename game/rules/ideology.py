"""Ideology: publishing moves the party mood toward the author; shifting one's own line costs
credibility in proportion to visibility (a "grey" organiser changes sides cheaply); the adopted
line pulls the mood a little each quarter; a party line is changed by a Politburo vote."""

from __future__ import annotations

from ..calendar import quarter_name
from ..model import AXES, AXIS_LABELS, GameState
from .common import Out, active_contenders, bal, clip, emit, name


def check_publish(state: GameState, actor: str, axis: str) -> str | None:
    if axis not in AXES:
        return f"unknown axis {axis!r} (axes: {', '.join(AXES)})"
    if state.flags.get(f"published:{actor}:{axis}") == state.turn:
        return "you have already published on that question this quarter"
    return None


def publish(state: GameState, actor: str, axis: str, out: Out) -> None:
    i = state.world.balance["ideology"]
    ld = state.leaders[actor]
    oratory = 1.0 if state.world.has_trait(actor, "orator") or state.world.has_trait(actor, "theorist") else 0.5
    mine = getattr(ld, axis)
    before = getattr(state.mood, axis)
    moved = i["publish_mood"] * (0.5 + oratory) * (mine - before)
    setattr(state.mood, axis, clip(before + moved, -1, 1))
    prestige = i["publish_prestige"] * oratory
    against = abs(mine - state.line[axis]) > bal(state, "accusation", "deviation_tolerance")
    if against:
        ld.platforms += 1
        prestige -= i["against_line_prestige"]
    ld.prestige = clip(ld.prestige + prestige, 0, 100)
    state.flags[f"published:{actor}:{axis}"] = state.turn
    offended = polemic(state, actor, axis)
    low, high = AXIS_LABELS[axis]
    stance = high if mine > 0 else low
    emit(state, out, "publication", f"{name(state, actor)} publishes for {stance}"
         + (" — a platform against the line." if against else ".")
         + (f" {_names(state, list(offended))} "
            + ("takes it as an attack on his views." if len(offended) == 1 else "take it as an attack on their views.")
            if offended else ""),
         leader=actor, axis=axis, mood_moved=round(moved, 3), prestige=round(prestige, 1), against_line=against,
         trust_lost={lid: round(loss, 3) for lid, loss in offended.items()})


def _names(state: GameState, leaders: list[str]) -> str:
    """'Stalin', 'Stalin and Rykov', 'Stalin, Bukharin and Rykov'."""
    names = [name(state, lid) for lid in leaders]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def polemic(state: GameState, actor: str, axis: str) -> dict[str, float]:
    """A published polemic is read by the men it argues against: each contender whose view on the
    question is far from the author's trusts him less. Zinoviev's attacks on the "kulak deviation"
    in 1925 turned Bukharin against him; Stalin's turn against the grain market in 1928 turned
    Bukharin against Stalin. Returns each offended man's loss of trust (a man whose trust is
    already at the bottom loses none, and is not named)."""
    i = state.world.balance["ideology"]
    mine = getattr(state.leaders[actor], axis)
    offended: dict[str, float] = {}
    for lid in active_contenders(state):
        far = abs(getattr(state.leaders[lid], axis) - mine) - i["polemic_from"]
        if lid != actor and far > 0:
            before = state.trust_of(lid, actor)
            state.add_trust(lid, actor, -i["polemic_trust"] * far)
            if state.trust_of(lid, actor) < before:
                offended[lid] = before - state.trust_of(lid, actor)
    return offended


def check_shift(state: GameState, actor: str, axis: str, direction: int) -> str | None:
    if axis not in AXES:
        return f"unknown axis {axis!r}"
    if direction not in (-1, 1):
        return "direction must be -1 or +1"
    value = getattr(state.leaders[actor], axis)
    if (direction > 0 and value >= 1.0) or (direction < 0 and value <= -1.0):
        return "you cannot go further that way"
    return None


def shift(state: GameState, actor: str, axis: str, direction: int, out: Out) -> None:
    """A leader changes his view; his clients, who owe him their posts, follow him part of the way
    (ideology.client_follow): Molotov, Kaganovich and Kuibyshev turned with Stalin in 1928."""
    i = state.world.balance["ideology"]
    ld = state.leaders[actor]
    step = direction * i["shift_step"]
    setattr(ld, axis, clip(getattr(ld, axis) + step, -1, 1))
    followers = sorted(lid for lid, x in state.leaders.items() if x.patron == actor and x.active and lid != actor)
    for lid in followers:
        client = state.leaders[lid]
        setattr(client, axis, clip(getattr(client, axis) + step * i["client_follow"], -1, 1))
    grey = state.world.has_trait(actor, "grey")
    cost = i["shift_cost_grey"] if grey else i["shift_cost_visible"]
    ld.prestige = max(0.0, ld.prestige - cost)
    low, high = AXIS_LABELS[axis]
    follow = f"; {len(followers)} of his clients follow him" if followers else ""
    emit(state, out, "line_shift", f"{name(state, actor)} moves towards {high if direction > 0 else low}"
         f" (credibility cost {cost:.0f}{', little noticed' if grey else ''}{follow}).", leader=actor,
         axis=axis, direction=direction, cost=cost, followers=followers,
         followed=round(step * i["client_follow"], 3) if followers else 0.0)


def adopt(state: GameState, axis: str, value: float, out: Out, by: str | None) -> None:
    before = state.line[axis]
    state.line[axis] = clip(value, -1, 1)
    settled = ""
    if state.line[axis] != before:  # when, and which way (check_reversal)
        state.flags[f"line_moved:{axis}"] = [state.turn, 1 if state.line[axis] > before else -1]
        again = _reopens(state, state.turn)
        if again <= state.end:  # said here, since the window's palette only lists what is legal
            settled = f" The minority must submit: it cannot be moved back before {quarter_name(again)}."
    low, high = AXIS_LABELS[axis]
    emit(state, out, "line_adopted", f"The party line moves towards "
         f"{high if value > before else low} ({before:+.2f} → {value:+.2f}).{settled}", leader=by, axis=axis,
         before=round(before, 3), after=round(value, 3))


def check_reversal(state: GameState, axis: str, direction: int) -> str | None:
    """A line the Politburo has just changed is not reopened at once: under the 1921 resolution on
    unity the minority submits to a decision, so a motion to move the line back may be tabled again
    only from ideology.line_settle quarters after the quarter of the change. Motions are tabled
    before the sessions that carry them, so with 2 the next quarter is the one refused (without
    this the same Politburo turned the line back and forth each quarter through 1928-29). A
    Congress that rejects the political report moves the line by the same `adopt`, and it settles
    the same way."""
    moved = state.flags.get(f"line_moved:{axis}")
    if not moved or direction != -moved[1]:
        return None
    again = _reopens(state, moved[0])
    if state.turn >= again:
        return None
    when = f"before {quarter_name(again)}" if again <= state.end else "again before the struggle ends"
    return (f"the Politburo changed the line on this question in {quarter_name(moved[0])}, and the 1921 "
            f"resolution on unity binds the minority: it cannot be moved back {when}")


def _reopens(state: GameState, changed: int) -> int:
    """The first quarter in which a line changed in quarter `changed` may be moved back."""
    return changed + int(state.world.balance["ideology"]["line_settle"])


def reckon(state: GameState) -> None:
    """The adopted line pulls the mood; the cult fades unless fed; unity slowly returns."""
    i = state.world.balance["ideology"]
    m = state.world.balance["mood"]
    for axis in AXES:
        current = getattr(state.mood, axis)
        setattr(state.mood, axis, current + i["line_pull"] * (state.line[axis] - current))
    state.mood.cult = clip(state.mood.cult - m["cult_decay"], 0, 1)
    state.mood.unity = clip(state.mood.unity + m["unity_recover"] - m["crisis_unity"] * state.economy.crisis, 0, 1)
