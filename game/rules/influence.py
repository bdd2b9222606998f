"""Direct influence: speaking tours that win a region's rank and file (the orator's road to power,
fast but without a machine to hold it), and canvassing a colleague with favours."""

from __future__ import annotations

from ..model import GameState
from .appointments import shift_loyalty
from .common import Out, bal, distance, emit, name


def check_campaign(state: GameState, actor: str, region: str) -> str | None:
    if region not in state.regions:
        return f"there is no region {region!r}"
    if state.flags.get(f"campaigned:{actor}") == state.turn:
        return "you can make one speaking tour a quarter"
    if state.leaders[actor].prestige < 10:
        return "nobody comes to hear you speak"
    return None


_TOURED: dict[str, dict[str, str]] = {}


def toured_keys(actor: str) -> dict[str, str]:
    """The flag recording `actor`'s last tour of each region, by region: spelt once per pair and
    kept (the AI weighs a tour of every region at each plan), one string object for every reader."""
    keys = _TOURED.get(actor)
    if keys is None:
        keys = _TOURED[actor] = _ToursOf(actor)
    return keys


class _ToursOf(dict[str, str]):
    __slots__ = ("actor",)

    def __init__(self, actor: str) -> None:
        super().__init__()
        self.actor = actor

    def __missing__(self, region: str) -> str:
        key = self[region] = f"toured:{self.actor}:{region}"
        return key


def tour_freshness(state: GameState, actor: str, region: str) -> float:
    """What a tour of `region` yields beside a first one: less where the speaker was heard in the
    last quarters (`campaign.fresh_after`), since the halls that came to hear him have heard him.
    Without it every orator toured the largest organisation, Moscow, every quarter."""
    last = state.flags.get(toured_keys(actor)[region])
    c = state.world.balance["campaign"]
    return c["repeat"] if last is not None and state.turn - last < c["fresh_after"] else 1.0


def tour_freshness_all(state: GameState, actor: str) -> dict[str, float]:
    """`tour_freshness` of every region, by region, the balance and the flags read once."""
    c = state.world.balance["campaign"]
    repeat, fresh_after, turn, flags = c["repeat"], c["fresh_after"], state.turn, state.flags
    keys = toured_keys(actor)
    out = {}
    for region in state.regions:
        last = flags.get(keys[region])
        out[region] = repeat if last is not None and turn - last < fresh_after else 1.0
    return out


def campaign(state: GameState, actor: str, region: str, out: Out) -> None:
    ld = state.leaders[actor]
    gain = bal(state, "campaign", "gain") * (0.5 + ld.prestige / 100.0)
    if state.world.has_trait(actor, "orator"):
        gain *= 1.5
    r = state.regions[region]
    if r.protected_by and r.protected_by != actor:
        gain *= 0.5  # a machine closes the halls to outside speakers
    fresh = tour_freshness(state, actor, region)
    gain *= fresh
    before = r.loyalty.get(actor, 0.0)
    shift_loyalty(r.loyalty, actor, gain)
    state.flags[f"campaigned:{actor}"] = state.turn
    state.flags[toured_keys(actor)[region]] = state.turn
    heard = " (the halls heard him lately)" if fresh < 1.0 else ""
    emit(state, out, "campaign", f"{name(state, actor)} tours {state.world.region_name(region)}: "
         f"his following there grows from {before:.0%} to {r.loyalty[actor]:.0%}{heard}.", leader=actor,
         region=region, before=round(before, 3), after=round(r.loyalty[actor], 3), freshness=fresh)


def check_canvass(state: GameState, actor: str, target: str) -> str | None:
    if target not in state.leaders or target == actor or not state.leaders[target].active:
        return "choose an active colleague to canvass"
    if state.leaders[actor].patronage < bal(state, "canvass", "patronage_cost"):
        return "not enough patronage to offer"
    return None


def suspicion(state: GameState, actor: str, target: str) -> float:
    """The share of its worth a favour from `actor` keeps for `target` (1: none lost). A favour from
    a man whose line one opposes buys less: it looks like bait (the Right took little from the
    Left's overtures in 1925-26, though it needed allies against Stalin by 1928)."""
    discount = state.world.balance["canvass"]["distance_discount"]
    return max(0.0, 1.0 - discount * distance(state, target, actor))


def canvass_gain(state: GameState, actor: str, target: str) -> float:
    """The trust a favour from `actor` buys in `target`: less from a proud man, and less from a man
    of the other line (`suspicion`)."""
    pride = state.world.leaders[target].personality.pride
    return state.world.balance["canvass"]["trust_gain"] * (1.0 - 0.5 * pride) * suspicion(state, actor, target)


def canvass(state: GameState, actor: str, target: str, out: Out) -> None:
    c = state.world.balance["canvass"]
    state.leaders[actor].patronage -= c["patronage_cost"]
    gain = canvass_gain(state, actor, target)
    state.add_trust(target, actor, gain)
    emit(state, out, "canvass", f"{name(state, actor)} does favours for {name(state, target)} "
         f"(trust +{gain:.2f}).", leader=actor, target=target, private_to=(actor, target),
         trust_gain=round(gain, 3))
