"""Accusations, the Control Commission and the sanctions ladder.

The 1921 ban on factions makes "factionalist" a charge. A case is opened with whatever evidence
exists (a discovered pact, platforms published against the line, distance from the line, an army
base, old sins); the Politburo votes on the next rung of the ladder, and the heavier rungs need
a (joint) CC plenum, two thirds to expel a CC member. A failed case costs the accuser prestige
and trust. The accused may recant: escalation stops, prestige falls, readmission becomes possible.
"""

from __future__ import annotations

from ..model import LADDER, LADDER_LABELS, Case, GameState, Motion
from .appointments import forfeit_machines
from .common import Out, bal, clip, emit, name, remove_from_politburo, strip_offices

CHARGES = {
    "factionalism": "factionalism (the 1921 ban on factions)",
    "left_deviation": "a left deviation",
    "right_deviation": "a right deviation",
    "bonapartism": "Bonapartism",
    "past_sins": "past sins (Menshevism, October 1917)",
}
# Rungs from which the CC must ratify, and from which it needs two thirds.
CC_RATIFIES_FROM = LADDER.index("out_of_politburo")
CC_TWO_THIRDS_FROM = LADDER.index("out_of_cc")


def evidence(state: GameState, target: str, charge: str) -> tuple[float, str]:
    """How strong a case is (0..1), and what it rests on."""
    if charge not in CHARGES:
        return 0.0, "no such charge"
    ev = evidence_values(state, target)[charge]
    ld = state.leaders[target]
    if charge == "factionalism":
        found = sum(1 for p in state.pacts_of(target) if p.secret and p.discovered)
        parts = []
        if found:
            parts.append(f"{found} secret pact(s) uncovered")
        if ld.platforms:
            parts.append(f"{ld.platforms} platform(s) published against the line")
        if state.flags.get(f"caught_{target}"):
            parts.append("caught in open factional activity")
        return ev, ", ".join(parts) or "no hard evidence"
    if charge in ("left_deviation", "right_deviation"):
        sign = 1 if charge == "left_deviation" else -1
        gap = max(0.0, sign * (ld.econ - state.line["econ"])) + max(0.0, sign * (ld.world - state.line["world"])) * 0.5
        return ev, f"{'left' if sign > 0 else 'right'} of the line by {gap:.2f}"
    if charge == "bonapartism":
        army = state.offices.get("war_commissar") == target or state.world.has_trait(target, "army")
        return ev, "an army base and high prestige" if army else "no army base"
    sins = state.world.has_trait(target, "menshevik_past") or state.world.has_trait(target, "october_1917")
    return ev, "an old sin dug up" if sins else "nothing to dig up"


def evidence_value(state: GameState, target: str, charge: str) -> float:
    """`evidence` without the words."""
    return evidence_values(state, target).get(charge, 0.0)


def evidence_values(state: GameState, target: str) -> dict[str, float]:
    """`evidence` of every charge against `target`, without the words, in the order of CHARGES:
    the AI weighs them all against each rival, and they share their reads of the board."""
    a = state.world.balance["accusation"]
    ld = state.leaders[target]
    line = state.line
    # Factionalism: discovered secret pacts, platforms published against the line, and being
    # caught in an open factional act (a street demonstration).
    found = sum(1 for p in state.pacts if target in p.members and p.secret and p.discovered)
    faction = a["evidence_pact"] * found + min(a["evidence_platform_max"], a["evidence_platform"] * ld.platforms)
    if state.flags.get(f"caught_{target}"):
        faction += a["evidence_caught"]
    # Left: more industrialisation and world revolution than the line; right: the reverse.
    left = max(0.0, ld.econ - line["econ"]) + max(0.0, ld.world - line["world"]) * 0.5
    right = max(0.0, -(ld.econ - line["econ"])) + max(0.0, -(ld.world - line["world"])) * 0.5
    deviation, tolerance = a["evidence_deviation"], a["deviation_tolerance"]
    army = state.offices.get("war_commissar") == target or state.world.has_trait(target, "army")
    region = state.regions.get("red_army")
    base = region.loyalty.get(target, 0.0) if region else 0.0
    sins = state.world.has_trait(target, "menshevik_past") or state.world.has_trait(target, "october_1917")
    return {
        "factionalism": clip(faction, 0, 1),
        "left_deviation": clip(deviation * max(0.0, left - tolerance), 0, 1),
        "right_deviation": clip(deviation * max(0.0, right - tolerance), 0, 1),
        "bonapartism": clip((a["evidence_bonapartism"] * ld.prestige if army else 0.0) + base * 0.5, 0, 1),
        "past_sins": a["evidence_past"] if sins else 0.0,
    }


def fresh_evidence(state: GameState, target: str, charge: str, ev: float) -> float | None:
    """The part of a case's evidence `ev` that the party has not judged before (`judged`); None
    for a man it has never judged."""
    spent = judged(state, target, charge)
    return None if spent is None else max(0.0, ev - spent)


def judged(state: GameState, target: str, charge: str) -> float | None:
    """The evidence on this charge the party had before it when it last sanctioned the man (or
    accepted his recantation); None if it never has. Each step against him needs a fresh occasion:
    the same grounds cannot be punished twice (the 'Lessons of October' in 1924, the declaration
    of July 1926, the illegal press and the demonstrations of November 1927)."""
    return state.flags.get(f"judged:{target}:{charge}")


def judge(state: GameState, target: str) -> None:
    """Record every charge's evidence as it stands: what the party has now judged."""
    for charge, ev in evidence_values(state, target).items():
        state.flags[f"judged:{target}:{charge}"] = round(ev, 3)



def strike(state: GameState, target: str) -> None:
    """A post or a Politburo seat taken from a man by a motion: the last blow at him (the AI's
    patience counts from it), with the evidence against him as it stood (`new_since_blow`)."""
    state.flags[f"struck:{target}"] = state.turn
    for charge, ev in evidence_values(state, target).items():
        state.flags[f"struck_ev:{target}:{charge}"] = round(ev, 3)


def new_since_blow(state: GameState, target: str, charge: str, ev: float) -> float | None:
    """The part of the evidence `ev` that arose since the last blow at the man: since his last
    sanction (`fresh_evidence`) or the last post or seat taken from him by a motion, whichever came
    later; None if he has never been struck at."""
    flags = state.flags
    if flags.get(f"struck:{target}", -99) > flags.get(f"sanctioned:{target}", -99):
        then = flags.get(f"struck_ev:{target}:{charge}")
        return None if then is None else max(0.0, ev - then)
    return fresh_evidence(state, target, charge, ev)


def check_accuse(state: GameState, actor: str, target: str, charge: str) -> str | None:
    if charge not in CHARGES:
        return f"unknown charge {charge!r} (charges: {', '.join(CHARGES)})"
    if target not in state.leaders or target == actor:
        return "choose another leader to accuse"
    ld = state.leaders[target]
    if ld.status in ("dead", "deported") or ld.sanction >= len(LADDER) - 1:
        return f"{name(state, target)} is beyond the party's reach"
    if not ld.active and ld.status not in ("expelled", "exiled"):
        return f"{name(state, target)} is no longer in the party"
    if not (state.in_politburo(actor) or state.leaders[actor].in_cc):
        return "only a member of the Central Committee can bring a charge"
    if state.turn - ld.recanted_turn < bal(state, "accusation", "recant_protection"):
        return f"{name(state, target)} recanted recently; the party will not hear a new charge yet"
    if any(c.target == target for c in state.cases):
        return f"a case against {name(state, target)} is already before the Control Commission"
    gap = bal(state, "accusation", "escalation_gap")
    if state.turn - state.flags.get(f"sanctioned:{target}", -99) < gap:
        return f"{name(state, target)} was sanctioned less than {gap} quarters ago; the party wants a pause"
    return None


def accuse(state: GameState, actor: str, target: str, charge: str, out: Out) -> None:
    ev, detail = evidence(state, target, charge)
    fresh = fresh_evidence(state, target, charge, ev)
    if fresh is not None and fresh < ev:
        detail += "; nothing new since he was last judged" if fresh <= 0 else f"; new since he was last judged: {fresh:.2f}"
    case = Case(state.new_id(), actor, target, charge, round(ev, 3), detail, state.turn,
                None if fresh is None else round(fresh, 3))
    state.cases.append(case)
    rung = next_rung(state, target, ev)
    motion = Motion(state.new_id(), "sanction", actor, target=target, value=float(rung), case=case.id,
                    note=f"charge of {CHARGES[charge]}; evidence {ev:.2f}: {detail}")
    state.motions.append(motion)
    state.add_trust(target, actor, -bal(state, "accusation", "accused_trust"))
    emit(state, out, "accusation", f"{name(state, actor)} accuses {name(state, target)} of "
         f"{CHARGES[charge]} before the Control Commission (evidence {ev:.2f}: {detail}).",
         leader=actor, target=target, charge=charge, evidence=round(ev, 3), rung=LADDER[rung])


def next_rung(state: GameState, target: str, ev: float) -> int:
    """One rung up the ladder; two when the evidence is overwhelming and the man already condemned.
    Rungs that cannot apply are passed over (a man without a post cannot lose it, nor leave a
    body he does not sit in), and expulsion is never jumped: exile is a second decision."""
    current = state.leaders[target].sanction
    expelled = LADDER.index("expelled")
    steps = 2 if ev >= bal(state, "accusation", "jump_evidence") and LADDER.index("censure") <= current < expelled else 1
    rung = current
    while steps > 0 and rung < len(LADDER) - 1:
        rung += 1
        if rung == expelled or _applies(state, target, rung):
            steps -= 1
        if rung == expelled:
            break
    return rung


def _applies(state: GameState, target: str, rung: int) -> bool:
    ld = state.leaders[target]
    label = LADDER[rung]
    if label == "loss_of_posts":
        return bool(state.offices_of(target)) or target in state.secretariat or target in state.orgburo
    if label == "out_of_politburo":
        return state.in_politburo(target)
    if label == "out_of_cc":
        return ld.in_cc
    return True


def close_case(state: GameState, case_id: int | None) -> Case | None:
    for case in state.cases:
        if case.id == case_id:
            state.cases.remove(case)
            return case
    return None


def backfire(state: GameState, motion: Motion, out: Out, voted_no: list[str] | None = None) -> None:
    """A failed accusation costs the accuser: prestige, and the trust of those who voted no
    (of the whole Politburo when a plenum threw the case out)."""
    a = state.world.balance["accusation"]
    case = close_case(state, motion.case)
    accuser = motion.sponsor
    state.leaders[accuser].prestige = max(0.0, state.leaders[accuser].prestige - a["backfire_prestige"])
    judges = voted_no if voted_no else state.politburo_full
    for lid in judges:
        if lid != accuser and state.leaders[lid].active:
            state.add_trust(lid, accuser, -a["backfire_trust"])
    emit(state, out, "backfire", f"The charge against {name(state, motion.target)} fails: "
         f"{name(state, accuser)} loses {a['backfire_prestige']:.0f} prestige and the trust of his colleagues.",
         leader=accuser, target=motion.target, charge=case.charge if case else None)


def apply_sanction(state: GameState, target: str, rung: int, out: Out, by: str | None = None) -> None:
    """Climb the ladder to `rung`: each rung includes the ones below it."""
    a = state.world.balance["accusation"]
    ld = state.leaders[target]
    judge(state, target)  # before the sanction changes his offices and prestige
    ld.sanction = max(ld.sanction, rung)
    state.flags[f"sanctioned:{target}"] = state.turn
    ld.prestige = max(0.0, ld.prestige - a["target_prestige_loss"])
    label = LADDER[rung]
    if rung >= LADDER.index("loss_of_posts"):
        for office in strip_offices(state, target):
            emit(state, out, "office_lost", f"{name(state, target)} loses the post of "
                 f"{state.world.office_name(office)}.", leader=target, office=office)
    if rung >= LADDER.index("out_of_politburo") and remove_from_politburo(state, target):
        emit(state, out, "politburo_left", f"{name(state, target)} is removed from the Politburo.",
             leader=target)
    if rung >= LADDER.index("out_of_cc") and ld.in_cc:
        ld.in_cc = False
        emit(state, out, "cc_left", f"{name(state, target)} is removed from the Central Committee.",
             leader=target)
    if rung >= LADDER.index("expelled"):
        status = {"expelled": "expelled", "internal_exile": "exiled", "deported": "deported"}[label]
        ld.status = status
        state.pacts = [p for p in state.pacts if target not in p.members]
        forfeit_machines(state, target)
        for _lid, other in state.leaders.items():  # clients drift away from a fallen patron
            if other.patron == target:
                other.patron = None
        kind = {"expelled": "expelled", "exiled": "exiled", "deported": "deported"}[status]
        text = {"expelled": "is expelled from the party", "exiled": "is sent into internal exile",
                "deported": "is deported from the Soviet Union"}[status]
        emit(state, out, kind, f"{name(state, target)} {text}.", leader=target)
    elif rung >= LADDER.index("loss_of_posts") and ld.status == "active":
        ld.status = "demoted"
    if rung == LADDER.index("censure"):
        emit(state, out, "censure", f"{name(state, target)} is censured.", leader=target)
    if by:
        state.leaders[by].prestige = min(100.0, state.leaders[by].prestige + a["success_prestige"])


def check_recant(state: GameState, actor: str) -> str | None:
    ld = state.leaders[actor]
    accused = any(c.target == actor for c in state.cases)
    if not accused and ld.sanction == 0 and ld.platforms == 0:
        return "there is nothing to recant: you are neither accused nor sanctioned"
    if ld.status in ("deported", "dead"):
        return "it is too late to recant"
    if ld.recanted_turn == state.turn:
        return "you have already recanted this quarter"
    return None


def recant(state: GameState, actor: str, out: Out) -> None:
    """Escalation stops: open cases are dropped, except one so well proven that the party will
    not take his word (the 15th Congress refused Zinoviev's and Kamenev's statement of 10 December
    1927 and expelled them all the same)."""
    a = state.world.balance["accusation"]
    ld = state.leaders[actor]
    proven = {c.id for c in state.cases if c.target == actor and c.evidence >= a["jump_evidence"]}
    dropped = [c for c in state.cases if c.target == actor and c.id not in proven]
    state.cases = [c for c in state.cases if c.target != actor or c.id in proven]
    state.motions = [m for m in state.motions
                     if not (m.kind == "sanction" and m.target == actor and m.case not in proven)]
    ld.prestige = max(0.0, ld.prestige - a["recant_prestige"])
    ld.recanted_turn = state.turn
    ld.platforms = 0
    for axis in ("econ", "world", "regime"):  # a recantation moves one halfway to the line
        setattr(ld, axis, (getattr(ld, axis) + state.line[axis]) / 2)
    state.pacts = [p for p in state.pacts if not (actor in p.members and p.secret)]
    state.mood.unity = min(1.0, state.mood.unity + 0.02)
    judge(state, actor)  # the errors he admitted are judged: only new ones count against him
    emit(state, out, "recanted", f"{name(state, actor)} recants and admits his errors"
         + (f"; {len(dropped)} case(s) dropped" if dropped else "")
         + ("; the party does not accept it against the evidence" if proven else "") + ".", leader=actor,
         prestige_lost=a["recant_prestige"], cases_kept=len(proven))


def can_be_readmitted(state: GameState, target: str) -> str | None:
    ld = state.leaders[target]
    if ld.status not in ("expelled", "exiled"):
        return f"{name(state, target)} is not expelled"
    wait = bal(state, "accusation", "readmit_after")
    last_sanction = state.flags.get(f"sanctioned:{target}", -99)
    if ld.recanted_turn < last_sanction or state.turn - ld.recanted_turn < wait:
        return f"{name(state, target)} must recant and wait {wait} quarters first"
    return None


def readmit(state: GameState, target: str, out: Out) -> None:
    ld = state.leaders[target]
    ld.status = "readmitted"
    ld.sanction = LADDER.index("out_of_cc")
    emit(state, out, "readmitted", f"{name(state, target)} is readmitted to the party, "
         f"without a seat on the Central Committee.", leader=target)


def ladder_label(rung: int) -> str:
    return LADDER_LABELS[LADDER[rung]]
