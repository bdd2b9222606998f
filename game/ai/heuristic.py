"""A personality-weighted heuristic AI.

It proposes a shortlist of actions a leader in this position would consider, scores each by
the immediate consequences its leader can see (whip counts before tabling a motion, evidence
before an accusation, the size of a region before an appointment), weighs them by personality,
and plays the best one if it is worth an action point. Every action it plays is checked against
the same rules as a human's. Its own random stream never touches the game's.
"""

from __future__ import annotations

from dataclasses import replace

from .. import actions as A
from ..model import AXES, GameState, Motion
from ..rng import derive, next_float
from ..rules import accusations, engine, knowledge, pacts
from ..rules.common import contenders, distance_to_line, distance_to_mood, pact_strength, voters
from ..rules.power import power_table
from ..rules.votes import lean_total

DIFFICULTY_NOISE = {"easy": 6.0, "normal": 1.5, "hard": 0.5}


def whip(state: GameState, motion: Motion, power: dict[str, float]) -> tuple[int, int]:
    yes = sum(1 for v in voters(state) if lean_total(state, v, motion, power) > 0)
    return yes, len(voters(state)) - yes


def _probe(state: GameState, kind: str, sponsor: str, **kw) -> Motion:
    return Motion(-1, kind, sponsor, **kw)


def candidates(state: GameState, me: str, difficulty: str = "normal") -> list[tuple[float, A.Action]]:
    """Scored candidate actions for `me` (the score is the AI's estimate of the gain).
    `state` should be the leader's own view (knowledge.view): the AI reckons with what he knows."""
    p = state.world.leaders[me].personality
    if difficulty == "easy":  # forgiving: slow to strike and loyal to old allies
        p = replace(p, ruthlessness=p.ruthlessness * 0.4, loyalty=min(1.0, p.loyalty + 0.4))
    ld = state.leaders[me]
    power = power_table(state)
    total_power = sum(power.values()) or 1.0
    my_share = power.get(me, 0.0) / total_power
    rivals = [c for c in contenders(state) if c != me and state.leaders[c].active]
    hostile = sorted(rivals, key=lambda c: (state.trust_of(me, c) - power.get(c, 0) / total_power, c))
    out: list[tuple[float, A.Action]] = []
    total_members = sum(r.total for r in state.regions.values()) or 1

    if not ld.active:
        out.append((3.0 * p.caution + 1.0 - p.pride, A.Recant(me)))
        return out

    # The apparatus: appointments and enrolment (the General Secretary's road).
    if state.offices.get("general_secretary") == me:
        for r in sorted(state.regions.values(), key=lambda r: r.id):
            if r.patron == me:
                continue
            weight = r.total / total_members * 100
            gain = weight * (1.0 - r.loyalty.get(me, 0.0)) * (0.6 + p.ambition)
            if r.protected_by and r.protected_by != me and state.in_politburo(r.protected_by):
                yes, no = whip(state, _probe(state, "replace_secretary", me, region=r.id), power)
                gain = gain * 1.3 if yes > no else -1.0
            out.append((gain, A.Appoint(me, r.id, None)))
        out.append((6.0 * p.ambition, A.LaunchEnrolment(me)))

    # Accusations: only with the votes in hand, more readily by the ruthless.
    danger_to_me = sum(1 for c in state.cases if c.target == me)
    for rival in hostile[:3]:
        if state.trust_of(me, rival) > 0.2 or pact_strength(state, me, rival) > 0:
            continue
        charges = sorted(accusations.CHARGES, key=lambda ch: -accusations.evidence(state, rival, ch)[0])
        charge = charges[0]
        ev, _ = accusations.evidence(state, rival, charge)
        rung = accusations.next_rung(state, rival, ev)
        motion = _probe(state, "sanction", me, target=rival, value=float(rung))
        yes = sum(1 for v in voters(state) if lean_total(state, v, motion, power, case_evidence=ev) > 0)
        no = len(voters(state)) - yes
        threat = power.get(rival, 0.0) / total_power
        score = (threat * 40 + ev * 10) * (0.3 + p.ruthlessness) if yes > no else -5.0 * p.caution
        out.append((score, A.Accuse(me, rival, charge)))

    # Motions: take offices from rivals, give them to oneself or clients, move the line.
    if state.in_politburo(me):
        for office, holder in sorted(state.offices.items()):
            if holder in hostile[:2] and state.trust_of(me, holder) < -0.2:
                motion = _probe(state, "remove_office", me, target=holder, office=office)
                yes, no = whip(state, motion, power)
                if yes > no:
                    weight = state.world.offices[office].weight
                    out.append((weight * (0.4 + p.ambition) * (0.5 + p.ruthlessness) * 0.6,
                                A.TableMotion(me, "remove_office", target=holder, office=office)))
        for axis in AXES:
            mine, line = getattr(ld, axis), state.line[axis]
            if abs(mine - line) > 0.45:
                direction = 1 if mine > line else -1
                motion = _probe(state, "adopt_line", me, axis=axis, value=max(-1, min(1, line + 0.3 * direction)))
                yes, no = whip(state, motion, power)
                if yes > no:
                    out.append((abs(mine - line) * 12 * (0.5 + p.rigidity),
                                A.TableMotion(me, "adopt_line", axis=axis, direction=direction)))
        clients = [lid for lid, x in state.leaders.items() if x.patron == me and x.active and x.in_cc
                   and lid not in state.politburo_full]
        for client in sorted(clients)[:2]:
            motion = _probe(state, "promote", me, target=client)
            yes, no = whip(state, motion, power)
            if yes > no:
                out.append((6.0 * p.ambition, A.TableMotion(me, "promote", target=client)))

    # The balance of power: once the common enemy is beaten, an ally who leads is the next danger
    # (Zinoviev and Kamenev broke with Stalin in 1925, after Trotsky's defeat).
    leader_now = max(power, key=lambda k: (power[k], k)) if power else None
    for pact in state.pacts_of(me):
        for other in pact.members:
            if other != me and other == leader_now:
                outside = [power.get(c, 0.0) for c in rivals if c not in pact.members]
                threat_gone = max(outside, default=0.0) < 0.6 * power[other]
                if threat_gone and power[other] > 1.2 * max(1.0, power.get(me, 0)):
                    ratio = power[other] / max(1.0, power.get(me, 0))
                    out.append(((min(ratio, 4.0) - 1.0) * 6 * p.ambition * (1.2 - p.loyalty), A.BreakPact(me, pact.id)))
    if difficulty == "easy":
        out = [(s, a) for s, a in out if not isinstance(a, A.BreakPact)]
    if leader_now and leader_now != me and leader_now in rivals and state.in_politburo(me):
        for office in ("general_secretary", "sovnarkom_chair", "war_commissar"):
            if state.offices.get(office) == leader_now and pact_strength(state, me, leader_now) == 0:
                motion = _probe(state, "remove_office", me, target=leader_now, office=office)
                yes, no = whip(state, motion, power)
                if yes > no:
                    out.append((state.world.offices[office].weight * (0.5 + p.ambition),
                                A.TableMotion(me, "remove_office", target=leader_now, office=office)))

    # Pacts: against the strongest rival, with whoever fears him too.
    if len(state.pacts_of(me)) < 2 and rivals:
        strongest = max(rivals, key=lambda c: (power.get(c, 0.0), c))
        for partner in sorted(state.politburo_full + rivals):
            if partner in (me, strongest) or not state.leaders[partner].active or pact_strength(state, me, partner):
                continue
            score, _ = pacts.acceptance(state, partner, me, power)
            if score > 0.1 and state.trust_of(partner, strongest) < 0.2:
                gain = 5.0 * p.pacts * (1 + power.get(strongest, 0.0) / total_power - my_share)
                out.append((gain, A.ProposePact(me, partner, True)))

    # Ideas: publish where the party can be moved toward you; shift when your line endangers you.
    for axis in AXES:
        gap = abs(getattr(ld, axis) - getattr(state.mood, axis))
        risky = abs(getattr(ld, axis) - state.line[axis]) > 0.35 and any(
            power.get(c, 0) > power.get(me, 0) for c in hostile[:1])
        out.append((gap * 8 * p.publishing - (6 * p.caution if risky else 0), A.Publish(me, axis)))
    if distance_to_line(state, me) > 0.3 and (danger_to_me or ld.sanction):
        axis = max(AXES, key=lambda ax: abs(getattr(ld, ax) - state.line[ax]))
        direction = 1 if state.line[axis] > getattr(ld, axis) else -1
        out.append((5 * p.caution * (1.5 if state.world.has_trait(me, "grey") else 1.0) - 4 * p.rigidity,
                    A.ShiftLine(me, axis, direction)))

    # The rank and file, and the colleagues who decide votes.
    if state.leaders[me].prestige > 30:
        # Tour where one already has a following and the hall is not closed by a rival machine.
        best = max(state.regions.values(), key=lambda r: (
            r.total * (1 - r.loyalty.get(me, 0)) * (0.5 if r.protected_by not in (None, me) else 1.0)
            * (0.5 + r.loyalty.get(me, 0) * 3), r.id))
        orator = 1.5 if state.world.has_trait(me, "orator") else 1.0
        out.append((best.total / total_members * 25 * orator * (1 - p.caution * 0.5) * (1 - distance_to_mood(state, me)),
                    A.Campaign(me, best.id)))
    if ld.patronage > 8:
        swing = [v for v in voters(state) if v != me and -0.1 < state.trust_of(v, me) < 0.4
                 and state.leaders[v].patron != me]
        for v in sorted(swing)[:2]:
            out.append((3.0 + 2 * p.pacts, A.Canvass(me, v)))
    for rival in hostile[:2]:
        if state.offices.get("ogpu_chair") and state.trust_of(me, rival) < 0:
            out.append((2.5 * p.ruthlessness, A.Investigate(me, rival)))

    # Save one's skin.
    if danger_to_me:
        case = next(c for c in state.cases if c.target == me)
        motion = next((m for m in state.motions if m.case == case.id), None)
        if motion is not None:
            yes, no = whip(state, motion, power)
            if yes > no and int(motion.value) >= 3:
                out.append((12 * p.caution + 4 - 8 * p.pride, A.Recant(me)))
    return out


def ranked(state: GameState, me: str, difficulty: str = "normal") -> list[tuple[float, A.Action]]:
    """Candidate actions worth an action point, best first, each legal in `state`.
    The leader reckons on his own view of the board; legality is checked on the real one."""
    seen = knowledge.view(state, me)
    noise = DIFFICULTY_NOISE.get(difficulty, 1.5)
    stream = derive(state.seed, "ai", me, state.turn, state.leaders[me].ap, state.next_id)
    scored = []
    for score, action in candidates(seen, me, difficulty):
        stream, u = next_float(stream)
        score += noise * (u - 0.5)
        if score > 1.0:
            scored.append((score, action))
    scored.sort(key=lambda t: -t[0])  # stable: ties keep the candidates' order
    return [(score, action) for score, action in scored if engine.check(state, action) is None]


def choose(state: GameState, me: str, difficulty: str = "normal") -> A.Action:
    """The AI's next action for `me`: an answer to a pending question, its best move, or EndTurn."""
    if state.pending and state.pending[0].leader == me:
        d = state.pending[0]
        return A.Decide(me, d.id, d.default)
    if difficulty == "hard":
        from .lookahead import choose as look_ahead

        return look_ahead(state, me)
    best = ranked(state, me, difficulty)
    return best[0][1] if best else A.EndTurn(me)
