""""What if that vote had gone the other way?" — the forced chance draws that would reverse a
recorded Politburo vote, or the honest answer that chance alone could not have reversed it.

A voter's choice is his lean (the visible sum of reasons) plus a seeded wavering term drawn in
[-waver, +waver) under the key `{quarter}:vote:{motion}:{voter}`. Forcing that draw to its
extreme is the most chance can do for one voter: a man whose lean is further from zero than the
wavering's half-width votes as he did whatever the dice say, and a player voted by his own choice.
The vote event keeps each voter's lean, wavering and reasons, so the plan needs no replay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .events import Event

# The draws that push the wavering to either end: 0 gives -waver; just under 1 rounds to +waver.
DRAW_FOR_NO = 0.0
DRAW_FOR_YES = 0.999999


@dataclass
class Swing:
    voter: str
    was: str  # "yes" | "no"
    lean: float
    waver: float
    reasons: list[tuple[str, float]]


@dataclass
class FlipPlan:
    motion: int
    quarter: str
    title: str
    passed: bool
    yes: int
    no: int
    needed: int  # how many voters must change sides
    possible: bool
    forced: dict[str, float] = field(default_factory=dict)  # chance key -> draw
    flips: list[Swing] = field(default_factory=list)  # the voters the forced draws turn
    firm: list[Swing] = field(default_factory=list)  # majority voters chance could not move
    players: list[str] = field(default_factory=list)  # majority voters who were human seats
    waver: float = 0.0

    def lines(self, name) -> list[str]:
        """The plan in words, for the window and the terminal (`name` maps ids to names)."""
        result = "carried" if self.passed else "was defeated"
        other = "defeated" if self.passed else "carried"
        out = [f"\"{self.title}\" ({self.quarter}) {result}, {self.yes} to {self.no}.",
               f"To see it {other}, {self.needed} of those who voted {'YES' if self.passed else 'NO'} would "
               f"have had to vote the other way. Each voter's wavering is at most ±{self.waver:g}."]
        if self.possible:
            out.append("Chance alone could have done it. The branch forces these draws:")
            for s in self.flips:
                out.append(f"  {name(s.voter)} leaned {s.lean:+.1f} ({_top(s.reasons)}); his wavering, "
                           f"{s.waver:+.1f} in the game, is forced to {self._extreme(s):+g}: he votes "
                           f"{'NO' if s.was == 'yes' else 'YES'}.")
        else:
            movable = len(self.flips)
            who = "none of them" if movable == 0 else f"only {movable} of them"
            out.append(f"Chance alone could not have done it: {who} leaned close enough to zero for the "
                       f"wavering to turn {'him' if movable == 1 else 'them'}.")
            for s in self.flips:
                out.append(f"  could waver: {name(s.voter)}, lean {s.lean:+.1f} ({_top(s.reasons)})")
        for s in self.firm:
            out.append(f"  decided by his reasons: {name(s.voter)}, lean {s.lean:+.1f} ({_top(s.reasons)})")
        for lid in self.players:
            out.append(f"  voted by a player's own choice: {name(lid)}")
        if not self.possible:
            out.append("Changing this vote would take different moves before it, not different luck: "
                       "branch from an earlier quarter and play it differently.")
        return out

    def _extreme(self, s: Swing) -> float:
        return -self.waver if s.was == "yes" else self.waver


def _top(reasons: list[tuple[str, float]], n: int = 2) -> str:
    return "; ".join(f"{label} {value:+.0f}" for label, value in reasons[:n]) or "no strong reasons"


def plan_flip(event: Event, waver: float) -> FlipPlan:
    """The cheapest set of forced wavering draws that reverses this Politburo vote, if any."""
    d = event.detail
    votes: dict[str, dict[str, Any]] = d.get("votes", {})
    passed = bool(d.get("passed"))
    yes, no = int(d.get("yes", 0)), int(d.get("no", 0))
    # YES carries when yes > no: a carried vote needs ceil((yes-no)/2) defections, a lost one
    # floor((no-yes)/2)+1 converts.
    needed = (yes - no + 1) // 2 if passed else (no - yes) // 2 + 1
    majority = "yes" if passed else "no"
    motion = int(d.get("motion", 0))
    movable: list[Swing] = []
    firm: list[Swing] = []
    players: list[str] = []
    for voter, info in votes.items():
        if info.get("vote") != majority:
            continue
        if info.get("human"):
            players.append(voter)
            continue
        swing = Swing(voter, majority, float(info.get("lean", 0.0)), float(info.get("waver", 0.0)),
                      [(str(label), float(value)) for label, value in info.get("reasons", [])])
        # yes -> no needs lean - waver <= 0; no -> yes needs lean + waver > 0
        can = swing.lean <= waver if majority == "yes" else swing.lean + waver > 0
        (movable if can else firm).append(swing)
    movable.sort(key=lambda s: (abs(s.lean), s.voter))
    possible = len(movable) >= needed > 0
    flips = movable[:needed] if possible else movable
    forced = {f"{event.turn}:vote:{motion}:{s.voter}": (DRAW_FOR_NO if majority == "yes" else DRAW_FOR_YES)
              for s in flips} if possible else {}
    firm.sort(key=lambda s: (abs(s.lean), s.voter))
    return FlipPlan(motion, event.turn, d.get("title") or event.text, passed, yes, no, needed, possible, forced,
                    flips, firm, players, waver)


# ---- what-if switches at a branch -------------------------------------------------------------------
#
# A switch (a scenario toggle) sets flags that scheduled events read, and may rewrite starting facts.
# At a branch the game is already under way, so a switch is accepted only while everything it
# changes still lies ahead: every scheduled event that reads one of its flags is due in a later
# quarter than the branch point (the events of the branch quarter itself have fired by the time
# the players take over), and it rewrites no starting facts. A switch whose moment has passed is
# refused with the reason: switching it on later would rewrite what the class has already seen.


@dataclass(frozen=True)
class Moment:
    quarter: int  # quarter index of the scheduled event
    event: str  # its id
    title: str


def toggle_moments(world: Any, name: str) -> list[Moment]:
    """The scheduled events a switch changes (those reading one of its flags), earliest first."""
    from .calendar import quarter_index

    flags = set(world.toggles[name].flags)
    found = []
    for ev in world.events:
        read = {req.lstrip("!").partition(":")[2].split("=")[0] for req in ev.requires
                if req.lstrip("!").startswith("flag:")}
        if read & flags:
            found.append(Moment(quarter_index(ev.quarter), ev.id, ev.title))
    return sorted(found, key=lambda m: (m.quarter, m.event))


def toggle_refusal(state: Any, name: str) -> str | None:
    """Why this switch cannot be switched on now, in this game (None: it can)."""
    return refusal_at(state.world, name, state.turn, state.start, tuple(state.toggles))


def refusal_at(world: Any, name: str, turn: int, start: int, on: tuple[str, ...] = ()) -> str | None:
    """Why the switch cannot be switched on at the start of quarter `turn` (its events fired) of a
    game that began at `start` with the switches `on`; None if it can. The branch screen asks this
    for each quarter without replaying the game: the answer depends only on the calendar."""
    from .calendar import quarter_name

    if name not in world.toggles:
        offered = ", ".join(sorted(world.toggles)) or "none"
        return f"unknown toggle {name!r} for scenario {world.scenario_id} (offered: {offered})"
    if name in on:
        return f"{name}: already switched on in this game"
    toggle = world.toggles[name]
    if toggle.leaders:
        who = ", ".join(world.name(lid) for lid in sorted(toggle.leaders))
        return f"{name}: it rewrites starting facts ({who}), which only a new game can change"
    past = [m for m in toggle_moments(world, name) if m.quarter <= turn]
    if past:
        m = past[0]
        when = f"\"{m.title}\" ({quarter_name(m.quarter)})"
        if m.quarter < start:
            return f"{name}: it changes {when}, before this scenario begins"
        # the first quarter's events fire before anyone moves: only a new game comes before them
        remedy = "branch from an earlier quarter" if m.quarter > start else "start a new game with it"
        return f"{name}: too late at {quarter_name(turn)} — it changes {when}, which has already happened; {remedy}"
    return None


def toggle_effect(world: Any, name: str) -> str:
    """When a switch takes effect, in a few words ("from 1926Q3: Dzerzhinsky dies")."""
    from .calendar import quarter_name

    moments = toggle_moments(world, name)
    if not moments:
        return "from now on"
    return f"changes {quarter_name(moments[0].quarter)}: {moments[0].title}"
