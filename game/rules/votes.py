"""Politburo and Central Committee votes.

Each voter's lean on a motion is a visible sum of reasons (patron, pacts, trust, ideology, fear,
prestige, mood, evidence, unity, caution) plus a small seeded wavering term. YES when above zero.
The same terms, without the wavering, give the whip count before the vote.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..model import LADDER, GameState, Motion
from .common import clip, distance, distance_to_mood, draw, name, pact_strengths, voters
from .power import power_table

# Motions whose YES harms the target (sanctions and removals) and those that favour him.
HOSTILE = {"sanction", "remove_office", "remove_politburo", "replace_secretary", "publish_testament"}
FAVOURABLE = {"appoint_office", "promote", "readmit"}

MOTION_TITLES = {
    "sanction": "Sanction {target}: {value_label}",
    "remove_office": "Relieve {target} of the post of {office}",
    "appoint_office": "Appoint {target} {office}",
    "remove_politburo": "Remove {target} from the Politburo",
    "adopt_line": "Adopt a new line: {axis_label}",
    "promote": "Raise {target} in the Politburo",
    "readmit": "Readmit {target} to the party",
    "replace_secretary": "Replace the party secretary of {region} with {target}",
    "publish_testament": "Publish Lenin's Testament to the whole party",
    "early_congress": "Convene an early Party Congress",
}


def describe(state: GameState, m: Motion) -> str:
    from ..model import AXIS_LABELS, LADDER, LADDER_LABELS

    axis_label = ""
    if m.axis:
        low, high = AXIS_LABELS[m.axis]
        axis_label = f"towards {high}" if m.value > state.line[m.axis] else f"towards {low}"
    value_label = LADDER_LABELS[LADDER[int(m.value)]] if m.kind == "sanction" else ""
    return MOTION_TITLES[m.kind].format(
        target=name(state, m.target) if m.target else "a cadre of the apparatus",
        office=state.world.office_name(m.office) if m.office else "",
        region=state.world.region_name(m.region) if m.region else "",
        axis_label=axis_label, value_label=value_label,
    )


BLOWS = ("sanction", "remove_office", "remove_politburo")  # motions that strike at their target for the sponsor


def parties(state: GameState, m: Motion) -> tuple[str | None, str | None]:
    """(beneficiary, victim) of a YES."""
    if m.kind in BLOWS:
        return m.sponsor, m.target
    if m.kind == "appoint_office":
        holder = state.offices.get(m.office or "")
        return m.target or m.sponsor, holder if holder != m.target else None
    if m.kind == "replace_secretary":
        region = state.regions[m.region or ""]
        return m.sponsor, region.protected_by or region.patron
    if m.kind == "publish_testament":
        return m.sponsor, state.offices.get("general_secretary")
    if m.kind in ("promote", "readmit"):
        return m.target, None
    return m.sponsor, None  # adopt_line


@dataclass(frozen=True, slots=True)
class Lean:
    voter: str
    total: float
    reasons: tuple[tuple[str, float], ...]  # (reason, points), largest first

    @property
    def vote(self) -> str:
        return "yes" if self.total > 0 else "no"


Term = tuple[str, "str | None", float]  # (wording with {} for the leader's name, leader, points)


def _tenths(value: float) -> int:
    """A term as it counts in a lean, in whole tenths: rounded to 0.1 as `lean` words it, and
    nothing below 0.05. Each rounded term is a multiple of 0.1 give or take 1e-16, so adding them
    as floats in any order and rounding the sum to 0.1 gives exactly (tenths added up) / 10."""
    if not (value >= 0.05 or value <= -0.05):  # not abs(value) >= 0.05, NaN included, without the call
        return 0
    # round(value, 1) goes through a decimal string; ten times the value rounded to a whole
    # number is the same count unless 10 * value lies within a hair of a half (then ask round).
    scaled = value * 10.0
    tenths = round(scaled)
    off = scaled - tenths  # exact, and within a half: |off| is a hair from 0.5 iff one of these is
    if 0.5 - off < 1e-6 or off + 0.5 < 1e-6:
        return round(round(value, 1) * 10)
    return tenths


_TENTHS: dict[float, int] = {}


def _tenths_memo() -> dict[float, int]:
    """`_tenths` by its argument, filled in as asked: a pure function of one float, and the same
    ideological gaps come back vote after vote. A fresh dict replaces a full one (never emptied in
    place), so a caller's local reference stays whole while another thread counts."""
    global _TENTHS
    memo = _TENTHS
    if len(memo) > 50_000:
        memo = _TENTHS = {}
    return memo


_TRUST_TERMS: dict[tuple[float, float], dict[float, int]] = {}


def _trust_terms(weight: float, factor: float) -> dict[float, int]:
    """_tenths(weight * trust * factor) by trust, filled in as asked: most of the trust matrix is
    the same from one decision to the next, so the same values come back (a pure function's memo,
    emptied now and then so that a long batch does not grow it without end)."""
    memo = _TRUST_TERMS.get((weight, factor))
    if memo is None or len(memo) > 50_000:
        memo = _TRUST_TERMS[weight, factor] = {}
    return memo


@lru_cache(maxsize=4096)
def _worded(label: str, who: str) -> str:
    """A reason's words with the leader named: the same few come back vote after vote."""
    return label.format(who)


@lru_cache(maxsize=1024)
def _caution_tenths(weight: float, caution: float) -> int:
    """`Whip.caution` in tenths: a personality and a balance number, the same every decision."""
    return _tenths(-weight * caution) if caution > 0 else 0


class _TieCounts(dict[str, int]):
    """A voter's ties to one leader (times a factor), in tenths, by voter: the Politburo's voters
    filled in at once (a count asks nearly all of them), anyone else on first asking."""

    __slots__ = ("whip", "other", "factor")

    def __init__(self, whip: Whip, other: str, factor: float) -> None:
        super().__init__()
        self.whip, self.other, self.factor = whip, other, factor
        whip.fill_ties(self, other, factor)

    def __missing__(self, voter: str) -> int:
        count = self[voter] = self.whip.tie_tenths(voter, self.other, self.factor)
        return count


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each of these fields the slow way
class _Sides:
    """What a motion means alike for every voter: who gains, who loses, and the terms that do not
    depend on the voter, in tenths (`_tenths`, 0 when absent). Worked out once per motion instead
    of once per voter; the same terms in words are `_SideTerms`, worked out only when a lean is
    worded (a whip count needs only the tenths)."""

    beneficiary: str | None
    victim: str | None
    hostile: bool
    favourable: bool
    share_b: float
    share_v: float
    evidence: float  # a sanction: the evidence of its case on the board
    fresh: float | None  # a sanction: the part of that evidence not judged before (None: never judged)
    mood_line_t: int  # adopt_line: what the rank and file think of the new line
    victim_mood_t: int  # a hostile motion: how the party mood stands to the victim
    testament_t: int
    fear_t: int
    standing_t: int  # a hostile motion: the victim's standing against the beneficiary's
    favour_t: int  # a favourable motion: the beneficiary's standing
    unity_t: int  # a sanction: the call for unity
    packer: str | None  # a promotion: the patron whose camp the new member joins
    packing: float  # the points a bystander outside his camp fears it by (an ally less)


@dataclass(frozen=True, slots=True)
class _SideTerms:
    """`_Sides`'s terms with their wording (None when absent), for `Whip.terms`."""

    mood_line: Term | None
    victim_mood: Term | None
    testament: Term | None
    fear: Term | None
    standing: Term | None
    favour: Term | None
    unity: Term


class Whip:
    """Leans on one unchanging board. The AI takes many whip counts of probe motions on the same
    state, and a vote asks every member: the power table, the voters, the pact pairs, the rows
    of trust and each motion's sides are read once here and reused.

    `terms` gives the reasons with their wording; `tenths` counts the same terms in whole tenths
    without wording them (the AI needs only the sign). Build one per board and drop it as soon
    as the state changes: nothing here notices a change."""

    __slots__ = ("state", "b", "power", "total_power", "voters", "_pacts", "_trust", "_ties",
                 "_tie_counts", "_sides", "_worded", "_caution", "_fixed", "_counted", "_rows")

    def __init__(self, state: GameState, power: dict[str, float] | None = None) -> None:
        self.state = state
        self.b = state.world.balance["vote"]
        self.power = power if power is not None else power_table(state)
        self.total_power = sum(self.power.values()) or 1.0
        self.voters = voters(state)
        self._pacts: dict[tuple[str, str], float] | None = None
        self._rows: list[tuple[str, int, str | None]] | None = None  # (voter, row of trust, patron)
        self._trust: dict[str, list[float]] = {}
        self._ties: dict[tuple[str, str], list[Term]] = {}
        self._tie_counts: dict[tuple[str, float], _TieCounts] = {}
        self._sides: dict[int, tuple[Motion, _Sides]] = {}  # by id(motion), which the entry keeps alive
        self._worded: dict[int, tuple[Motion, _SideTerms]] = {}  # the same, in words
        self._caution: dict[str, int] = {}
        self._fixed = {"inertia": _tenths(-self.b["line_inertia"])}
        # passes, by question (the motion by id, which the entry keeps alive)
        self._counted: dict[tuple[int, float | None, float | None], tuple[Motion, bool]] = {}

    # ---- the parts that do not depend on the motion ----------------------------------------------
    def _trust_row(self, voter: str) -> list[float]:
        row = self._trust.get(voter)
        if row is None:
            row = self._trust[voter] = self.state.trust[self.state.index[voter]].tolist()
        return row

    def ties(self, voter: str, other: str) -> list[Term]:
        """The voter's ties to `other`: patron, pact, trust (a list the caller must not change)."""
        key = (voter, other)
        cached = self._ties.get(key)
        if cached is None:
            cached = self._ties[key] = self._work_out_ties(voter, other)
        return cached

    def _work_out_ties(self, voter: str, other: str) -> list[Term]:
        b = self.b
        if voter == other:
            return [("it is about himself", None, b["self_interest"])]
        terms: list[Term] = []
        if self.state.leaders[voter].patron == other:
            terms.append(("owes his career to {}", other, b["patron"]))
        if self._pacts is None:
            self._pacts = pact_strengths(self.state)
        strength = self._pacts.get((voter, other), 0.0)
        if strength > 0:
            terms.append(("bound by a pact with {}", other, b["pact"] * strength))
        trust = self._trust_row(voter)[self.state.index[other]]
        if abs(trust) > 0.05:
            terms.append(("trusts {}" if trust > 0 else "distrusts {}", other, b["trust"] * trust))
        return terms

    def fill_ties(self, counts: dict[str, int], other: str, factor: float) -> None:
        """`tie_tenths(voter, other, factor)` for every voter, in one loop (the same terms, read
        the same way: a whip count takes nearly every voter's ties to each side)."""
        b, state = self.b, self.state
        item = state.trust.item
        col = state.index[other]
        if self._pacts is None:
            self._pacts = pact_strengths(state)
        pacts = self._pacts
        if self._rows is None:  # each voter's row of trust and patron, read once for every side
            leaders, index = state.leaders, state.index
            self._rows = [(voter, index[voter], leaders[voter].patron) for voter in self.voters]
        patron_t = _tenths(b["patron"] * factor)
        w_pact, w_trust = b["pact"], b["trust"]
        trust_terms = _trust_terms(w_trust, factor)
        for voter, row, patron in self._rows:
            if voter == other:
                counts[voter] = _tenths(b["self_interest"] * factor)
                continue
            count = patron_t if patron == other else 0
            if pacts:
                strength = pacts.get((voter, other), 0.0)
                if strength > 0:
                    count += _tenths(w_pact * strength * factor)
            trust = item(row, col)
            if trust > 0.05 or trust < -0.05:  # abs(trust) > 0.05, as in tie_tenths
                term = trust_terms.get(trust)
                if term is None:
                    term = trust_terms[trust] = _tenths(w_trust * trust * factor)
                count += term
            counts[voter] = count

    def tie_tenths(self, voter: str, other: str, factor: float) -> int:
        """`ties` times `factor` as they count in a lean, in tenths: the same terms as
        `_work_out_ties`, added up without building them."""
        b = self.b
        if voter == other:
            return _tenths(b["self_interest"] * factor)
        count = 0
        if self.state.leaders[voter].patron == other:
            count += _tenths(b["patron"] * factor)
        if self._pacts is None:
            self._pacts = pact_strengths(self.state)
        strength = self._pacts.get((voter, other), 0.0)
        if strength > 0:
            count += _tenths(b["pact"] * strength * factor)
        trust = self._trust_row(voter)[self.state.index[other]]
        if abs(trust) > 0.05:
            count += _tenths(b["trust"] * trust * factor)
        return count

    def relation(self, voter: str, other: str | None, scale: float = 1.0) -> list[Term]:
        """The voter's ties to `other`, times `scale`: 1 for the side a YES favours, -1 for its
        victim, 0.5 for a sponsor who is neither."""
        if other is None:
            return []
        terms = self.ties(voter, other)
        if scale == -1:
            return [(label, who, -value) for label, who, value in terms]
        if scale == 0.5:
            return [(label, who, 0.5 * value) for label, who, value in terms]
        return terms

    def tie_counts(self, other: str | None, factor: float = 1.0) -> dict[str, int] | None:
        """Each voter's ties to `other` times `factor` (1, or 0.5 for a sponsor who is neither
        side), in tenths, by voter; filled in as voters are asked about (None: nobody's ties to
        nobody). Rounding is symmetric, so the victim's ties count minus these."""
        if other is None:
            return None
        key = (other, factor)
        counts = self._tie_counts.get(key)
        if counts is None:
            counts = self._tie_counts[key] = _TieCounts(self, other, factor)
        return counts

    def caution(self, voter: str) -> Term | None:
        """A cautious man's taste for the status quo (asked only when he is not a party to it)."""
        caution = self.state.world.leaders[voter].personality.caution
        return ("caution: leave things as they are", None, -self.b["caution"] * caution) if caution > 0 else None

    def _caution_tenths(self, voter: str) -> int:
        cached = self._caution.get(voter)
        if cached is None:
            caution = self.state.world.leaders[voter].personality.caution
            cached = self._caution[voter] = _caution_tenths(self.b["caution"], caution)
        return cached

    # ---- the parts that depend only on the motion --------------------------------------------------
    def sides(self, m: Motion) -> _Sides:
        entry = self._sides.get(id(m))
        if entry is None or entry[0] is not m:
            entry = self._sides[id(m)] = (m, self._work_out_sides(m))
        return entry[1]

    def _work_out_sides(self, m: Motion) -> _Sides:
        """The sides in tenths: each term's points as `_side_terms` works them out, counted by
        `_tenths` without building the worded term (test_votes holds `tenths` to `terms`)."""
        state, b, mood = self.state, self.b, self.state.mood
        beneficiary, victim = parties(state, m)
        hostile, favourable = m.kind in HOSTILE, m.kind in FAVOURABLE
        mood_line_t = victim_mood_t = testament_t = fear_t = standing_t = favour_t = 0
        if m.kind == "adopt_line" and m.axis:
            mood_gain = abs(getattr(mood, m.axis) - state.line[m.axis]) - abs(getattr(mood, m.axis) - m.value)
            mood_line_t = _tenths(b["mood"] * 2 * mood_gain)
        elif victim is not None and hostile:
            victim_mood_t = _tenths(b["mood"] * (2 * distance_to_mood(state, victim) - 0.6))
        if _testament_motion(state, m):
            testament_t = _tenths(b["testament"] * (0.5 + mood.cult))
        share_b = self.power.get(beneficiary or "", 0.0) / self.total_power
        share_v = self.power.get(victim or "", 0.0) / self.total_power
        if share_b or share_v:
            fear_t = _tenths(b["fear"] * (share_b - share_v))
        if victim is not None and hostile:
            here = state.leaders[victim].prestige - (state.leaders[beneficiary].prestige if beneficiary else 40.0)
            standing_t = _tenths(-b["prestige"] * here)
        if beneficiary is not None and favourable:
            favour_t = _tenths(b["prestige"] * (state.leaders[beneficiary].prestige - 40.0))
        evidence, fresh = _case_evidence(state, m) if m.kind == "sanction" else (0.0, None)
        unity_t = _tenths(b["unity"] * (mood.unity - 0.4))
        packer, packing = _packing(state, m, b)
        return _Sides(beneficiary, victim, hostile, favourable, share_b, share_v, evidence, fresh,
                      mood_line_t, victim_mood_t, testament_t, fear_t, standing_t, favour_t, unity_t,
                      packer, packing)

    def _worded_sides(self, m: Motion, s: _Sides) -> _SideTerms:
        entry = self._worded.get(id(m))
        if entry is None or entry[0] is not m:
            entry = self._worded[id(m)] = (m, self._side_terms(m, s))
        return entry[1]

    def _side_terms(self, m: Motion, s: _Sides) -> _SideTerms:
        """The worded terms of `_work_out_sides` (the same points)."""
        state, b, mood = self.state, self.b, self.state.mood
        beneficiary, victim = s.beneficiary, s.victim
        mood_line = victim_mood = testament = fear = standing = favour = None
        if m.kind == "adopt_line" and m.axis:
            mood_gain = abs(getattr(mood, m.axis) - state.line[m.axis]) - abs(getattr(mood, m.axis) - m.value)
            mood_line = ("the rank and file want it" if mood_gain > 0 else "the rank and file are against it",
                         None, b["mood"] * 2 * mood_gain)
        elif victim is not None and s.hostile:
            out_of_step = 2 * distance_to_mood(state, victim) - 0.6
            victim_mood = ("the party mood runs against {}" if out_of_step > 0 else "the party mood favours {}",
                           victim, b["mood"] * out_of_step)
        if _testament_motion(state, m):
            testament = ("Lenin's Testament asks for it", None, b["testament"] * (0.5 + mood.cult))
        share_b, share_v = s.share_b, s.share_v
        if share_b or share_v:
            fear = ("fears the stronger side" if share_b >= share_v else "fears the stronger side (against)",
                    None, b["fear"] * (share_b - share_v))
        if victim is not None and s.hostile:
            here = state.leaders[victim].prestige - (state.leaders[beneficiary].prestige if beneficiary else 40.0)
            standing = ("{}'s standing in the party", victim, -b["prestige"] * here)
        if beneficiary is not None and s.favourable:
            favour = ("{}'s standing in the party", beneficiary,
                      b["prestige"] * (state.leaders[beneficiary].prestige - 40.0))
        unity = ("fears being called a factionalist himself", None, b["unity"] * (mood.unity - 0.4))
        return _SideTerms(mood_line, victim_mood, testament, fear, standing, favour, unity)

    # ---- a voter on a motion -----------------------------------------------------------------------
    def terms(self, voter: str, m: Motion, case_evidence: float | None = None,
              fresh_evidence: float | None = None) -> list[Term]:
        """The reasons for this voter on this motion, as unworded terms. `tenths` mirrors this
        function step by step: change one, change the other (tests/test_votes.py holds them equal)."""
        state, b = self.state, self.b
        s = self.sides(m)
        w = self._worded_sides(m, s)
        beneficiary, victim = s.beneficiary, s.victim
        out: list[Term] = [*self.relation(voter, beneficiary, 1.0), *self.relation(voter, victim, -1)]
        if m.sponsor not in (beneficiary, victim) and m.sponsor != voter:
            out += self.relation(voter, m.sponsor, 0.5)
        v = state.leaders[voter]
        info = state.world.leaders[voter]
        if voter == m.sponsor and voter != victim:
            out.append(("he tabled it", None, b["own_motion"]))

        # Ideology and the party mood.
        if m.kind == "adopt_line" and m.axis:
            mine = getattr(v, m.axis)
            gain = abs(mine - state.line[m.axis]) - abs(mine - m.value)
            out.append(("the new line is closer to his views" if gain > 0 else
                        "the new line is further from his views", None, b["ideology"] * 2 * gain))
            if w.mood_line is not None:
                out.append(w.mood_line)
            if voter != m.sponsor:
                out.append(("the Congress set the line", None, -b["line_inertia"]))
        elif victim is not None and victim != voter and s.hostile:
            far = 2 * distance(state, voter, victim) - 0.6
            out.append(("far from {}'s line" if far > 0 else "close to {}'s line", victim, b["ideology"] * far))
            if w.victim_mood is not None:
                out.append(w.victim_mood)
        elif beneficiary is not None and beneficiary != voter and s.favourable:
            near = 0.6 - 2 * distance(state, voter, beneficiary)
            out.append(("close to {}'s line" if near > 0 else "far from {}'s line", beneficiary, b["ideology"] * near))

        if w.testament is not None and voter != victim:
            out.append(w.testament)

        # Power, prestige and fear.
        if w.fear is not None and voter not in (beneficiary, victim):
            out.append(w.fear)
        if (victim is not None and victim != voter and s.hostile and info.playable
                and v.patron != victim and s.share_v > b["balance_from"]):
            out.append(("fears {} will rule alone", victim,
                        b["balance"] * info.personality.ambition * (s.share_v - b["balance_from"])))
        if w.standing is not None and victim != voter:
            out.append(w.standing)
        if w.favour is not None and beneficiary != voter:
            out.append(w.favour)
        packing = self._packing_fear(voter, s)
        if packing:
            out.append(("fears {} is packing the Politburo", s.packer, -packing))

        # Discipline: evidence, the call for unity, and a cautious man's taste for the status quo.
        if m.kind == "sanction":
            ev = case_evidence if case_evidence is not None else s.evidence
            ready = b["evidence_from"]
            out.append(("the evidence of the case" if ev >= ready else "the case is thin", None, b["evidence"] * (ev - ready)))
            if victim != voter:
                out.append(w.unity)
                hounded = persecution(state, victim, _fresh(s, case_evidence, fresh_evidence), m.value)
                if hounded:
                    out.append(("striking at {} without a new offence looks like persecution", victim, hounded))
        if voter != m.sponsor and voter != beneficiary:
            caution = self.caution(voter)
            if caution is not None:
                out.append(caution)
        return out

    def tenths(self, voters: Iterable[str], m: Motion, case_evidence: float | None = None,
               fresh_evidence: float | None = None) -> Iterator[int]:
        """Each voter's lean in whole tenths, without its words: `terms` step by step, each term
        counted as `_tenths` counts it (above zero means YES). What does not depend on the voter
        is looked up once per motion, before the first voter."""
        state, b = self.state, self.b
        s = self.sides(m)
        beneficiary, victim, sponsor = s.beneficiary, s.victim, m.sponsor
        leaders, cautions = state.leaders, self._caution
        for_b, against_v = self.tie_counts(beneficiary), self.tie_counts(victim)
        for_s = self.tie_counts(sponsor, 0.5) if sponsor not in (beneficiary, victim) else None
        axis = m.axis if m.kind == "adopt_line" else None
        if axis:
            line, ideology2 = state.line[axis], b["ideology"] * 2
        vx = leaders[victim] if s.hostile and victim is not None else None  # the victim of a hostile motion
        favoured = beneficiary if s.favourable else None
        balance = vx is not None and s.share_v > b["balance_from"]
        everyone = unity = 0
        own = _tenths(b["own_motion"])
        if m.kind == "sanction":
            ev = case_evidence if case_evidence is not None else s.evidence
            everyone, unity = _tenths(b["evidence"] * (ev - b["evidence_from"])), s.unity_t
            if victim is not None:
                unity += _tenths(persecution(state, victim, _fresh(s, case_evidence, fresh_evidence), m.value))
        not_victim = s.testament_t + s.standing_t + unity  # all but the victim
        not_beneficiary, bystander = s.favour_t, s.fear_t  # all but the beneficiary; neither side
        ideology, inertia = b["ideology"], self._fixed["inertia"]
        memo = _tenths_memo()
        packer = s.packer
        for voter in voters:
            v = leaders[voter]
            t = everyone
            if for_b is not None:
                t += for_b[voter]
            if against_v is not None:
                t -= against_v[voter]
            if for_s is not None and voter != sponsor:
                t += for_s[voter]
            if voter == sponsor and voter != victim:
                t += own
            if axis:
                mine = getattr(v, axis)
                x = ideology2 * (abs(mine - line) - abs(mine - m.value))
                tx = memo.get(x)
                if tx is None:
                    tx = memo[x] = _tenths(x)
                t += tx + s.mood_line_t
                if voter != sponsor:
                    t += inertia
            elif vx is not None and victim != voter:
                far = (abs(v.econ - vx.econ) + abs(v.world - vx.world) + abs(v.regime - vx.regime)) / 6.0  # distance
                x = ideology * (2 * far - 0.6)
                tx = memo.get(x)
                if tx is None:
                    tx = memo[x] = _tenths(x)
                t += tx + s.victim_mood_t
            elif favoured is not None and favoured != voter:
                x = ideology * (0.6 - 2 * distance(state, voter, favoured))
                tx = memo.get(x)
                if tx is None:
                    tx = memo[x] = _tenths(x)
                t += tx
            if voter != victim:
                t += not_victim
            if voter != beneficiary:
                t += not_beneficiary
                if voter != victim:
                    t += bystander
                if voter != sponsor:
                    caution = cautions.get(voter)
                    t += caution if caution is not None else self._caution_tenths(voter)
            if balance and voter != victim:
                info = state.world.leaders[voter]
                if info.playable and v.patron != victim:
                    t += _tenths(b["balance"] * info.personality.ambition * (s.share_v - b["balance_from"]))
            if packer is not None:
                t -= _tenths(self._packing_fear(voter, s))
            yield t

    def _packing_fear(self, voter: str, s: _Sides) -> float:
        """How much a voter fears a promotion hands the Politburo to the new member's patron: 0
        for the patron, his men and the new member himself; an ally of the patron (trust or a
        pact of `congress.friendly`'s strength) fears it `packing_ally` times as much."""
        packer = s.packer
        if packer is None or voter in (packer, s.beneficiary) or self.state.leaders[voter].patron == packer:
            return 0.0
        if self._pacts is None:
            self._pacts = pact_strengths(self.state)
        ally = (self._trust_row(voter)[self.state.index[packer]] >= 0.3
                or self._pacts.get((voter, packer), 0.0) >= 0.3)
        return s.packing * (self.b["packing_ally"] if ally else 1.0)

    def total(self, voter: str, m: Motion, case_evidence: float | None = None,
              fresh_evidence: float | None = None) -> float:
        """The lean without its words: the same number as `lean(...).total`."""
        return next(self.tenths((voter,), m, case_evidence, fresh_evidence)) / 10

    def lean(self, voter: str, m: Motion, case_evidence: float | None = None,
             fresh_evidence: float | None = None) -> Lean:
        """The sum of reasons for this voter on this motion (no wavering), each reason in words."""
        state = self.state
        counted = [(label, who, _tenths(value))
                   for label, who, value in self.terms(voter, m, case_evidence, fresh_evidence)]
        # Each term rounded to 0.1 is its tenths over ten (`_tenths`), and so is the rounded sum.
        worded = [(_worded(label, name(state, who)) if who else label, tenths / 10)
                  for label, who, tenths in counted if tenths]
        worded.sort(key=lambda t: -abs(t[1]))
        total = sum(tenths for _, _, tenths in counted)
        # A nonzero sum is its tenths over ten; a zero one keeps the sign (or the int 0 of an empty
        # sum) that adding the rounded floats gives, so round them as always.
        return Lean(voter, total / 10 if total else round(sum(value for _, value in worded), 1), tuple(worded))

    def passes(self, m: Motion, case_evidence: float | None = None, fresh_evidence: float | None = None) -> bool:
        """Would a majority of the voters lean YES? Counting stops once the answer is certain, and
        the same question on the same board is counted once (the AI may weigh one motion twice)."""
        key = (id(m), case_evidence, fresh_evidence)  # by id: hashing a Motion reads its every field
        entry = self._counted.get(key)
        if entry is None or entry[0] is not m:
            entry = self._counted[key] = (m, self._count(m, case_evidence, fresh_evidence))
        return entry[1]

    def _count(self, m: Motion, case_evidence: float | None, fresh_evidence: float | None) -> bool:
        need = len(self.voters) // 2 + 1  # yes > no
        yes = no = 0
        everyone = self.voters
        victim = self.sides(m).victim
        if victim in everyone and everyone[0] != victim:
            # The man a motion strikes votes against it: asked first, the count is settled sooner
            # (the order of asking never changes the answer).
            everyone = [victim, *(v for v in everyone if v != victim)]
        for lean_tenths in self.tenths(everyone, m, case_evidence, fresh_evidence):
            if lean_tenths > 0:
                yes += 1
                if yes >= need:
                    return True
            else:
                no += 1
                if no > len(self.voters) - need:
                    return False
        return yes >= need


def terms(state: GameState, voter: str, m: Motion, power: dict[str, float] | None = None,
          case_evidence: float | None = None) -> list[Term]:
    """The reasons for this voter on this motion, as unworded terms (cheap: the AI sums them)."""
    return Whip(state, power).terms(voter, m, case_evidence)


def lean_total(state: GameState, voter: str, m: Motion, power: dict[str, float] | None = None,
               case_evidence: float | None = None) -> float:
    """Just the sum (what the AI's whip counts need), with the same rounding as `lean`."""
    return Whip(state, power).total(voter, m, case_evidence)


def lean(state: GameState, voter: str, m: Motion, power: dict[str, float] | None = None,
         case_evidence: float | None = None) -> Lean:
    """The sum of reasons for this voter on this motion (no wavering), each reason in words."""
    return Whip(state, power).lean(voter, m, case_evidence)


_EXPELLED = LADDER.index("expelled")


def persecution(state: GameState, victim: str | None, fresh: float | None, rung: float) -> float:
    """A thin case against a leader of standing looks like persecution and splits the majority
    (Stalin posed as the moderate against Zinoviev's demand to expel Trotsky in January 1925):
    minus `persecution` times the victim's prestige above `persecution_from` (per 100 points),
    times how far the fresh evidence falls short of `persecution_below` (as a share of it). Only a
    man the party has judged before (sanctioned, or heard recant) is protected so: `fresh` is the
    part of the case's evidence new since then (`accusations.fresh_evidence`), None for a man
    never judged, whose first case stands on its whole evidence. It protects only a man's seats in
    the leading bodies and his card, from the rung `persecution_rung` (removal from the Politburo)
    up to his card: a censure or the loss of a post was a matter of administration, and the exile
    or deportation of a man already expelled a matter for the OGPU, which split no majority
    (Trotsky, expelled in November 1927, was sent to Alma-Ata in January 1928 on no new count)."""
    b = state.world.balance["vote"]
    if victim is None or fresh is None or not b["persecution_rung"] <= rung <= _EXPELLED:
        return 0.0
    standing = state.leaders[victim].prestige - b["persecution_from"]
    short = b["persecution_below"] - fresh
    if standing <= 0 or short <= 0:
        return 0.0
    return -b["persecution"] * standing / 100 * short / b["persecution_below"]


def _packing(state: GameState, m: Motion, b: dict[str, float]) -> tuple[str | None, float]:
    """A promotion of a man with a patron: (the patron, the points of fear it stirs in a bystander).

    Raising a man to a full seat adds his patron's camp to the voting Politburo, as a Congress
    list that seats its author's clients does (`slates.read`'s shift), and the men outside the
    camp fear it the same way: by how far the camp's share of the full members grows. A candidate
    seat votes only in waiting, and counts `packing_candidate` as much. This is the rule that kept
    the General Secretary's young men (Kirov, Kaganovich, Andreyev) candidates until 1930, while
    he still needed the Right's votes."""
    if m.kind != "promote" or not m.target:
        return None, 0.0
    patron = state.leaders[m.target].patron
    if patron is None or not state.leaders[patron].active or m.target in state.politburo_full:
        return None, 0.0
    full = state.politburo_full
    camp = sum(1 for lid in full if lid == patron or state.leaders[lid].patron == patron)
    rise = (camp + 1) / (len(full) + 1) - (camp / len(full) if full else 0.0)
    weight = 1.0 if m.target in state.politburo_candidates else b["packing_candidate"]
    return patron, b["packing"] * max(0.0, rise) * weight


def _testament_motion(state: GameState, m: Motion) -> bool:
    """Removing the General Secretary once Lenin's advice to do so is public."""
    return (m.kind == "remove_office" and m.office == "general_secretary" and bool(state.flags.get("testament_out"))
            and state.offices.get("general_secretary") == m.target)


def _case_evidence(state: GameState, m: Motion) -> tuple[float, float | None]:
    """The evidence of the motion's case, and its fresh part (`Case.fresh`, None: never judged)."""
    for case in state.cases:
        if case.id == m.case:
            return case.evidence, case.fresh
    return 0.0, None


def _fresh(s: _Sides, case_evidence: float | None, fresh_evidence: float | None) -> float | None:
    """The fresh evidence a lean weighs: as given with the evidence of a case not yet opened (the
    AI's probes), else the fresh part of the case on the board."""
    return fresh_evidence if case_evidence is not None else s.fresh


def whip_count(state: GameState, m: Motion) -> list[Lean]:
    """Expected votes before the session: every voting member's lean, no wavering."""
    whip = Whip(state)
    return [whip.lean(v, m) for v in whip.voters]


def cast(state: GameState, m: Motion, ballots: dict[str, str],
         whip: Whip | None = None) -> list[tuple[str, str, Lean, float]]:
    """Resolve the vote: (voter, vote, lean, waver) for every voting member.

    Human seats vote as they chose (in `ballots`); everyone else by the model plus the
    seeded wavering term, drawn in Politburo order so the stream is reproducible. `whip`: a
    Whip on this very board, when the caller has one."""
    b = state.world.balance["vote"]
    if whip is None:
        whip = Whip(state)  # the draws below move only the random stream, which no lean reads
    out = []
    everyone = voters(state)
    # Unworded, each lean is the same total (`tenths` mirrors `terms`, tests/test_votes.py).
    leans = (whip.lean(voter, m) for voter in everyone) if state.explain else \
        (Lean(voter, tenths / 10, ()) for voter, tenths in zip(everyone, whip.tenths(everyone, m), strict=True))
    # A draw's key only names it for `forced`: with nothing forced it is never read, so not spelt.
    keyed = f"{state.quarter}:vote:{m.id}:" if state.forced else None
    for voter, ln in zip(everyone, leans, strict=True):
        waver = round(b["waver"] * (2 * draw(state, keyed + voter if keyed is not None else "") - 1), 1)
        if voter in ballots:
            vote = ballots[voter]
        else:
            vote = "yes" if ln.total + waver > 0 else "no"
        out.append((voter, vote, ln, waver))
    return out


def cc_vote(state: GameState, m: Motion, threshold: float,
            whip: Whip | None = None) -> tuple[bool, int, int, list[tuple[str, int, int]]]:
    """A (joint) CC plenum ratifies a Politburo decision.

    Seats with a patron follow their patron's own lean (most of them); seats without one weigh
    the victim's line, prestige and the evidence (`cc_count`). One seeded draw moves the whole
    hall a little. Returns (passed, yes, no, per-bloc breakdown). `whip`: a Whip on this very
    board, when the caller has one (the Politburo's vote on the same motion)."""
    yes, total, breakdown = cc_count(state, m, whip)
    swing = state.world.balance["cc_vote"]["swing"]
    yes += (draw(state, f"{state.quarter}:cc:{m.id}") - 0.5) * swing * total
    yes_i = int(round(clip(yes, 0, total)))
    return yes_i > threshold * total, yes_i, total - yes_i, breakdown


def cc_count(state: GameState, m: Motion, whip: Whip | None = None, case_evidence: float | None = None,
             fresh_evidence: float | None = None) -> tuple[float, int, list[tuple[str, int, int]]]:
    """The plenum's expected YES before the hall's draw: (yes, seats, per-bloc breakdown). What a
    sponsor can reckon beforehand; it changes nothing on the board. `case_evidence` and
    `fresh_evidence`: the case of a charge not yet brought, as `Whip.passes` takes them."""
    if whip is None:
        whip = Whip(state)
    yes, total, named, breakdown = _cc_blocs(state, m, whip, case_evidence, fresh_evidence, True)
    named_yes = sum(1 for lean_tenths in whip.tenths(named, m, case_evidence, fresh_evidence) if lean_tenths > 0)
    yes += named_yes
    breakdown.append(("named members", named_yes, len(named) - named_yes))
    return yes, total, breakdown


def cc_carries(state: GameState, m: Motion, threshold: float, whip: Whip, case_evidence: float | None = None,
               fresh_evidence: float | None = None) -> bool:
    """`cc_count`'s yes above `threshold` of the seats, without its breakdown: the named members
    are asked one by one only until the answer is certain (their YES count is added to the blocs'
    last, and a float sum only grows with it, so the answer is the same)."""
    yes, total, named, _ = _cc_blocs(state, m, whip, case_evidence, fresh_evidence, False)
    bar = threshold * total
    named_yes, left = 0, len(named)
    for lean_tenths in whip.tenths(named, m, case_evidence, fresh_evidence):
        left -= 1
        if lean_tenths > 0:
            named_yes += 1
            if yes + named_yes > bar:
                return True
        elif yes + (named_yes + left) <= bar:
            return False
    return yes + named_yes > bar


def _cc_blocs(state: GameState, m: Motion, whip: Whip, case_evidence: float | None, fresh_evidence: float | None,
              words: bool) -> tuple[float, int, list[str], list[tuple[str, int, int]]]:
    """The blocs' part of `cc_count`: (their expected YES, the seats of the whole hall, the named
    members who weigh the motion for themselves, the breakdown by bloc if `words`)."""
    c = state.world.balance["cc_vote"]
    beneficiary, victim = parties(state, m)
    blocs: dict[str | None, list[float]] = {}
    for seat in state.cc:
        blocs.setdefault(seat.patron, []).append(seat.lean)
    # A named member who owes his career to a patron sitting in the hall votes with him, as the
    # patron's seats do; the rest weigh the motion for themselves.
    named = []
    for ld in state.leaders.values():
        if not (ld.in_cc and ld.active):
            continue
        patron = state.leaders[ld.patron] if ld.patron else None
        if patron is not None and patron.active and patron.in_cc:
            blocs.setdefault(patron.id, []).append(ld.econ)
        else:
            named.append(ld.id)
    patrons = [p for p in blocs if p is not None and state.leaders[p].active]
    patron_lean = dict(zip(patrons, whip.tenths(patrons, m, case_evidence, fresh_evidence), strict=True))  # in tenths: only the sign counts
    ev = 0.0
    if m.kind == "sanction":
        ev = case_evidence if case_evidence is not None else _case_evidence(state, m)[0]
    victim_ld = state.leaders[victim] if victim else None
    mantle_from = c["mantle_from"]
    favoured = state.leaders[beneficiary] if beneficiary and m.kind in FAVOURABLE else None
    yes = 0.0
    breakdown = []
    for patron, leans in sorted(blocs.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        if patron is not None and state.leaders[patron].active:
            follow = c["patron_follow"] if patron_lean[patron] > 0 else 1 - c["patron_follow"]
            bloc_yes = follow * len(leans)
        else:
            bloc_yes = 0.0
            for seat_lean in leans:
                p = 0.5
                if victim_ld is not None:
                    p += c["ideology"] * (abs(seat_lean - victim_ld.econ) - 0.4)
                    p -= c["prestige"] * (victim_ld.prestige - 40)
                    p -= c["mantle"] * max(0.0, victim_ld.mantle - mantle_from)  # Lenin's comrade
                elif favoured is not None:  # raising a man: his standing decides the unattached
                    p += c["prestige"] * (favoured.prestige - 40)
                if m.kind == "sanction":
                    p += c["evidence"] * (ev - state.world.balance["vote"]["evidence_from"])
                if _testament_motion(state, m):
                    p += c["testament"]
                bloc_yes += clip(p, 0.05, 0.95)
        yes += bloc_yes
        if words:
            breakdown.append((patron or "", round(bloc_yes), len(leans) - round(bloc_yes)))
    total = sum(len(leans) for leans in blocs.values()) + len(named)
    return yes, total, named, breakdown
