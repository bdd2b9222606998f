"""A small economy: grain marketed, procurement, industry and a crisis index. The adopted line
on the economic axis drives it; a crisis costs unity and the premier's prestige."""

from __future__ import annotations

from ..model import GameState
from .common import Out, clip, emit, name


def reckon(state: GameState, out: Out) -> None:
    e = state.world.balance["economy"]
    eco = state.economy
    line = state.line["econ"]
    # NEP (line < 0) lets the peasants market grain; a forced tempo squeezes it for industry.
    eco.grain = clip(eco.grain + e["nep_grain"] * (-line) - 1.0 * max(0.0, eco.crisis - 0.5), 20, 200)
    eco.industry = clip(eco.industry + e["industry_growth"] * (0.5 + line) * 0.5, 20, 300)
    eco.procurement = clip(eco.procurement + 0.5 * (eco.grain - eco.procurement) * 0.3, 10, 200)
    shortfall = max(0.0, 100.0 - eco.procurement)
    eco.crisis = clip(eco.crisis - e["crisis_decay"] + e["crisis_from_grain"] * shortfall, 0, 1)
    if eco.crisis > 0.6:
        premier = state.offices.get("sovnarkom_chair")
        if premier:
            ld = state.leaders[premier]
            ld.prestige = max(0.0, ld.prestige - e["blame_prestige"])
        emit(state, out, "crisis", f"The economy is in crisis (index {eco.crisis:.2f}); "
             f"{name(state, premier)} takes the blame.", leader=premier, crisis=round(eco.crisis, 3),
             grain=round(eco.grain, 1), procurement=round(eco.procurement, 1))
