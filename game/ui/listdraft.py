"""The list editor's model: who may stand on a list for the Central Committee, where each man
stands on the draft, the DraftSlate it makes, and the words for the CC's expected verdict.
No pygame here, so the editor's logic can be tested on its own.

The rules (game/rules/slates.py) decide what a valid list is; this module only offers the men a
list could name and says what changed, and the editor shows the rules' own refusal."""

from __future__ import annotations

from dataclasses import dataclass

from .. import actions as A
from ..model import LADDER, GameState
from ..rules.congress import friendly, hostile
from .view import faction_of, name

FULL, CANDIDATE = "full", "candidate"
GROUPS = {"politburo": "The Politburo now", "secretariat": "The Secretariat now",
          "cc": "The Central Committee", "outside": "Outside the CC — a Congress may name them"}


@dataclass(frozen=True)
class Man:
    """One man the list may name, as he stands now."""

    lid: str
    name: str
    group: str  # a key of GROUPS: where he stands now
    tag: str  # his relation to the author: "your client", "client of Zinoviev · hostile", ...
    short_tag: str  # the same in fewer words: "your man", "Zinoviev's man · hostile", ...
    faction: str | None
    in_cc: bool
    was: str | None  # FULL, CANDIDATE or None: his place in the Politburo now
    was_sec: bool


def tag(seen: GameState, lid: str, me: str, short: bool = False) -> str:
    """A man's relation to the author in a few words: whose man he is, and whether he is a friend
    or an enemy by the same tests the CC's blocs vote by (congress.friendly / hostile). `short`:
    fewer words, for a narrow column."""
    ld = seen.leaders[lid]
    if lid == me:
        return "you"
    if ld.patron == me:
        return "your man" if short else "your client"
    if lid in seen.world.playable:
        base = "contender"
    elif ld.patron:
        base = f"{name(seen, ld.patron)}'s man" if short else f"client of {name(seen, ld.patron)}"
    else:
        base = "no patron" if short else "nobody's client"
    rel = "ally" if friendly(seen, lid, me) else "hostile" if hostile(seen, lid, me) else ""
    if short and rel and base == "contender":
        return rel  # every contender's marker shows his faction already
    return f"{base} · {rel}" if rel else base


def eligible(seen: GameState, me: str) -> list[Man]:
    """The men a list could name: the Politburo and Secretariat as they are, every active CC member
    not barred from the Politburo, and in a Congress quarter the men outside the CC it could name
    to it. In that order (each group's own order: the Politburo's seating, then by faction)."""
    barred = LADDER.index("out_of_politburo")
    congress = bool(seen.flags.get("congress_due"))
    now = seen.politburo_full + seen.politburo_candidates
    order = {lid: i for i, lid in enumerate(seen.world.playable)}
    out: list[Man] = []

    def add(lid: str, group: str) -> None:
        ld = seen.leaders[lid]
        was = FULL if lid in seen.politburo_full else CANDIDATE if lid in seen.politburo_candidates else None
        out.append(Man(lid, name(seen, lid), group, tag(seen, lid, me), tag(seen, lid, me, short=True),
                       faction_of(seen, lid), ld.in_cc, was, lid in seen.secretariat))

    def by_faction(lid: str) -> tuple:
        fac = faction_of(seen, lid)
        return (fac is None, order.get(fac or "", 99), lid != fac, name(seen, lid))

    for lid in now:
        add(lid, "politburo")
    for lid in seen.secretariat:
        if lid not in now:
            add(lid, "secretariat")
    listed = set(now) | set(seen.secretariat)
    rest = [lid for lid, ld in seen.leaders.items() if lid not in listed and ld.active]
    for lid in sorted((x for x in rest if seen.leaders[x].in_cc and seen.leaders[x].sanction < barred), key=by_faction):
        add(lid, "cc")
    if congress:
        cap = LADDER.index("out_of_cc")
        for lid in sorted((x for x in rest if not seen.leaders[x].in_cc and seen.leaders[x].sanction < cap), key=by_faction):
            add(lid, "outside")
    return out


class ListDraft:
    """The list being drafted: four ordered rolls of ids, started from the leadership as it is."""

    def __init__(self, seen: GameState, me: str):
        self.me = me
        self.congress = bool(seen.flags.get("congress_due"))
        self.men = eligible(seen, me)
        self.by_id = {m.lid: m for m in self.men}
        self.reset()

    def reset(self) -> None:
        self.full = [m.lid for m in self.men if m.was == FULL]
        self.candidates = [m.lid for m in self.men if m.was == CANDIDATE]
        self.secretariat = [m.lid for m in self.men if m.was_sec]
        self.new_cc: list[str] = []

    # ---- reading ------------------------------------------------------------------------------
    def place(self, lid: str) -> str | None:
        return FULL if lid in self.full else CANDIDATE if lid in self.candidates else None

    def changed(self) -> bool:
        return any(self.change(m.lid) for m in self.men)

    def change(self, lid: str) -> str:
        """What the draft does to a man, in a word or two ('' if nothing)."""
        m = self.by_id[lid]
        now = self.place(lid)
        words = []
        if now != m.was:
            words.append({(CANDIDATE, FULL): "raised", (FULL, CANDIDATE): "demoted", (None, FULL): "to full",
                          (None, CANDIDATE): "to candidate"}.get((m.was, now), "dropped"))
        if (lid in self.secretariat) != m.was_sec:
            words.append("to Sec." if lid in self.secretariat else "off Sec.")
        if lid in self.new_cc:
            words.append("named to CC")
        return " · ".join(words)

    def action(self) -> A.DraftSlate:
        return A.DraftSlate(self.me, full=",".join(self.full), candidates=",".join(self.candidates),
                            secretariat=",".join(self.secretariat), cc=",".join(self.new_cc))

    # ---- editing ------------------------------------------------------------------------------
    def set_place(self, lid: str, place: str | None) -> None:
        """Put a man among the full members, the candidates, or off the Politburo. A man outside
        the CC raised at a Congress is named to the CC with him: the rules want both."""
        for roll in (self.full, self.candidates):
            if lid in roll:
                roll.remove(lid)
        if place == FULL:
            self.full.append(lid)
        elif place == CANDIDATE:
            self.candidates.append(lid)
        m = self.by_id[lid]
        if place is not None and not m.in_cc and self.congress and lid not in self.new_cc:
            self.new_cc.append(lid)

    def toggle_place(self, lid: str, place: str) -> None:
        """A click on a Politburo cell: put him there, or take him off if he is there already."""
        self.set_place(lid, None if self.place(lid) == place else place)

    def step(self, lid: str, d: int) -> None:
        """Raise (d > 0) or lower a man one rung: off the Politburo, candidate, full member."""
        rungs = [None, CANDIDATE, FULL]
        i = rungs.index(self.place(lid))
        self.set_place(lid, rungs[max(0, min(2, i + d))])

    def toggle_secretariat(self, lid: str) -> None:
        if lid in self.secretariat:
            self.secretariat.remove(lid)
        else:
            self.secretariat.append(lid)

    def toggle_cc(self, lid: str) -> bool:
        """Name a man outside the CC to it, or not; False if he cannot be (in it already, no Congress)."""
        if not self.congress or self.by_id[lid].in_cc:
            return False
        if lid in self.new_cc:
            self.new_cc.remove(lid)
        else:
            self.new_cc.append(lid)
        return True


# ---- the verdict in words -----------------------------------------------------------------------

def bloc_label(seen: GameState, patron: str | None, votes: int) -> str:
    if patron is None:
        return "Unattached members"
    return f"{name(seen, patron)} and his men" if votes > 1 else name(seen, patron)


def bloc_reason(seen: GameState, patron: str | None, me: str, dropped: frozenset[str], share: float) -> str:
    """Why a bloc leans the way it does, by the tests the CC's vote applies (game/rules/slates.py)."""
    if patron is None or not seen.leaders[patron].active:
        return "the list keeps the peace" if share >= 0.5 else "weigh a purge against your prestige"
    if patron in dropped:
        return "the list drops him"
    if patron == me or seen.leaders[patron].patron == me:
        return "your own men"
    if friendly(seen, patron, me):  # the tests in the order the vote applies them
        return "your allies" if share >= 0.5 else "allies wary of your rise"
    if hostile(seen, patron, me):
        return "hostile to you"
    friend = next((d for d in sorted(dropped) if friendly(seen, patron, d)), None)
    if friend is not None:
        return f"stand by {name(seen, friend)}"
    return "see no threat in it" if share >= 0.5 else "fear your rise"


def bloc_lines(seen: GameState, blocs, me: str, dropped: frozenset[str], against: bool, limit: int = 4) -> list[str]:
    """The blocs expected to vote against the list (or for it), the most votes first, one line each."""
    side = [b for b in blocs if (b[2] < 0.5) == against]
    side.sort(key=lambda b: (-b[1] * ((1 - b[2]) if against else b[2]), b[0] or ""))
    lines = [f"{bloc_label(seen, p, n)} — {n} vote{'s' if n != 1 else ''}, {yes:.0%} for: "
             f"{bloc_reason(seen, p, me, dropped, yes)}" for p, n, yes in side[:limit]]
    if len(side) > limit:
        lines.append(f"and {len(side) - limit} more bloc{'s' if len(side) - limit != 1 else ''}")
    return lines
