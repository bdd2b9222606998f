"""Direct influence: speaking tours that win a region's rank and file (the orator's road to power,
fast but without a machine to hold it), and canvassing a colleague with favours."""

from __future__ import annotations

from ..model import GameState
from .appointments import shift_loyalty
from .common import Out, bal, emit, name


def check_campaign(state: GameState, actor: str, region: str) -> str | None:
    if region not in state.regions:
        return f"there is no region {region!r}"
    if state.flags.get(f"campaigned:{actor}") == state.turn:
        return "you can make one speaking tour a quarter"
    if state.leaders[actor].prestige < 10:
        return "nobody comes to hear you speak"
    return None


def campaign(state: GameState, actor: str, region: str, out: Out) -> None:
    ld = state.leaders[actor]
    gain = bal(state, "campaign", "gain") * (0.5 + ld.prestige / 100.0)
    if state.world.has_trait(actor, "orator"):
        gain *= 1.5
    r = state.regions[region]
    if r.protected_by and r.protected_by != actor:
        gain *= 0.5  # a machine closes the halls to outside speakers
    before = r.loyalty.get(actor, 0.0)
    shift_loyalty(r.loyalty, actor, gain)
    state.flags[f"campaigned:{actor}"] = state.turn
    emit(state, out, "campaign", f"{name(state, actor)} tours {state.world.region_name(region)}: "
         f"his following there grows from {before:.0%} to {r.loyalty[actor]:.0%}.", leader=actor,
         region=region, before=round(before, 3), after=round(r.loyalty[actor], 3))


def check_canvass(state: GameState, actor: str, target: str) -> str | None:
    if target not in state.leaders or target == actor or not state.leaders[target].active:
        return "choose an active colleague to canvass"
    if state.leaders[actor].patronage < bal(state, "canvass", "patronage_cost"):
        return "not enough patronage to offer"
    return None


def canvass(state: GameState, actor: str, target: str, out: Out) -> None:
    c = state.world.balance["canvass"]
    state.leaders[actor].patronage -= c["patronage_cost"]
    pride = state.world.leaders[target].personality.pride
    gain = c["trust_gain"] * (1.0 - 0.5 * pride)
    state.add_trust(target, actor, gain)
    emit(state, out, "canvass", f"{name(state, actor)} does favours for {name(state, target)} "
         f"(trust +{gain:.2f}).", leader=actor, target=target, private_to=(actor, target),
         trust_gain=round(gain, 3))
