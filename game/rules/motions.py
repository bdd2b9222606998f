"""Motions a Politburo member may table, and what each does when it passes."""

from __future__ import annotations

from ..model import AXES, LADDER, GameState, Motion
from . import accusations, appointments, ideology
from .common import (
    Out,
    bal,
    clip,
    emit,
    name,
    politburo_seats,
    remove_from_politburo,
    unclaimed_politburo_seats,
)

TABLEABLE = ("remove_office", "appoint_office", "remove_politburo", "adopt_line", "promote", "readmit",
             "early_congress")
# Posts a man outside the Central Committee may hold (Menzhinsky ran the OGPU from outside it;
# the Control Commission's chairman could not sit on the CC at all).
OUTSIDE_CC_OFFICES = ("ogpu_chair", "ccc_chair")
# Posts the Central Committee itself elects (the Secretariat was elected by CC plenums, and the
# General Secretary with it [ARCH-SEC]): the Politburo may move to change the holder, but a CC
# plenum must agree. In May 1924 it was the CC that kept Stalin when he offered to resign.
CC_ELECTS_OFFICES = ("general_secretary",)


def line_step(state: GameState) -> float:
    """How far a carried motion moves the adopted line (`ideology.line_step`)."""
    return state.world.balance["ideology"]["line_step"]


def check_table(state: GameState, actor: str, motion: str, target: str | None, office: str | None,
                axis: str | None, direction: int) -> str | None:
    if motion not in TABLEABLE:
        return f"unknown motion {motion!r} (motions: {', '.join(TABLEABLE)})"
    if not state.in_politburo(actor):
        return "only a member or candidate of the Politburo can table a motion"
    limit = int(bal(state, "turn", "motions_per_sponsor"))
    if sum(1 for m in state.motions if m.sponsor == actor) >= limit:
        return f"you already have {limit} motions on this quarter's agenda"
    if target is not None and (target not in state.leaders):
        return f"there is no leader {target!r}"
    if motion == "remove_office":
        if office not in state.offices:
            return f"there is no office {office!r}"
        if target is None or state.offices[office] != target:
            return f"{name(state, target)} does not hold that office"
        if target == actor:
            return "resign by asking someone else to table it"
    elif motion == "appoint_office":
        if office not in state.offices:
            return f"there is no office {office!r}"
        if target is None or not state.leaders[target].active:
            return "the appointee must be an active party member"
        if not state.leaders[target].in_cc and office not in OUTSIDE_CC_OFFICES:
            return "the appointee must be a member of the Central Committee"
        if state.offices[office] == target:
            return f"{name(state, target)} already holds that office"
    elif motion == "remove_politburo":
        if target is None or not state.in_politburo(target):
            return f"{name(state, target)} does not sit in the Politburo"
        if target == actor:
            return "you cannot move your own removal"
    elif motion == "adopt_line":
        if axis not in AXES or direction not in (-1, 1):
            return "a line motion needs an axis (econ, world, regime) and a direction (-1 or +1)"
        value = state.line[axis] + direction * line_step(state)
        if value < -1.0 - 1e-9 or value > 1.0 + 1e-9:
            return "the line cannot move further that way"
        if any(m.kind == "adopt_line" and m.axis == axis for m in state.motions):
            return "a motion on that question is already on the agenda"
        reason = ideology.check_reversal(state, axis, direction)
        if reason:
            return reason
    elif motion == "promote":
        if target is None or not state.leaders[target].active or not state.leaders[target].in_cc:
            return "only an active CC member can be raised into the Politburo"
        if target in state.politburo_full:
            return f"{name(state, target)} is already a full member"
        if state.leaders[target].sanction >= LADDER.index("out_of_politburo"):
            return f"{name(state, target)} has been barred from the Politburo"
        full_seats, candidate_seats = politburo_seats(state)
        free_full, free_candidate = unclaimed_politburo_seats(state)
        if target in state.politburo_candidates and not free_full:
            return (f"the CC elected {full_seats} full members and every seat is taken or claimed by a "
                    "promotion on the agenda: one must fall vacant before another man can be raised "
                    "(or a Congress elect a larger Politburo)")
        if target not in state.politburo_candidates and not free_candidate:
            return (f"the CC elected {candidate_seats} candidate members and every seat is taken or "
                    "claimed by a promotion on the agenda: one must fall vacant first")
    elif motion == "readmit":
        if target is None:
            return "name the leader to readmit"
        reason = accusations.can_be_readmitted(state, target)
        if reason:
            return reason
    elif motion == "early_congress":
        if state.flags.get("congress_due") or state.turn - state.flags.get("last_congress", -99) < 4:
            return "a Congress sat less than a year ago, or is already due"
    if any(m.kind == motion and m.target == target and m.office == office and m.axis == axis
           for m in state.motions):
        return "that motion is already on the agenda"
    return None


def table(state: GameState, actor: str, motion: str, target: str | None, office: str | None,
          axis: str | None, direction: int, out: Out) -> Motion:
    value = clip(state.line[axis] + direction * line_step(state), -1, 1) if motion == "adopt_line" and axis else 0.0
    m = Motion(state.new_id(), motion, actor, target=target, office=office, axis=axis, value=value)
    state.motions.append(m)
    from .votes import describe

    emit(state, out, "motion", f"{name(state, actor)} tables a motion: {describe(state, m)}.",
         leader=actor, target=target, office=office, motion=m.id)
    return m


def still_valid(state: GameState, m: Motion) -> bool:
    target = state.leaders.get(m.target) if m.target else None
    if m.kind in ("remove_office",):
        return state.offices.get(m.office or "") == m.target
    if m.kind == "appoint_office":
        return bool(target and target.active and (target.in_cc or m.office in OUTSIDE_CC_OFFICES))
    if m.kind == "promote":  # a plenum's list may have seated him already, or filled the seat
        if not (target and target.active and target.in_cc) or m.target in state.politburo_full:
            return False
        full_seats, candidate_seats = politburo_seats(state)
        if m.target in state.politburo_candidates:
            return len(state.politburo_full) < full_seats
        return len(state.politburo_candidates) < candidate_seats
    if m.kind == "sanction":
        return bool(target and target.status not in ("deported", "dead")) and any(c.id == m.case for c in state.cases)
    if m.kind == "remove_politburo":
        return bool(target) and state.in_politburo(m.target or "")
    if m.kind == "readmit":
        return accusations.can_be_readmitted(state, m.target or "") is None
    if m.kind == "replace_secretary":
        return m.region in state.regions
    return True


def needs_cc(state: GameState, m: Motion) -> float | None:
    """The share a (joint) CC plenum must give after the Politburo says yes, or None. Removing a
    CC member takes two thirds: the secret point 7 of the 1921 resolution on unity. The posts the
    CC elects (CC_ELECTS_OFFICES) change hands only with a CC majority, by a motion or a sanction."""
    if m.kind == "sanction" and int(m.value) >= accusations.CC_TWO_THIRDS_FROM:
        return float(bal(state, "cc_vote", "supermajority_expel"))
    if m.kind == "sanction" and int(m.value) >= accusations.CC_RATIFIES_FROM:
        return 0.5
    if (m.kind == "sanction" and int(m.value) >= LADDER.index("loss_of_posts")
            and any(state.offices.get(office) == m.target for office in CC_ELECTS_OFFICES)):
        return 0.5  # his posts include one the CC elects: the CC must take it from him
    if m.kind in ("remove_politburo", "promote"):  # the CC elects the Politburo, and only it
        return 0.5
    if m.kind in ("remove_office", "appoint_office") and m.office in CC_ELECTS_OFFICES and m.body == "politburo":
        return 0.5
    return None


def fill_vacancy(state: GameState, office: str, nominator: str, out: Out,
                 exclude: tuple[str, ...] = ()) -> str | None:
    """The majority that emptied a post fills it: the nominator's most trusted able man."""
    taken = {h for o, h in state.offices.items() if h and o in ("general_secretary", "sovnarkom_chair")}

    v = state.world.balance["appointment"]

    def score(lid: str) -> float:
        ld = state.leaders[lid]
        s = ld.prestige / 100.0 + state.trust_of(nominator, lid)
        s += v["vacancy_client"] if ld.patron == nominator else 0.0
        s += v["vacancy_self"] if lid == nominator else 0.0
        if office == "general_secretary" and lid == nominator:
            s += v["vacancy_apparatus_self"]  # nobody hands the apparatus to a client when he can run it himself
        if office == "war_commissar" and state.world.has_trait(lid, "army"):
            s += v["vacancy_army"]
        if office in ("ogpu_chair",) and not state.world.leaders[lid].playable:
            s += v["vacancy_ogpu_official"]
        s -= v["vacancy_per_post"] * len(state.offices_of(lid))
        return s

    pool = sorted(
        (lid for lid, ld in state.leaders.items()
         if ld.active and (ld.in_cc or office in OUTSIDE_CC_OFFICES) and lid not in taken
         and ld.sanction < LADDER.index("loss_of_posts")
         and lid not in exclude),
        key=lambda lid: (-score(lid), lid),
    )
    if not pool:
        return None
    chosen = pool[0]
    state.offices[office] = chosen
    emit(state, out, "office_gained", f"{name(state, chosen)} becomes {state.world.office_name(office)}.",
         leader=chosen, office=office, nominated_by=nominator)
    return chosen


def enact(state: GameState, m: Motion, out: Out) -> None:
    """What a passed motion does."""
    if m.kind == "sanction":
        case = accusations.close_case(state, m.case)
        accusations.apply_sanction(state, m.target or "", int(m.value), out, by=m.sponsor)
        if case and state.leaders[m.target or ""].sanction >= LADDER.index("loss_of_posts"):
            for office, holder in state.offices.items():
                if holder is None and office in ("general_secretary", "war_commissar", "comintern_chair", "pravda_editor",
                                                 "trade_unions_chair", "sovnarkom_chair", "leningrad_chief",
                                                 "moscow_chief", "vesenkha_chair", "sto_chair"):
                    fill_vacancy(state, office, m.sponsor, out, exclude=(m.target or "",))
    elif m.kind == "remove_office":
        state.offices[m.office or ""] = None
        accusations.strike(state, m.target or "")  # the last blow at him (the AI's patience)
        emit(state, out, "office_lost", f"{name(state, m.target)} is relieved of the post of "
             f"{state.world.office_name(m.office or '')}.", leader=m.target, office=m.office)
        if m.office == "leningrad_chief" and "leningrad" in state.regions:
            state.regions["leningrad"].protected_by = None
        fill_vacancy(state, m.office or "", m.sponsor, out, exclude=(m.target or "",))
    elif m.kind == "appoint_office":
        holder = state.offices.get(m.office or "")
        if holder:
            emit(state, out, "office_lost", f"{name(state, holder)} gives up the post of "
                 f"{state.world.office_name(m.office or '')}.", leader=holder, office=m.office)
        state.offices[m.office or ""] = m.target
        emit(state, out, "office_gained", f"{name(state, m.target)} becomes "
             f"{state.world.office_name(m.office or '')}.", leader=m.target, office=m.office)
        if m.office == "ccc_chair":
            leave_for_control_commission(state, m.target or "", out)
    elif m.kind == "adopt_line":
        ideology.adopt(state, m.axis or "econ", m.value, out, m.sponsor)
        state.leaders[m.sponsor].prestige = min(100.0, state.leaders[m.sponsor].prestige
                                                + bal(state, "ideology", "line_carried_prestige"))
    elif m.kind == "promote":
        target = m.target or ""
        if target in state.politburo_candidates:
            state.politburo_candidates.remove(target)
            state.politburo_full.append(target)
            emit(state, out, "politburo_joined", f"{name(state, target)} becomes a full member of the Politburo.",
                 leader=target, seat="full")
        else:
            state.politburo_candidates.append(target)
            emit(state, out, "politburo_joined", f"{name(state, target)} becomes a candidate member of the Politburo.",
                 leader=target, seat="candidate")
    elif m.kind == "readmit":
        accusations.readmit(state, m.target or "", out)
    elif m.kind == "replace_secretary":
        appointments.install(state, m.region or "", m.sponsor, m.target, out)
    elif m.kind == "remove_politburo":
        accusations.strike(state, m.target or "")  # a blow, as a post taken
        if remove_from_politburo(state, m.target or ""):
            emit(state, out, "politburo_left", f"{name(state, m.target)} is removed from the Politburo.",
                 leader=m.target)
    elif m.kind == "early_congress":
        state.flags["congress_due"] = "early"
    elif m.kind == "publish_testament":
        publish_testament(state, out)


def leave_for_control_commission(state: GameState, leader: str, out: Out) -> None:
    """A member of the Control Commission could not hold a CC post at the same time: its
    chairman gives up his Politburo seat and his CC membership (Ordzhonikidze, November 1926)."""
    if remove_from_politburo(state, leader):
        emit(state, out, "politburo_left", f"{name(state, leader)} gives up his Politburo seat to chair the "
             f"Control Commission.", leader=leader)
    if state.leaders[leader].in_cc:
        state.leaders[leader].in_cc = False
        emit(state, out, "cc_left", f"{name(state, leader)} leaves the Central Committee for the Control "
             f"Commission.", leader=leader)


def reject(state: GameState, m: Motion, out: Out, voted_no: list[str] | None = None) -> None:
    """What a defeated motion costs."""
    if m.kind == "sanction":
        accusations.backfire(state, m, out, voted_no)
    elif m.kind == "publish_testament":
        gs = state.offices.get("general_secretary")
        state.flags["testament_read"] = True
        if gs:
            state.leaders[gs].prestige = max(0.0, state.leaders[gs].prestige - bal(state, "vote", "testament_read_prestige"))
        emit(state, out, "testament", "The Testament is read to the Congress delegations only and "
             "not printed. The General Secretary keeps his post.", leader=gs)
    elif m.kind in ("remove_office", "replace_secretary", "remove_politburo"):
        state.leaders[m.sponsor].prestige = max(0.0, state.leaders[m.sponsor].prestige - bal(state, "vote", "failed_blow_prestige"))
        if m.target:
            state.add_trust(m.target, m.sponsor, -bal(state, "vote", "failed_blow_trust"))


def publish_testament(state: GameState, out: Out) -> None:
    gs = state.offices.get("general_secretary")
    state.flags["testament_out"] = True
    b = state.world.balance["vote"]
    if gs:
        state.leaders[gs].prestige = max(0.0, state.leaders[gs].prestige - b["testament_out_prestige"])
        state.leaders[gs].mantle = max(0.0, state.leaders[gs].mantle - b["testament_out_mantle"])
    state.mood.unity = clip(state.mood.unity - b["testament_out_unity"], 0, 1)
    widow = "krupskaya"
    if gs and widow in state.leaders and state.leaders[widow].active:
        # Lenin's advice is now before the whole party: a plenum must answer it.
        state.motions.insert(0, Motion(state.new_id(), "remove_office", widow, target=gs,
                                       office="general_secretary", note="The party weighs Lenin's advice",
                                       body="plenum"))
    emit(state, out, "publication", "Lenin's Testament is published to the whole party: Stalin is "
         "'too rude' and should be moved from the post of General Secretary.", leader=gs,
         detail_kind="testament")
