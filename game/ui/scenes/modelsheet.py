"""The model sheet in the window: every mechanism, its formula, its weights as the rules use them
now and what it simplifies — built at run time from docs/model.md and the balance numbers
(game.modelsheet), so it cannot go stale."""

from __future__ import annotations

from typing import Any

from ... import modelsheet
from ..theme import INK, INK_SOFT, PAPER_DEEP, RED
from ..widgets import Para
from .sheet import SectionScreen


class ModelSheet(SectionScreen):
    title = "How the model works"
    subtitle = "every mechanism, its formula, and the numbers the game uses now"

    def __init__(self, app, back=None, balance: dict[str, Any] | None = None):
        super().__init__(app, back)
        self.balance = balance if balance is not None else modelsheet.load_balance()
        self.load()

    def build(self):
        title, intro, sections = modelsheet.build(self.balance)
        self.title = title
        out = []
        for i, sec in enumerate(sections):
            paras: list[Para] = []
            if i == 0 and intro:
                paras.append(Para(intro, "small", INK_SOFT, space=10))
            for b in sec.blocks:
                paras += block_paras(b)
            for note in sec.stale:
                paras.append(Para("! " + note, "smallb", RED, space=4,
                                  tip="The page docs/model.md gives an older number; the game plays with the one "
                                      "in game/data/balance.toml, shown here."))
            if sec.live:
                paras.append(Para("THE GAME'S NUMBERS NOW", "condb", RED, space=2))
                paras.append(Para("from game/data/balance.toml — what the rules read this very game", "tiny", INK_SOFT,
                                  space=4))
                for lv in sec.live:
                    text = f"[{lv.table}] {lv.key} = {modelsheet.fmt(lv.value)}" + (f" — {lv.note}" if lv.note else "")
                    paras.append(Para(text, "small", INK, indent=6, space=2))
            out.append((sec.title, paras))
        return out


def block_paras(b: modelsheet.Block) -> list[Para]:
    if b.kind == "heading":
        return [Para(b.text.upper(), "condb", RED, space=3)]
    if b.kind == "bullet":
        return [Para("• " + b.text, "body", INK, indent=10 + 16 * b.level, space=4)]
    if b.kind == "number":
        return [Para(b.text, "body", INK, indent=4 + 16 * b.level, space=4)]
    if b.kind == "table":
        text = "  —  ".join(c for c in b.cells if c) if len(b.cells) == 2 else "  ·  ".join(c for c in b.cells)
        if b.header:
            return [Para(text.upper(), "condb", INK, space=3, fill=PAPER_DEEP)]
        return [Para(text, "small", INK, indent=8, space=3)]
    return [Para(b.text, "body", INK, space=8)]
