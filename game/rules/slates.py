"""The list put to a Congress and its new Central Committee.

In 1924–29 the leading group drafted the lists in advance: the men to be named to the CC, and
the Politburo, its candidates and the Secretariat that the CC's first plenum then elected by
open vote, almost always as drafted; between Congresses, CC plenums reshaped the Politburo the
same way (July and October 1926, April and November 1929). In a Congress quarter any full
Politburo member may draft a list; in any other quarter the General Secretary, who prepares the
plenum's business, may put one to the CC. The delegates vote on its CC nominations and the CC on
the rest, bloc by bloc: a bloc follows its patron, and a patron the list drops votes against it.
A list that wins a majority replaces the CC's own election by support (congress.elect_politburo);
one that loses changes nothing and costs its author face.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..actions import DraftSlate
from ..model import LADDER, GameState
from .common import Out, Relations, bal, clip, emit, name

MIN_FULL = 5


@dataclass(frozen=True, slots=True)
class Slate:
    sponsor: str
    full: tuple[str, ...]
    candidates: tuple[str, ...]
    secretariat: tuple[str, ...]
    cc: tuple[str, ...]

    def as_flag(self) -> tuple:
        return (self.full, self.candidates, self.secretariat, self.cc)

    def everyone(self) -> tuple[str, ...]:
        return self.full + self.candidates


def split(names: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in names.split(",") if n.strip())


def from_action(action: DraftSlate) -> Slate:
    """The list a draft_slate move names (its ids are comma-separated)."""
    return Slate(action.actor, split(action.full), split(action.candidates), split(action.secretariat),
                 split(action.cc))


def flag_key(sponsor: str) -> str:
    return f"slate:{sponsor}"


def proposed(state: GameState) -> list[Slate]:
    """The lists drafted this quarter, in the order they were drafted."""
    out = []
    for key, value in state.flags.items():
        if key.startswith("slate:"):
            full, cand, sec, cc = value
            out.append(Slate(key[len("slate:"):], tuple(full), tuple(cand), tuple(sec), tuple(cc)))
    return out


def check(state: GameState, actor: str, slate: Slate) -> str | None:
    from .common import MAX_CANDIDATES, MAX_FULL

    congress = bool(state.flags.get("congress_due") or state.flags.get("cc_plenum_due"))
    if actor not in state.politburo_full:
        return "only a full member of the Politburo can draft a list for the Central Committee"
    if not congress and state.offices.get("general_secretary") != actor:
        return "between Congresses only the General Secretary puts a new Politburo list to the CC plenum"
    if flag_key(actor) in state.flags:
        return "you have already drafted a list this quarter"
    if slate.cc and not state.flags.get("congress_due"):
        return "only a Congress elects new men to the Central Committee"
    listed = slate.everyone() + slate.secretariat + slate.cc
    for lid in listed:
        if lid not in state.leaders:
            return f"there is no leader {lid!r}"
    if len(set(slate.everyone())) != len(slate.everyone()):
        return "a man appears twice in the Politburo list"
    if not MIN_FULL <= len(slate.full) <= MAX_FULL:
        return f"the Politburo needs {MIN_FULL} to {MAX_FULL} full members (the list has {len(slate.full)})"
    if len(slate.candidates) > MAX_CANDIDATES:
        return f"the Politburo takes at most {MAX_CANDIDATES} candidates"
    if not 1 <= len(slate.secretariat) <= 6 or len(set(slate.secretariat)) != len(slate.secretariat):
        return "the Secretariat needs one to six different secretaries"
    if len(slate.cc) > 8:
        return "name at most eight new men for the Central Committee"
    barred = LADDER.index("out_of_politburo")
    for lid in dict.fromkeys(listed):  # in the order written, so the first problem named is stable
        ld = state.leaders[lid]
        if not ld.active:
            return f"{name(state, lid)} is not an active party member"
        if lid in slate.everyone() and ld.sanction >= barred:
            return f"{name(state, lid)} has been barred from the Politburo"
        if lid in slate.everyone() and not ld.in_cc and lid not in slate.cc:
            return f"{name(state, lid)} must first be named to the Central Committee (add him to its list)"
        if lid in slate.cc and (ld.in_cc or ld.sanction >= LADDER.index("out_of_cc")):
            return f"{name(state, lid)} cannot be newly named to the Central Committee"
    return None


def draft(state: GameState, actor: str, slate: Slate, out: Out) -> None:
    state.flags[flag_key(actor)] = slate.as_flag()
    emit(state, out, "slate", f"{name(state, actor)} drafts a list for the Central Committee: Politburo "
         f"{', '.join(name(state, lid) for lid in slate.full)}; candidates "
         f"{', '.join(name(state, lid) for lid in slate.candidates) or 'none'}.",
         leader=actor, full=list(slate.full), candidates=list(slate.candidates),
         secretariat=list(slate.secretariat), cc=list(slate.cc))


def _camp_share(state: GameState, author: str, full: list[str] | tuple[str, ...]) -> float:
    """The author's camp as a share of a Politburo: himself and the men who owe him their careers."""
    return sum(1 for lid in full if lid == author or state.leaders[lid].patron == author) / len(full) if full else 0.0


@dataclass(frozen=True, slots=True)
class Reading:
    """How the CC reads a list: who it drops, and how far it hands the Politburo to its author."""

    slate: Slate
    dropped: frozenset[str]
    shift: float  # the author's camp share of the full Politburo, after minus before
    unpunished: int  # full members it drops whom the party has not condemned (`condemned`)


def condemned(state: GameState, lid: str) -> bool:
    """Has the party condemned the man enough for a list to drop him without looking like a purge?
    A censure is a warning, not a verdict: Trotsky, censured in January 1924, kept his seat until
    the plenum of October 1926. It takes the rung `slate.condemned_from` (loss of posts), and a man
    whose standing is spent (prestige no more than `vote.persecution_from`): a leader of standing
    leaves the Politburo by a case of his own, which needs a fresh occasion (`votes.persecution`)."""
    ld = state.leaders[lid]
    return ld.sanction >= bal(state, "slate", "condemned_from") and ld.prestige <= bal(state, "vote", "persecution_from")


def read(state: GameState, slate: Slate, before: tuple[list[str], list[str]]) -> Reading:
    full_before, cand_before = before
    dropped = {lid for lid in full_before if lid not in slate.full}
    dropped |= {lid for lid in cand_before if lid not in slate.everyone()}
    shift = _camp_share(state, slate.sponsor, slate.full) - _camp_share(state, slate.sponsor, full_before)
    unpunished = sum(1 for lid in full_before if lid not in slate.full and not condemned(state, lid))
    return Reading(slate, frozenset(dropped - {slate.sponsor}), shift, unpunished)


def bloc_yes(state: GameState, patron: str | None, reading: Reading) -> float:
    """The share of a bloc (its patron's men, or the unattached when None) voting for the list.

    A list that hands its author's own men more of the Politburo frightens everyone outside his
    camp (`slate.fear` per unit of shift, allies `slate.ally_fear` times less); the friends of a man it drops stand by him; and
    dropping a leader the party has not condemned looks like a purge (`slate.purge`): it took
    a case of factionalism to unseat a Politburo member, not a clerk's list."""
    return Hall(state, reading.slate.sponsor).bloc_yes(patron, reading)


# How a patron stands to a list's author, as `Hall.bloc_yes` sorts him before it reads the list.
_UNATTACHED, _OWN, _ALLY, _HOSTILE, _OTHER = range(5)


class Hall:
    """The CC (or the delegates) before lists by one author, read bloc by bloc: the balance
    numbers, the relations between its men (`Relations`), where each patron stands to the author,
    and the named members, looked up once however many lists are weighed (the AI weighs several).
    `bloc_yes` is the rule. Valid while the board is unchanged."""

    __slots__ = ("state", "sb", "leaders", "sponsor", "relations", "_stands", "_friends", "_named")

    def __init__(self, state: GameState, sponsor: str) -> None:
        self.state, self.sponsor = state, sponsor
        self.sb = state.world.balance["slate"]
        self.leaders = state.leaders
        self.relations = Relations(state)
        self._stands: dict[str | None, int] = {}
        self._friends: dict[tuple[str, str], bool] = {}
        self._named: list[str] | None = None

    def named(self) -> list[str]:
        """The named members of the CC: active leaders with a seat in it (read-only)."""
        if self._named is None:
            self._named = [lid for lid, ld in self.leaders.items() if ld.in_cc and ld.active]
        return self._named

    def _stand(self, patron: str | None) -> int:
        """Where a patron stands to the author, whatever the list: the tests of `bloc_yes` that
        read only the board, in its order."""
        leaders, sponsor, rel = self.leaders, self.sponsor, self.relations
        if patron is None or not leaders[patron].active:
            return _UNATTACHED
        if patron == sponsor or leaders[patron].patron == sponsor:
            return _OWN
        if rel.friendly(patron, sponsor):
            return _ALLY
        return _HOSTILE if rel.hostile(patron, sponsor) else _OTHER

    def _friendly(self, patron: str, lid: str) -> bool:
        key = (patron, lid)
        found = self._friends.get(key)
        if found is None:
            found = self._friends[key] = self.relations.friendly(patron, lid)
        return found

    def named_yes(self, reading: Reading) -> list[float]:
        """`bloc_yes` of each named member, in `named()` order: a man the list neither drops nor
        needs weighed against the dropped gets the value of the first man who stands as he does."""
        stands, dropped = self._stands, reading.dropped
        by_stand: dict[int, float] = {}
        out = []
        for lid in self.named():
            stand = stands.get(lid)
            if stand is None:
                stand = stands[lid] = self._stand(lid)
            if stand == _OTHER or (stand != _UNATTACHED and lid in dropped):
                out.append(self.bloc_yes(lid, reading))
                continue
            value = by_stand.get(stand)
            if value is None:
                value = by_stand[stand] = self.bloc_yes(lid, reading)
            out.append(value)
        return out

    def bloc_yes(self, patron: str | None, reading: Reading) -> float:
        sb = self.sb
        stand = self._stands.get(patron)
        if stand is None:
            stand = self._stands[patron] = self._stand(patron)
        if stand == _UNATTACHED:
            lean = sb["unattached_base"] + sb["unattached_unity"] * self.state.mood.unity
            lean += (self.leaders[self.sponsor].prestige - 40.0) / 100.0
            lean -= sb["purge"] * reading.unpunished
            return clip(lean, 0.05, 0.95)
        if patron in reading.dropped:
            return sb["dropped"]
        if stand == _OWN:
            return sb["friendly"]  # the author's own men
        fear = sb["fear"] * max(0.0, reading.shift)
        if stand == _ALLY:  # an ally: wary only of the author's own rise
            return clip(sb["friendly"] - sb["ally_fear"] * fear, 0.05, 0.95)
        if stand == _HOSTILE or any(self._friendly(patron, lid) for lid in reading.dropped):
            return sb["hostile"]
        fear += sb["purge"] * reading.unpunished
        return clip(sb["neutral"] - fear, 0.05, 0.95)


def hall(state: GameState, sponsor: str) -> Hall:
    """A reading of the CC for lists by `sponsor` on this board, to pass to `cc_approval` when
    weighing several of his lists (valid until the board changes)."""
    return Hall(state, sponsor)


def delegates_approval(state: GameState, slate: Slate, dels: dict[str | None, float]) -> float:
    reading = read(state, slate, (list(state.politburo_full), list(state.politburo_candidates)))
    seats = Hall(state, slate.sponsor)
    total = sum(dels.values()) or 1.0
    return sum(n * seats.bloc_yes(patron, reading) for patron, n in dels.items()) / total


def cc_approval(state: GameState, slate: Slate, before: tuple[list[str], list[str]],
                seats: Hall | None = None) -> float:
    """The new CC votes seat by seat; its named members each vote their own interest. `seats`:
    `hall(state, slate.sponsor)`, when the caller weighs several of one author's lists."""
    reading = read(state, slate, before)
    seats = seats if seats is not None else Hall(state, slate.sponsor)
    share: dict[str | None, float] = {}
    yes = 0.0
    for seat in state.cc:
        if seat.patron not in share:
            share[seat.patron] = seats.bloc_yes(seat.patron, reading)
        yes += share[seat.patron]
    if seats.state is state:
        named = seats.named()
        yes += sum(seats.named_yes(reading))
    else:
        named = [lid for lid, ld in state.leaders.items() if ld.in_cc and ld.active]
        yes += sum(seats.bloc_yes(lid, reading) for lid in named)
    total = len(state.cc) + len(named)
    return yes / total if total else 0.0


def name_to_cc(state: GameState, dels: dict[str | None, float], out: Out) -> None:
    """The delegates vote on each list's nominations to the CC (before the CC is elected)."""
    for slate in proposed(state):
        if not slate.cc:
            continue
        share = delegates_approval(state, slate, dels)
        passed = share > 0.5
        named = [lid for lid in slate.cc if state.leaders[lid].active and not state.leaders[lid].in_cc
                 and state.leaders[lid].sanction < LADDER.index("out_of_cc")]
        emit(state, out, "vote", f"The Congress {'accepts' if passed else 'rejects'} {name(state, slate.sponsor)}'s "
             f"nominations to the Central Committee ({share:.0%} of the delegates for).",
             leader=slate.sponsor, body="congress", share=round(share, 3), passed=passed, nominated=named)
        if passed:
            for lid in named:
                state.leaders[lid].in_cc = True
                emit(state, out, "cc_joined", f"{name(state, lid)} is elected to the Central Committee "
                     f"on {name(state, slate.sponsor)}'s list.", leader=lid)


def winning(state: GameState, out: Out) -> Slate | None:
    """The new CC votes on every list; the best-supported list with a majority is elected, and
    the others fall with it (a CC elects one Politburo)."""
    before = (list(state.politburo_full), list(state.politburo_candidates))
    shares = [(cc_approval(state, slate, before), slate) for slate in proposed(state)
              if state.leaders[slate.sponsor].active]
    best = max(((share, slate) for share, slate in shares if share > 0.5), key=lambda x: x[0], default=None)
    for share, slate in shares:
        passed = share > 0.5
        adopted = best is not None and slate is best[1]
        verdict = "adopts" if adopted else "prefers another list to" if passed else "rejects"
        emit(state, out, "plenum", f"The Central Committee {verdict} "
             f"{name(state, slate.sponsor)}'s list for the Politburo and Secretariat ({share:.0%} for).",
             leader=slate.sponsor, share=round(share, 3), passed=adopted, body="plenum")
        if not passed:
            cost = bal(state, "slate", "defeat_prestige")
            state.leaders[slate.sponsor].prestige = max(0.0, state.leaders[slate.sponsor].prestige - cost)
    return best[1] if best else None


def clear(state: GameState) -> None:
    for key in [k for k in state.flags if k.startswith("slate:")]:
        del state.flags[key]
