"""Politburo and Central Committee votes.

Each voter's lean on a motion is a visible sum of reasons (patron, pacts, trust, ideology, fear,
prestige, mood, evidence, unity, caution) plus a small seeded wavering term. YES when above zero.
The same terms, without the wavering, give the whip count before the vote.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import GameState, Motion
from .common import clip, distance, distance_to_mood, draw, name, pact_strength, voters
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


def parties(state: GameState, m: Motion) -> tuple[str | None, str | None]:
    """(beneficiary, victim) of a YES."""
    if m.kind in ("sanction", "remove_office", "remove_politburo"):
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


def _relation(state: GameState, voter: str, other: str | None, b: dict) -> list[Term]:
    if other is None:
        return []
    if voter == other:
        return [("it is about himself", None, b["self_interest"])]
    terms: list[Term] = []
    if state.leaders[voter].patron == other:
        terms.append(("owes his career to {}", other, b["patron"]))
    strength = pact_strength(state, voter, other)
    if strength > 0:
        terms.append(("bound by a pact with {}", other, b["pact"] * strength))
    trust = state.trust_of(voter, other)
    if abs(trust) > 0.05:
        terms.append(("trusts {}" if trust > 0 else "distrusts {}", other, b["trust"] * trust))
    return terms


def terms(state: GameState, voter: str, m: Motion, power: dict[str, float] | None = None,
          case_evidence: float | None = None) -> list[Term]:
    """The reasons for this voter on this motion, as unworded terms (cheap: the AI sums them)."""
    b = state.world.balance["vote"]
    beneficiary, victim = parties(state, m)
    out: list[Term] = []
    out += _relation(state, voter, beneficiary, b)
    out += [(label, who, -value) for label, who, value in _relation(state, voter, victim, b)]
    if m.sponsor not in (beneficiary, victim) and m.sponsor != voter:
        out += [(label, who, 0.5 * value) for label, who, value in _relation(state, voter, m.sponsor, b)]
    v = state.leaders[voter]
    info = state.world.leaders[voter]
    mood = state.mood
    if voter == m.sponsor and voter != victim:
        out.append(("he tabled it", None, b["own_motion"]))

    # Ideology and the party mood.
    if m.kind == "adopt_line" and m.axis:
        mine = getattr(v, m.axis)
        gain = abs(mine - state.line[m.axis]) - abs(mine - m.value)
        out.append(("the new line is closer to his views" if gain > 0 else
                    "the new line is further from his views", None, b["ideology"] * 2 * gain))
        mood_gain = abs(getattr(mood, m.axis) - state.line[m.axis]) - abs(getattr(mood, m.axis) - m.value)
        out.append(("the rank and file want it" if mood_gain > 0 else "the rank and file are against it",
                    None, b["mood"] * 2 * mood_gain))
        if voter != m.sponsor:
            out.append(("the Congress set the line", None, -b["line_inertia"]))
    elif victim is not None and victim != voter and m.kind in HOSTILE:
        far = 2 * distance(state, voter, victim) - 0.6
        out.append(("far from {}'s line" if far > 0 else "close to {}'s line", victim, b["ideology"] * far))
        out_of_step = 2 * distance_to_mood(state, victim) - 0.6
        out.append(("the party mood runs against {}" if out_of_step > 0 else "the party mood favours {}",
                    victim, b["mood"] * out_of_step))
    elif beneficiary is not None and beneficiary != voter and m.kind in FAVOURABLE:
        near = 0.6 - 2 * distance(state, voter, beneficiary)
        out.append(("close to {}'s line" if near > 0 else "far from {}'s line", beneficiary, b["ideology"] * near))

    if _testament_motion(state, m) and voter != victim:
        out.append(("Lenin's Testament asks for it", None, b["testament"] * (0.5 + mood.cult)))

    # Power, prestige and fear.
    power = power if power is not None else power_table(state)
    total_power = sum(power.values()) or 1.0
    share_b = power.get(beneficiary or "", 0.0) / total_power
    share_v = power.get(victim or "", 0.0) / total_power
    if voter not in (beneficiary, victim) and (share_b or share_v):
        out.append(("fears the stronger side" if share_b >= share_v else "fears the stronger side (against)",
                    None, b["fear"] * (share_b - share_v)))
    if (victim is not None and victim != voter and m.kind in HOSTILE and info.playable
            and v.patron != victim and share_v > b["balance_from"]):
        out.append(("fears {} will rule alone", victim,
                    b["balance"] * info.personality.ambition * (share_v - b["balance_from"])))
    if victim is not None and victim != voter and m.kind in HOSTILE:
        standing = state.leaders[victim].prestige - (state.leaders[beneficiary].prestige if beneficiary else 40.0)
        out.append(("{}'s standing in the party", victim, -b["prestige"] * standing))
    if beneficiary is not None and beneficiary != voter and m.kind in FAVOURABLE:
        out.append(("{}'s standing in the party", beneficiary,
                    b["prestige"] * (state.leaders[beneficiary].prestige - 40.0)))

    # Discipline: evidence, the call for unity, and a cautious man's taste for the status quo.
    if m.kind == "sanction":
        ev = case_evidence if case_evidence is not None else _case_evidence(state, m)
        out.append(("the evidence of the case" if ev >= 0.3 else "the case is thin", None, b["evidence"] * (ev - 0.3)))
        if victim != voter:
            out.append(("fears being called a factionalist himself", None, b["unity"] * (mood.unity - 0.4)))
    if info.personality.caution > 0 and voter != m.sponsor and voter != beneficiary:
        out.append(("caution: leave things as they are", None, -b["caution"] * info.personality.caution))
    return out


def lean_total(state: GameState, voter: str, m: Motion, power: dict[str, float] | None = None,
               case_evidence: float | None = None) -> float:
    """Just the sum (what the AI's whip counts need), with the same rounding as `lean`."""
    return round(sum(round(v, 1) for _, _, v in terms(state, voter, m, power, case_evidence) if abs(v) >= 0.05), 1)


def lean(state: GameState, voter: str, m: Motion, power: dict[str, float] | None = None,
         case_evidence: float | None = None) -> Lean:
    """The sum of reasons for this voter on this motion (no wavering), each reason in words."""
    worded = [(label.format(name(state, who)) if who else label, round(value, 1))
              for label, who, value in terms(state, voter, m, power, case_evidence) if abs(value) >= 0.05]
    worded.sort(key=lambda t: -abs(t[1]))
    return Lean(voter, round(sum(value for _, value in worded), 1), tuple(worded))


def _testament_motion(state: GameState, m: Motion) -> bool:
    """Removing the General Secretary once Lenin's advice to do so is public."""
    return (m.kind == "remove_office" and m.office == "general_secretary" and bool(state.flags.get("testament_out"))
            and state.offices.get("general_secretary") == m.target)


def _case_evidence(state: GameState, m: Motion) -> float:
    for case in state.cases:
        if case.id == m.case:
            return case.evidence
    return 0.0


def whip_count(state: GameState, m: Motion) -> list[Lean]:
    """Expected votes before the session: every voting member's lean, no wavering."""
    power = power_table(state)
    return [lean(state, v, m, power) for v in voters(state)]


def cast(state: GameState, m: Motion, ballots: dict[str, str]) -> list[tuple[str, str, Lean, float]]:
    """Resolve the vote: (voter, vote, lean, waver) for every voting member.

    Human seats vote as they chose (in `ballots`); everyone else by the model plus the
    seeded wavering term, drawn in Politburo order so the stream is reproducible."""
    b = state.world.balance["vote"]
    power = power_table(state)
    out = []
    for voter in voters(state):
        ln = lean(state, voter, m, power)
        waver = round(b["waver"] * (2 * draw(state, f"{state.quarter}:vote:{m.id}:{voter}") - 1), 1)
        if voter in ballots:
            vote = ballots[voter]
        else:
            vote = "yes" if ln.total + waver > 0 else "no"
        out.append((voter, vote, ln, waver))
    return out


def cc_vote(state: GameState, m: Motion, threshold: float) -> tuple[bool, int, int, list[tuple[str, int, int]]]:
    """A (joint) CC plenum ratifies a Politburo decision.

    Seats with a patron follow their patron's own lean (most of them); seats without one weigh
    the victim's line, prestige and the evidence. One seeded draw moves the whole hall a little.
    Returns (passed, yes, no, per-bloc breakdown)."""
    c = state.world.balance["cc_vote"]
    power = power_table(state)
    beneficiary, victim = parties(state, m)
    patron_lean: dict[str | None, float] = {}
    blocs: dict[str | None, list[float]] = {}
    for seat in state.cc:
        blocs.setdefault(seat.patron, []).append(seat.lean)
    named = [ld.id for ld in state.leaders.values() if ld.in_cc and ld.active]
    ev = _case_evidence(state, m) if m.kind == "sanction" else 0.0
    victim_ld = state.leaders[victim] if victim else None
    yes = 0.0
    breakdown = []
    for patron, leans in sorted(blocs.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        if patron is not None and state.leaders[patron].active:
            if patron not in patron_lean:
                patron_lean[patron] = lean_total(state, patron, m, power)
            follow = c["patron_follow"] if patron_lean[patron] > 0 else 1 - c["patron_follow"]
            bloc_yes = follow * len(leans)
        else:
            bloc_yes = 0.0
            for seat_lean in leans:
                p = 0.5
                if victim_ld is not None:
                    p += c["ideology"] * (abs(seat_lean - victim_ld.econ) - 0.4)
                    p -= c["prestige"] * (victim_ld.prestige - 40)
                if m.kind == "sanction":
                    p += c["evidence"] * (ev - 0.3)
                if _testament_motion(state, m):
                    p += c["testament"]
                bloc_yes += clip(p, 0.05, 0.95)
        yes += bloc_yes
        breakdown.append((patron or "", round(bloc_yes), len(leans) - round(bloc_yes)))
    named_yes = sum(1 for lid in named if lean_total(state, lid, m, power) > 0)
    yes += named_yes
    breakdown.append(("named members", named_yes, len(named) - named_yes))
    total = len(state.cc) + len(named)
    yes += (draw(state, f"{state.quarter}:cc:{m.id}") - 0.5) * 0.06 * total
    yes_i = int(round(clip(yes, 0, total)))
    return yes_i > threshold * total, yes_i, total - yes_i, breakdown
