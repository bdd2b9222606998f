"""A personality-weighted heuristic AI.

It proposes a shortlist of actions a leader in this position would consider, scores each by
the immediate consequences its leader can see (whip counts before tabling a motion, evidence
before an accusation, the size of a region before an appointment), weighs them by personality,
and plays the best one if it is worth an action point. Every action it plays is checked against
the same rules as a human's. Its own random stream never touches the game's.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from .. import actions as A
from ..model import ACTIVE_STATUSES, AXES, LADDER, GameState, Motion, Personality
from ..rng import derive, floats
from ..rules import accusations, engine, ideology, influence, knowledge, motions, pacts
from ..rules.common import (
    contenders,
    distance_to_line,
    distance_to_mood,
    pact_strength,
    unclaimed_politburo_seats,
    voters,
)
from ..rules.power import power_table
from ..rules.votes import BLOWS, Whip, cc_carries, persecution
from . import lists

DIFFICULTY_NOISE = {"easy": 6.0, "normal": 1.5, "hard": 0.5}


@lru_cache(maxsize=4096, typed=True)
def _probe(kind: str, sponsor: str, **kw) -> Motion:
    """A motion not on the agenda, to take its whip count. Motions are immutable, and the same
    probes come back decision after decision: each is made once."""
    return Motion(-1, kind, sponsor, **kw)


@lru_cache(maxsize=8192, typed=True)
def _act(cls: type[A.Action], *args, **kw) -> A.Action:
    """A candidate action. Actions are immutable, and the same few come back decision after
    decision: each is made once."""
    return cls(*args, **kw)


# A gate is a whip count still to be taken: (passes on this board?, the score if it fails or None
# to drop it). `ranked` takes it only when the candidate could still win, so most are never
# counted; it takes the board it is counted on, so a plan kept for later in the turn counts it
# on the board as it stands then.
GateTest = Callable[[Whip], "bool | None"]  # None: not to be played at all (`_striking`)
Gate = tuple[GateTest, float | None] | None
Candidate = tuple[float, A.Action, Gate]


def carried(whip: Whip, motion: Motion, ev: float | None = None, fresh: float | None = None) -> bool:
    """Would the motion be carried: a Politburo majority, and where the CC must ratify it, the
    plenum's expected vote (`cc_count`, before the hall's draw, which nobody knows beforehand) above
    its threshold. A charge the Politburo passes and the plenum throws out costs its sponsor dear."""
    if not whip.passes(motion, ev, fresh):
        return False
    threshold = motions.needs_cc(whip.state, motion)
    if threshold is None:
        return True
    return cc_carries(whip.state, motion, threshold, whip, ev, fresh)


def _passes(motion: Motion, ev: float | None = None) -> Callable[[Whip], bool]:
    return lambda whip: carried(whip, motion, ev)


def _passes_probe(kind: str, sponsor: str, ev: float | None = None, fresh: float | None = None,
                  **kw) -> Callable[[Whip], bool]:
    """The whip count of a motion not yet tabled; the probe motion is made only if it is taken."""
    return lambda whip: carried(whip, _probe(kind, sponsor, **kw), ev, fresh)


def _worse_enemy_standing(leader: str, rivals: list[str], power: dict[str, float],
                          trust_in: dict[str, float], share: float) -> bool:
    """Is a rival I distrust, and trust less than the leading man, still a real force (`share`,
    ai.worse_enemy_share, of the leader's power)? Then I do not strike at the leader: he is the
    shield against the worse enemy. The Right stood by Stalin while the Left was a danger
    (1925-27) and turned on him once it was beaten (1928); Zinoviev and Kamenev turned on him
    once Trotsky was down (1925)."""
    bar = share * power.get(leader, 0.0)
    worse = min(trust_in[leader], 0.0)  # an enemy: distrusted, and more than the leader
    return any(power.get(c, 0.0) >= bar for c in rivals if c != leader and trust_in[c] < worse)


def _evidence(state: GameState, rival: str, known: dict[str, dict[str, float]] | None) -> dict[str, float]:
    """`accusations.evidence_values` of `rival`, read once per board: `known` keeps them for the
    caller's board (None: nothing kept)."""
    if known is None:
        return accusations.evidence_values(state, rival)
    values = known.get(rival)
    if values is None:
        values = known[rival] = accusations.evidence_values(state, rival)
    return values


def _too_soon(state: GameState, rival: str, caution: float,
              known: dict[str, dict[str, float]] | None = None) -> bool:
    """One slice at a time: a man strikes at a rival in one way at a time, never while a case or a
    hostile motion against him is before the Politburo; and a cautious man lets a blow settle
    before the next, ai.patience x his caution quarters (between Trotsky's first condemnation, by
    the 13th Conference in January 1924, and the loss of the army in January 1925 a year passed;
    between that and the Politburo, nearly two), unless the rival has given a new occasion:
    evidence of vote.persecution_below not yet judged on some charge. A blow is a sanction, or a
    post or a Politburo seat taken by a motion (the `sanctioned:` and `struck:` flags)."""
    if any(c.target == rival for c in state.cases) or any(
            m.target == rival and m.kind in BLOWS for m in state.motions):
        return True
    flags = state.flags
    last = max(flags.get(f"sanctioned:{rival}", -99), flags.get(f"struck:{rival}", -99))
    if state.turn - last >= state.world.balance["ai"]["patience"] * caution:
        return False
    # A new offence is its own occasion: the blow need not wait for the last one to settle (the
    # Bukharin-Kamenev talks, revealed in January 1929, brought the censure of February).
    occasion = state.world.balance["ai"]["occasion"]
    for charge, ev in _evidence(state, rival, known).items():
        new = accusations.new_since_blow(state, rival, charge, ev)
        if new is not None and new >= occasion:
            return False
    return True


def _striking(state: GameState, me: str, rival: str, caution: float, power: dict[str, float],
              known: dict[str, dict[str, float]] | None = None) -> Callable[[GateTest], GateTest] | None:
    """How `me` may strike at `rival` now: None if it is too soon (`_too_soon`), else what to make
    of the blow's gate test. A rival as strong as oneself (ai.urgent_share of one's power) is a
    threat and gets no respite: the test as it is. Otherwise the test asks again on the board as
    it stands when the whip count is taken, since a plan kept through the turn (`_planned`) may
    hold two blows at the same man: once the first is struck, the second answers None, which
    drops it (it is not scored as a failed count)."""
    if power.get(rival, 0.0) >= state.world.balance["ai"]["urgent_share"] * power.get(me, 0.0):
        return lambda test: test
    if _too_soon(state, rival, caution, known):
        return None
    return lambda test: lambda whip: None if _too_soon(whip.state, rival, caution) else test(whip)


STRUCK = LADDER.index("loss_of_posts")


def candidates(state: GameState, me: str, difficulty: str = "normal",
               power: dict[str, float] | None = None) -> list[Candidate]:
    """Scored candidate actions for `me`: (score if its whip count passes, action, gate).
    `state` should be the leader's own view (knowledge.view): the AI reckons with what he knows;
    `power` is its power table, if the caller has it already."""
    p = state.world.leaders[me].personality
    w = state.world.balance["ai_scores"]  # the weights of the options' scores, from data
    if difficulty == "easy":  # forgiving: slow to strike and loyal to old allies
        p = replace(p, ruthlessness=p.ruthlessness * w["easy_ruthlessness"], loyalty=min(1.0, p.loyalty + w["easy_loyalty"]))
    ld = state.leaders[me]
    if not ld.active:  # before the board is read: a man outside the party can only recant
        # Once is enough: readmission needs a recantation since his last sanction, not another one
        # each quarter (each costs prestige). Pride weighs double: Kamenev and Zinoviev capitulated
        # in 1927-28, Trotsky never did.
        if ld.recanted_turn >= state.flags.get(f"sanctioned:{me}", -99):
            return []
        return [(w["readmission_caution"] * p.caution + w["readmission_base"] - w["readmission_pride"] * p.pride,
                 _act(A.Recant, me), None)]
    if power is None:
        power = power_table(state)
    total_power = sum(power.values()) or 1.0
    my_share = power.get(me, 0.0) / total_power
    leaders = state.leaders
    rivals = [c for c in contenders(state) if c != me and leaders[c].status in ACTIVE_STATUSES]  # Leader.active
    index, item = state.index, state.trust.item
    mine_row = index[me]  # my trust in each rival, read once (trust_of), by item: a row's tolist costs more
    trust_in = {c: item(mine_row, index[c]) for c in rivals}
    hostile = sorted(rivals, key=lambda c: (trust_in[c] - power.get(c, 0) / total_power, c))
    out: list[Candidate] = []
    total_members = sum([r.members + r.candidates for r in state.regions.values()]) or 1  # Region.total

    # The apparatus: appointments and enrolment (the General Secretary's road).
    if state.offices.get("general_secretary") == me:
        for r in sorted(state.regions.values(), key=lambda r: r.id):
            if r.patron == me:
                continue
            weight = r.total / total_members * 100
            gain = weight * (1.0 - r.loyalty.get(me, 0.0)) * (w["appoint_ambition"] + p.ambition)
            if r.protected_by and r.protected_by != me and state.in_politburo(r.protected_by):
                out.append((gain * w["appoint_machine"], _act(A.Appoint, me, r.id, None),
                            (_passes_probe("replace_secretary", me, region=r.id), -w["appoint_machine_refused"])))
            else:
                out.append((gain, _act(A.Appoint, me, r.id, None), None))
        out.append((w["enrolment"] * p.ambition, _act(A.LaunchEnrolment, me), None))

    # Accusations: only with the votes in hand, more readily by the ruthless, and with a pretext:
    # a rival's threat counts in full only once the case would count for the charge in a vote
    # (a charge with no evidence at all is a quarrel, not a case).
    danger_to_me = sum(1 for c in state.cases if c.target == me)
    case_ready = state.world.balance["vote"]["evidence_from"]
    leader_now = max(power, key=lambda k: (power[k], k)) if power else None
    # Asked once for every way of striking at him: a charge, his offices, the leader's posts.
    ai = state.world.balance["ai"]
    spare_leader = leader_now in trust_in and _worse_enemy_standing(leader_now, rivals, power, trust_in,
                                                                    ai["worse_enemy_share"])
    # How to strike at each rival (`_striking`) and the evidence against him, worked out once for
    # every way of striking at him on this board: a charge, then his offices.
    known: dict[str, dict[str, float]] = {}
    strikes: dict[str, Callable[[GateTest], GateTest] | None] = {}
    for rival in hostile[:3]:
        if trust_in[rival] > w["accuse_trust_limit"] or pact_strength(state, me, rival) > 0:
            continue
        if rival == leader_now and spare_leader:
            continue
        strike = strikes[rival] = _striking(state, me, rival, p.caution, power, known)
        if strike is None:
            continue
        charge, ev, fresh, rung = _strongest_case(state, rival, known)
        threat = power.get(rival, 0.0) / total_power * min(1.0, ev / case_ready)
        out.append(((threat * w["accuse_threat"] + ev * w["accuse_evidence"]) * (w["accuse_ruthlessness"] + p.ruthlessness),
                    _act(A.Accuse, me, rival, charge),
                    (strike(_passes_probe("sanction", me, ev, fresh, target=rival, value=float(rung))),
                     -w["accuse_refused_caution"] * p.caution)))

    # Motions: take offices from rivals, give them to oneself or clients, move the line.
    seated = state.in_politburo(me)
    if seated:
        foes = hostile[:2]
        for office, holder in sorted([(o, h) for o, h in state.offices.items() if h in foes]):
            if trust_in[holder] < w["remove_office_trust"] and not (holder == leader_now and spare_leader):
                strike = strikes[holder] if holder in strikes else _striking(state, me, holder, p.caution, power, known)
                if strike is None:
                    continue
                weight = state.world.offices[office].weight
                out.append((weight * (w["remove_office_ambition"] + p.ambition)
                            * (w["remove_office_ruthlessness"] + p.ruthlessness) * w["remove_office"],
                            _act(A.TableMotion, me, "remove_office", target=holder, office=office),
                            (strike(_passes_probe("remove_office", me, target=holder, office=office)), None)))
        gap, step = ai["line_motion_gap"], motions.line_step(state)
        for axis in AXES:
            mine, line = getattr(ld, axis), state.line[axis]
            if abs(mine - line) > gap:
                direction = 1 if mine > line else -1
                out.append((abs(mine - line) * w["line_motion"] * (w["line_motion_rigidity"] + p.rigidity),
                            _act(A.TableMotion, me, "adopt_line", axis=axis, direction=direction),
                            (_passes_probe("adopt_line", me, axis=axis,
                                           value=max(-1, min(1, line + step * direction))), None)))
        clients = [lid for lid, x in leaders.items() if x.patron == me and x.status in ACTIVE_STATUSES and x.in_cc
                   and lid not in state.politburo_full]
        # Candidates of the Politburo first (a full seat falls vacant more often than the CC adds
        # candidates), then the men of most standing: the General Secretary filled the Politburo with
        # allies of weight (Voroshilov in 1926, Kuibyshev in 1927), not his youngest secretaries
        # (Kirov and Kaganovich waited until 1930).
        # Only men a seat stands empty for: a candidate needs a free full seat, anyone else a
        # free candidate seat (otherwise two unplaceable favourites would hide a placeable third).
        candidates_now = state.politburo_candidates
        free_full, free_candidate = unclaimed_politburo_seats(state)
        clients = [c for c in clients if (free_full if c in candidates_now else free_candidate) > 0]
        for client in sorted(clients, key=lambda c: (c not in candidates_now, -leaders[c].prestige, c))[:2]:
            out.append((w["promote"] * p.ambition, _act(A.TableMotion, me, "promote", target=client),
                        (_passes_probe("promote", me, target=client), None)))

    # Lists for the CC: the apparatus's way of reshaping the Politburo.
    listed = lists.candidate(state, me, p, power)
    if listed is not None:
        out.append((listed[0], listed[1], None))

    # The balance of power: once the common enemy is beaten, an ally who leads is the next danger
    # (Zinoviev and Kamenev broke with Stalin in 1925, after Trotsky's defeat).
    my_pacts = state.pacts_of(me)
    for pact in my_pacts:
        for other in pact.members:
            if other != me and other == leader_now:
                # The common enemy is beaten once nobody outside the pact is a real force, and no
                # enemy outside it is still unbroken: a man one distrusts who has not yet been
                # stripped of his posts keeps his name and his followers (the troika held until
                # Trotsky lost the army in January 1925).
                threat_gone = all(
                    power.get(c, 0.0) < power[other] * (
                        ai["unbroken_share"] if trust_in[c] < 0 and leaders[c].sanction < STRUCK
                        else ai["worse_enemy_share"])
                    for c in rivals if c not in pact.members)
                if threat_gone and power[other] > w["break_pact_lead"] * max(1.0, power.get(me, 0)):
                    ratio = power[other] / max(1.0, power.get(me, 0))
                    out.append(((min(ratio, w["break_pact_ratio_cap"]) - 1.0) * w["break_pact"] * p.ambition
                                * (w["break_pact_loyalty"] - p.loyalty), _act(A.BreakPact, me, pact.id), None))
    if difficulty == "easy":
        out = [c for c in out if not isinstance(c[1], A.BreakPact)]
    if leader_now and leader_now != me and leader_now in rivals and seated and not spare_leader:
        for office in ("general_secretary", "sovnarkom_chair", "war_commissar"):
            if state.offices.get(office) == leader_now and pact_strength(state, me, leader_now) == 0:
                out.append((state.world.offices[office].weight * (w["leader_office_ambition"] + p.ambition),
                            _act(A.TableMotion, me, "remove_office", target=leader_now, office=office),
                            (_passes_probe("remove_office", me, target=leader_now, office=office), None)))

    # Pacts: against the strongest rival, with whoever fears him too.
    if len(my_pacts) < 2 and rivals:
        strongest = max(rivals, key=lambda c: (power.get(c, 0.0), c))
        ranking = pacts.by_power(power)
        bound = {other for pact in my_pacts if pact.strength > 0 for other in pact.members}  # pact_strength > 0
        willing: dict[str, bool] = {}  # a rival who also sits in the Politburo comes twice: weigh him once
        for partner in sorted(state.politburo_full + rivals):
            if partner in (me, strongest) or leaders[partner].status not in ACTIVE_STATUSES or partner in bound:
                continue
            ok = willing.get(partner)
            if ok is None:  # the cheap test first: a partner who trusts the strongest man is never asked
                ok = willing[partner] = state.trust_of(partner, strongest) < w["pact_partner_trust"] and (
                    pacts.acceptance_score(state, partner, me, power, ranking) > w["pact_partner_acceptance"])
            if ok:
                gain = w["pact"] * p.pacts * (1 + power.get(strongest, 0.0) / total_power - my_share)
                out.append((gain, _act(A.ProposePact, me, partner, True), None))

    # Ideas: publish where the party can be moved toward you; shift when your line endangers you.
    outgunned = any(power.get(c, 0) > power.get(me, 0) for c in hostile[:1])  # by my worst enemy
    tolerance = state.world.balance["accusation"]["deviation_tolerance"]
    publish, risky_gap, risky_caution, by_rung = (w["publish"], w["publish_risky_gap"], w["publish_risky_caution"],
                                                  w["publish_sanction"])
    for axis in AXES:
        gap = abs(getattr(ld, axis) - getattr(state.mood, axis))
        off_line = abs(getattr(ld, axis) - state.line[axis])
        risky = off_line > risky_gap and outgunned
        # A platform against the line (beyond the deviation tolerance) is fresh evidence for the
        # next rung of a man already sanctioned: the further up the ladder, the quieter he keeps
        # (Trotsky in 1925).
        evidence = by_rung * ld.sanction if off_line > tolerance else 0
        out.append((gap * publish * p.publishing - ((risky_caution * p.caution + evidence) if risky else 0),
                    _act(A.Publish, me, axis), None))
    turn = _turn(state, me, p, rivals, power, leader_now if spare_leader else None)
    if turn is not None:
        out.append(turn)
    if distance_to_line(state, me) > w["align_distance"] and (danger_to_me or ld.sanction):
        axis = max(AXES, key=lambda ax: abs(getattr(ld, ax) - state.line[ax]))
        direction = 1 if state.line[axis] > getattr(ld, axis) else -1
        out.append((w["align_caution"] * p.caution * (w["align_grey"] if state.world.has_trait(me, "grey") else 1.0)
                    - w["align_rigidity"] * p.rigidity,
                    _act(A.ShiftLine, me, axis, direction), None))

    # The rank and file, and the colleagues who decide votes.
    if ld.prestige > w["campaign_prestige"]:
        # Tour where one already has a following and the hall is not closed by a rival machine.
        best, best_key = None, None
        fresh = influence.tour_freshness_all(state, me)
        closed, following_base, following = (w["campaign_closed_hall"], w["campaign_following_base"],
                                              w["campaign_following"])
        for r in state.regions.values():  # max by the key, the first of equals, without a lambda a region
            mine = r.loyalty.get(me, 0)
            key = ((r.members + r.candidates) * (1 - mine) * (closed if r.protected_by not in (None, me) else 1.0)
                   * (following_base + mine * following) * fresh[r.id], r.id)  # r.total
            if best is None or key > best_key:
                best, best_key = r, key
        orator = w["campaign_orator"] if state.world.has_trait(me, "orator") else 1.0
        out.append((best.total / total_members * w["campaign"] * orator * (1 - p.caution * w["campaign_caution"])
                    * (1 - distance_to_mood(state, me))
                    * fresh[best.id],
                    _act(A.Campaign, me, best.id), None))
    if ld.patronage > w["canvass_patronage"]:
        swing = [v for v in voters(state) if v != me and w["canvass_trust_from"] < state.trust_of(v, me) < w["canvass_trust_to"]
                 and state.leaders[v].patron != me]
        for v in sorted(swing)[:2]:  # worth less where the favour buys less (a man of the other line)
            out.append(((w["canvass"] + w["canvass_pacts"] * p.pacts) * influence.suspicion(state, me, v),
                        _act(A.Canvass, me, v), None))
    for rival in hostile[:2]:
        if state.offices.get("ogpu_chair") and trust_in[rival] < 0:
            out.append((w["investigate"] * p.ruthlessness, _act(A.Investigate, me, rival), None))

    # Save one's skin.
    if danger_to_me:
        case = next(c for c in state.cases if c.target == me)
        motion = next((m for m in state.motions if m.case == case.id), None)
        if motion is not None and int(motion.value) >= w["recant_from_rung"]:
            # Pride weighs heavier than caution (Trotsky never recanted; Zinoviev and Kamenev did
            # once expelled; Bukharin, Rykov and Tomsky in November 1929).
            out.append((w["recant_caution"] * p.caution + w["recant_base"] - w["recant_pride"] * p.pride,
                        _act(A.Recant, me), (_passes(motion), None)))
    return out


def _turn(state: GameState, me: str, p: Personality, rivals: list[str], power: dict[str, float],
          spared: str | None) -> Candidate | None:
    """The turn: a flexible man takes up the other side of the economic question to break with his
    strongest rival, once a crisis opens the question and the men who stood on that side are beaten.
    Stalin, Bukharin's ally on NEP for four years, took the beaten Left's programme of
    industrialisation in 1928, with the grain crisis for occasion; the Right's defence of NEP then
    set them against the line, and against him. A step of his own view (ShiftLine) at a time, until
    he stands ai.turn_distance from the rival; his adopt_line motions then carry the party after him.
    `spared`: the leader, while a worse enemy stands (`_worse_enemy_standing`)."""
    ai = state.world.balance["ai"]
    crisis = state.economy.crisis
    if p.rigidity >= ai["turn_rigidity"] or crisis < ai["turn_occasion"] or not rivals:
        return None
    rival = max(rivals, key=lambda c: (power.get(c, 0.0), c))
    if rival == spared:
        return None
    mine, theirs = state.leaders[me].econ, state.leaders[rival].econ
    if abs(mine - theirs) >= ai["turn_distance"]:
        return None
    direction = 1 if mine >= theirs else -1
    if ideology.check_shift(state, me, "econ", direction) is not None:
        return None  # at the end of the axis already
    # The men who already stand where he would go must be beaten, or he would only lend them his name.
    beaten = ai["turn_beaten_share"] * power.get(me, 0.0)
    leaders = state.leaders
    if any(power.get(c, 0.0) >= beaten for c in rivals if (leaders[c].econ - mine) * direction > 0.1):
        return None
    grey = 1.0 if state.world.has_trait(me, "grey") else 0.5  # a visible man's turn costs him credibility
    score = (ai["turn_weight"] * p.ambition * (1.0 - p.rigidity) * grey
             * min(2.0, crisis / ai["turn_occasion"]))
    return score, _act(A.ShiftLine, me, "econ", direction), None


def _strongest_charge(state: GameState, rival: str) -> tuple[str, float, float | None]:
    """The first of the strongest charges against `rival`, with its evidence and the fresh part
    of it (None for a man never judged): strongest as a vote weighs it, the evidence term plus the
    persecution term (for a man never judged, simply the strongest evidence)."""
    return _strongest_case(state, rival)[:3]


def _strongest_case(state: GameState, rival: str,
                    known: dict[str, dict[str, float]] | None = None) -> tuple[str, float, float | None, int]:
    """`_strongest_charge` and the rung its case would ask for (`accusations.next_rung` of its
    evidence), which the weighing has mostly worked out already."""
    balance = state.world.balance
    w = balance["vote"]["evidence"]
    best, strongest, best_ev, best_fresh = "", 0.0, 0.0, None
    rungs: dict[bool, int] = {}  # the next rung depends on the evidence only through the jump
    jump = balance["accusation"]["jump_evidence"]
    for charge, ev in _evidence(state, rival, known).items():
        if best and w * ev <= strongest:
            continue  # the persecution term only subtracts: this charge cannot weigh more
        fresh = accusations.fresh_evidence(state, rival, charge, ev)
        weight = w * ev
        if fresh is not None:  # never judged: no persecution term, so no rung to work out
            high = ev >= jump
            if high not in rungs:
                rungs[high] = accusations.next_rung(state, rival, ev)
            weight += persecution(state, rival, fresh, rungs[high])
        if not best or weight > strongest:
            best, strongest, best_ev, best_fresh = charge, weight, ev, fresh
    rung = rungs.get(best_ev >= jump)
    if rung is None:
        rung = accusations.next_rung(state, rival, best_ev)
    return best, best_ev, best_fresh, rung


@lru_cache(maxsize=4096)
def _ai_seed(seed: int, me: str, turn: int) -> int:
    """derive(seed, "ai", me, turn): folding the rest on top gives derive(seed, "ai", me, turn, ...)
    itself, so each leader's stream root is hashed once a quarter instead of once per decision."""
    return derive(seed, "ai", me, turn)


Heap = list[tuple[float, int, float, A.Action, Gate]]

# The moves after which a leader keeps to the plan he made at the start of his turn: their effects
# on the board are small, or wait for the session. After any other move (a pact, a list, a
# recantation, an investigation, a change of line) he weighs his options again.
KEEPS_PLAN = (A.Campaign, A.Publish, A.Canvass, A.Appoint, A.LaunchEnrolment, A.Accuse, A.TableMotion)


def _options(state: GameState, seen: GameState, me: str, difficulty: str, power: dict[str, float] | None) -> Heap:
    """Every candidate as a heap entry, best first: (-(score + jitter), order, jitter, action, gate)."""
    noise = DIFFICULTY_NOISE.get(difficulty, 1.5)
    stream = derive(_ai_seed(state.seed, me, state.turn), state.leaders[me].ap, state.next_id)
    options = candidates(seen, me, difficulty, power)
    _, draws = floats(stream, len(options))
    jitters = [noise * (u - 0.5) for u in draws]
    heap: Heap = [(-(score + jitter), i, jitter, action, gate)
                  for i, ((score, action, gate), jitter) in enumerate(zip(options, jitters, strict=True))]
    heapq.heapify(heap)
    return heap


def _work_down(state: GameState, me: str, heap: Heap, board: Callable[[], Whip],
               limit: int | None) -> list[tuple[float, A.Action]]:
    """Pop the heap down to the best `limit` legal candidates worth an action point (the heap keeps
    the rest). A gated candidate is counted on `board()` only when it reaches the top, and only if
    it is legal: its score if it passes is an upper bound, so the order is the same as counting all."""
    out: list[tuple[float, A.Action]] = []
    legal: set[int] = set()  # candidates already checked against the real board
    # Whose move it is is the same for every candidate: asked once, then only each move's own tests.
    check = engine.check_move if engine.check(state, _act(A.EndTurn, me)) is None else engine.check
    whip: Whip | None = None
    while heap:
        neg, i, jitter, action, gate = heap[0]
        if -neg <= 1.0:
            break  # nothing left is worth an action point
        heapq.heappop(heap)
        if i not in legal:
            if check(state, action) is not None:
                continue  # never played, whatever its whip count: do not take one
            legal.add(i)
        if gate is not None:
            test, fail = gate
            if whip is None:
                whip = board()  # one board for every whip count of this decision
            passed = test(whip)
            if passed:
                heapq.heappush(heap, (neg, i, jitter, action, None))
            elif passed is not None and fail is not None:  # None: not to be played at all (`_striking`)
                heapq.heappush(heap, (-(fail + jitter), i, jitter, action, None))
            continue
        out.append((-neg, action))
        if limit is not None and len(out) >= limit:
            break
    return out


def ranked(state: GameState, me: str, difficulty: str = "normal", limit: int | None = None,
           omniscient: bool = False) -> list[tuple[float, A.Action]]:
    """Candidate actions worth an action point, best first, each legal in `state` (at most `limit`).

    The leader reckons on his own view of the board; legality is checked on the real one. A
    candidate whose whip count is still to be taken is counted only when it reaches the top of
    the heap, and only if it is legal: its score if it passes is an upper bound, so the order is
    the same as counting all."""
    seen = knowledge.view(state, None if omniscient else me)
    power = power_table(seen)
    heap = _options(state, seen, me, difficulty, power)
    return _work_down(state, me, heap, lambda: Whip(seen, power), limit)


def _planned(state: GameState, me: str, difficulty: str, omniscient: bool = False) -> A.Action:
    """The next move of `me`'s plan for this turn. At his first move of a turn he weighs every
    option (`ranked`); after a move that keeps the plan (KEEPS_PLAN) he works on down the same
    list, each move checked again for legality and each whip count taken on the board as it stands,
    instead of weighing everything again. The plan is kept on the state, keyed by the move it
    follows (`ai_memo`): a clone carries it, and asking twice gives the same answer."""
    ld = state.leaders[me]
    key = (me, state.turn, state.last_action, ld.ap, omniscient)
    kept = state.ai_memo.get(key)
    seen = knowledge.view(state, None if omniscient else me)
    power: dict[str, float] | None
    if kept is None:
        # A man outside the party can only recant: his one candidate reads no power table.
        power = power_table(seen) if ld.active else None
        heap = _options(state, seen, me, difficulty, power)
    else:  # the balance of power he reckoned with at the start of the turn, which his moves barely move
        power, plan = kept
        heap = list(plan)  # the kept plan is shared with any clone: work on a copy
    best = _work_down(state, me, heap, lambda: Whip(seen, power), limit=1)
    if not best:
        return _act(A.EndTurn, me)
    action = best[0][1]
    left = ld.ap - engine.ap_cost(state, action)
    if left > 0 and isinstance(action, KEEPS_PLAN):
        memo = {k: v for k, v in state.ai_memo.items() if k[1] == state.turn}  # earlier quarters' are dead
        memo[me, state.turn, action, left, omniscient] = (power if power is not None else power_table(seen), heap)
        state.ai_memo = memo
    return action


def choose(state: GameState, me: str, difficulty: str = "normal", omniscient: bool = False) -> A.Action:
    """The AI's next action for `me`: an answer to a pending question, its best move, or EndTurn.

    The AI reckons on what its leader knows (`knowledge.view`: secret pacts he is not in are
    hidden from him) unless `omniscient`, a test setting in which it reads the whole board, as
    the historian does."""
    if state.pending and state.pending[0].leader == me:
        d = state.pending[0]
        return A.Decide(me, d.id, d.default)
    if difficulty == "hard":
        from .lookahead import choose as look_ahead

        return look_ahead(state, me, omniscient)
    return _planned(state, me, difficulty, omniscient)
