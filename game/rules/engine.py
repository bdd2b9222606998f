"""The turn engine: whose move it is, what they may do, and what happens when they do it.

A quarter runs events → intrigue → sessions → reckoning. `apply` validates an action, applies
it, then advances automatically until a leader must act again (an intrigue move, a human ballot,
a decision) or the game ends. Nothing here reads a clock, prints, or touches a global RNG.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import actions as A
from ..errors import IllegalAction
from ..events import Event
from ..model import AXES, GameState
from . import (
    accusations,
    appointments,
    economy,
    enrolment,
    ideology,
    influence,
    motions,
    pacts,
    scheduled,
    sessions,
    slates,
    victory,
)
from .common import Out, bal, contenders, emit, name
from .power import power_table

AP_COST = {
    "end_turn": 0, "appoint": ("appointment", "ap_cost"), "enrolment": ("enrolment", "drive_ap"),
    "accuse": ("accusation", "ap_cost"), "propose_pact": ("pact", "ap_cost"), "break_pact": 0,
    "publish": 1, "shift_line": 1, "table_motion": 1, "canvass": ("canvass", "ap_cost"),
    "campaign": ("campaign", "ap_cost"), "investigate": ("investigate", "ap_cost"), "recant": 1, "decide": 0,
    "draft_slate": ("slate", "ap_cost"),
}


def ap_cost(state: GameState, action: A.Action) -> int:
    cost = AP_COST[action.kind]
    if isinstance(cost, int):
        return cost
    section, key = cost  # a balance number (bal), read directly: every legality check asks
    return int(state.world.balance[section][key])


# ---- whose move --------------------------------------------------------------------------------

def current_actor(state: GameState) -> str | None:
    """The leader who must act now, or None when the game is over."""
    if state.over:
        return None
    if state.pending:
        return state.pending[0].leader
    if state.phase == "intrigue" and state.order_pos < len(state.order):
        return state.order[state.order_pos]
    return None


def start(state: GameState) -> list[Event]:
    """Run the opening automatic phases of a fresh game (the events of the first quarter)."""
    out: Out = []
    _advance(state, out)
    return out


# ---- validation --------------------------------------------------------------------------------

def check(state: GameState, action: A.Action) -> str | None:
    """None if the action is legal now; otherwise the reason, in a player's words."""
    if state.over:
        return "the game is over"
    actor = action.actor
    if actor not in state.leaders:
        return f"there is no leader {actor!r}"
    if not isinstance(action, A.Action) or action.kind not in A.ACTION_TYPES:
        return "not an action"
    if state.pending:
        decision = state.pending[0]
        if not isinstance(action, A.Decide):
            return f"{name(state, decision.leader)} must first answer: {decision.prompt}"
        if action.actor != decision.leader or action.decision != decision.id:
            return "that is not the question on the table"
        if action.choice not in decision.options:
            return f"answer one of: {', '.join(decision.options)}"
        return None
    if isinstance(action, A.Decide):
        return "no question is waiting for an answer"
    if current_actor(state) != actor:
        return f"it is {name(state, current_actor(state))}'s move, not {name(state, actor)}'s"
    if isinstance(action, A.EndTurn):
        return None
    return check_move(state, action)


def check_move(state: GameState, action: A.Action) -> str | None:
    """`check` for a move (neither an answer nor EndTurn) once it is known to be its actor's move
    with no question waiting (check(state, EndTurn(actor)) is None): the AI asks about many moves
    of the same leader on the same board, and the turn is the same for all of them."""
    actor = action.actor
    ld = state.leaders[actor]
    cost = ap_cost(state, action)
    if ld.ap < cost:
        return f"not enough action points ({ld.ap} left, {cost} needed)"
    if not ld.active and not isinstance(action, A.Recant):
        return f"{name(state, actor)} is outside the party: he can only recant or wait"
    rule = _CHECKS.get(type(action))
    return rule(state, actor, action) if rule is not None else "unknown action"


# Each kind of move's own test, by its class (a dict lookup instead of a chain of isinstance).
_CHECKS: dict[type[A.Action], Callable[[GameState, str, Any], str | None]] = {
    A.Appoint: lambda state, actor, a: appointments.check_appoint(state, actor, a.region, a.appointee),
    A.LaunchEnrolment: lambda state, actor, a: enrolment.check_drive(state, actor),
    A.Accuse: lambda state, actor, a: accusations.check_accuse(state, actor, a.target, a.charge),
    A.ProposePact: lambda state, actor, a: pacts.check_propose(state, actor, a.partner),
    A.BreakPact: lambda state, actor, a: pacts.check_break(state, actor, a.pact),
    A.Publish: lambda state, actor, a: ideology.check_publish(state, actor, a.axis),
    A.ShiftLine: lambda state, actor, a: ideology.check_shift(state, actor, a.axis, a.direction),
    A.TableMotion: lambda state, actor, a: motions.check_table(state, actor, a.motion, a.target, a.office,
                                                               a.axis, a.direction),
    A.Canvass: lambda state, actor, a: influence.check_canvass(state, actor, a.target),
    A.Campaign: lambda state, actor, a: influence.check_campaign(state, actor, a.region),
    A.Investigate: lambda state, actor, a: pacts.check_investigate(state, actor, a.target),
    A.Recant: lambda state, actor, a: accusations.check_recant(state, actor),
    A.DraftSlate: lambda state, actor, a: slates.check(state, actor, slates.from_action(a)),
}


def legal_actions(state: GameState, leader: str) -> list[A.Action]:
    """Every legal action for this leader now, in a stable order."""
    if current_actor(state) != leader:
        return []
    if state.pending:
        d = state.pending[0]
        return [A.Decide(leader, d.id, choice) for choice in d.options]
    candidates: list[A.Action] = [A.EndTurn(leader)]
    others = [lid for lid in sorted(state.leaders) if lid != leader and state.leaders[lid].active and lid != "lenin"]
    rivals = [lid for lid in others if lid in contenders(state)]
    for region in sorted(state.regions):
        for who in appointments.appointees(state, leader):
            candidates.append(A.Appoint(leader, region, who))
        candidates.append(A.Campaign(leader, region))
    candidates.append(A.LaunchEnrolment(leader))
    for target in others:
        for charge in accusations.CHARGES:
            candidates.append(A.Accuse(leader, target, charge))
        candidates.append(A.Canvass(leader, target))
        candidates.append(A.ProposePact(leader, target, True))
        candidates.append(A.ProposePact(leader, target, False))
    for target in rivals:
        candidates.append(A.Investigate(leader, target))
    for pact in state.pacts_of(leader):
        candidates.append(A.BreakPact(leader, pact.id))
    for axis in AXES:
        candidates.append(A.Publish(leader, axis))
        candidates.append(A.ShiftLine(leader, axis, -1))
        candidates.append(A.ShiftLine(leader, axis, 1))
        candidates.append(A.TableMotion(leader, "adopt_line", axis=axis, direction=-1))
        candidates.append(A.TableMotion(leader, "adopt_line", axis=axis, direction=1))
    for office, holder in sorted(state.offices.items(), key=lambda kv: kv[0]):
        if holder is not None and holder != leader:
            candidates.append(A.TableMotion(leader, "remove_office", target=holder, office=office))
        for target in [leader, *others]:
            if holder != target and (holder is None or target == leader or state.leaders[target].patron == leader):
                candidates.append(A.TableMotion(leader, "appoint_office", target=target, office=office))
    for target in [leader, *others]:
        candidates.append(A.TableMotion(leader, "promote", target=target))
    for target in sorted(state.leaders):
        if state.leaders[target].status in ("expelled", "exiled"):
            candidates.append(A.TableMotion(leader, "readmit", target=target))
    candidates.append(A.TableMotion(leader, "early_congress"))
    candidates.append(A.Recant(leader))
    return [a for a in candidates if check(state, a) is None]


# ---- applying ----------------------------------------------------------------------------------

def apply(state: GameState, action: A.Action) -> list[Event]:
    """Validate and apply one action, then run the game forward to the next decision point."""
    reason = check(state, action)
    if reason is not None:
        raise IllegalAction(reason)
    out: Out = []
    actor = action.actor
    ld = state.leaders[actor]
    if not isinstance(action, A.Decide | A.EndTurn):
        ld.ap -= ap_cost(state, action)
    match action:
        case A.Decide():
            _decide(state, action, out)
        case A.EndTurn():
            _next_actor(state)
        case A.Appoint():
            appointments.appoint(state, actor, action.region, action.appointee, out)
        case A.LaunchEnrolment():
            enrolment.drive(state, actor, out)
        case A.Accuse():
            accusations.accuse(state, actor, action.target, action.charge, out)
        case A.ProposePact():
            _propose(state, actor, action.partner, action.secret, out)
        case A.BreakPact():
            pacts.break_pact(state, actor, action.pact, out)
        case A.Publish():
            ideology.publish(state, actor, action.axis, out)
        case A.ShiftLine():
            ideology.shift(state, actor, action.axis, action.direction, out)
        case A.TableMotion():
            motions.table(state, actor, action.motion, action.target, action.office, action.axis,
                          action.direction, out)
        case A.Canvass():
            influence.canvass(state, actor, action.target, out)
        case A.Campaign():
            influence.campaign(state, actor, action.region, out)
        case A.Investigate():
            pacts.investigate(state, actor, action.target, out)
        case A.Recant():
            accusations.recant(state, actor, out)
        case A.DraftSlate():
            slates.draft(state, actor, slates.from_action(action), out)
    if state.phase == "intrigue" and not state.pending and current_actor(state) == actor and ld.ap <= 0:
        _next_actor(state)
    state.last_action = action
    _advance(state, out)
    return out


def _propose(state: GameState, actor: str, partner: str, secret: bool, out: Out) -> None:
    from ..model import Decision

    if state.seats.get(partner) == "human":
        score, reasons = pacts.acceptance(state, partner, actor)
        state.pending.append(Decision(
            state.new_id(), partner, "pact_offer",
            f"{name(state, actor)} proposes a {'secret' if secret else 'open'} pact with you.",
            ("accept", "decline"), "accept" if score > 0 else "decline",
            context=(("proposer", actor), ("secret", "1" if secret else "0"),
                     *((k, f"{v:+.2f}") for k, v in reasons))))
        return
    score, reasons = pacts.acceptance(state, partner, actor)
    if score > bal(state, "pact", "accept_threshold"):
        pacts.form(state, (actor, partner), secret, 0.6, out)
    else:
        state.add_trust(actor, partner, -0.05)
        emit(state, out, "pact_refused", f"{name(state, partner)} turns down {name(state, actor)}'s offer of a pact.",
             leader=actor, target=partner, score=round(score, 2), reasons=reasons,
             private_to=(actor, partner) if secret else ())


def _decide(state: GameState, action: A.Decide, out: Out) -> None:
    decision = state.pending.pop(0)
    context = dict(decision.context)
    if decision.kind == "vote":
        key = sessions.ballot_key(decision.ref or 0)
        state.flags[key] = (*state.flags.get(key, ()), (action.actor, action.choice))
    elif decision.kind == "pact_offer":
        proposer = context["proposer"]
        if action.choice == "accept" and state.leaders[proposer].active:
            pacts.form(state, (proposer, action.actor), context["secret"] == "1", 0.6, out)
        else:
            emit(state, out, "pact_refused", f"{name(state, action.actor)} turns down {name(state, proposer)}'s offer.",
                 leader=proposer, target=action.actor)
    elif decision.kind == "event":
        ev = scheduled.find_event(state, context["event"])
        if ev is not None:
            scheduled.choose(state, ev, int(context["effect"]), decision.options.index(action.choice), out)


def _next_actor(state: GameState) -> None:
    state.order_pos += 1


# ---- the automatic phases ----------------------------------------------------------------------

def _advance(state: GameState, out: Out) -> None:
    # The power table the reckoning recorded last (victory.track), while nothing has changed the
    # board since: a quarter whose events fire nothing orders its initiative by the same table.
    table: dict[str, float] | None = None
    while not state.over and not state.pending:
        if state.phase == "events":
            emit(state, out, "quarter", f"— {state.quarter} —")
            if scheduled.fire_due(state, out):
                table = None
            _begin_intrigue(state, table)
            table = None
            state.phase = "intrigue"
        elif state.phase == "intrigue":
            while state.order_pos < len(state.order) and not _can_act(state, state.order[state.order_pos]):
                state.order_pos += 1
            if state.order_pos < len(state.order):
                return
            state.phase = "sessions"
        elif state.phase == "sessions":
            if not sessions.run(state, out):
                return
            state.phase = "reckoning"
        elif state.phase == "reckoning":
            _reckon(state, out)
            if state.over:
                return
            table = state.power_history[-1]  # victory.track's, the last thing the reckoning read
            if state.turn >= state.end:
                outcome = victory.finish(state)
                emit(state, out, "game_over", f"The struggle ends: {outcome['outcome'].replace('_', ' ')}, "
                     f"{name(state, outcome['top_leader'])} on top.", leader=outcome["top_leader"],
                     outcome=outcome["outcome"])
                return
            state.turn += 1
            state.phase = "events"


def _can_act(state: GameState, leader: str) -> bool:
    ld = state.leaders[leader]
    if ld.ap <= 0:
        return False
    if ld.active:
        return True
    return ld.status in ("expelled", "exiled") and accusations.check_recant(state, leader) is None


def _begin_intrigue(state: GameState, table: dict[str, float] | None = None) -> None:
    """Give action points and fix the initiative order: the General Secretary first, then by power.
    `table`: this board's power table, when the caller has it."""
    t = state.world.balance["turn"]
    if table is None:
        table = power_table(state)
    gs = state.offices.get("general_secretary")
    order = sorted((lid for lid in contenders(state) if state.leaders[lid].status not in ("dead", "deported")),
                   key=lambda lid: (not (t["initiative_general_secretary_first"] and lid == gs),
                                    -table.get(lid, 0.0), lid))
    for lid in order:
        ld = state.leaders[lid]
        if ld.active:
            ld.ap = int(t["action_points"] if state.in_politburo(lid) else t["action_points_outside"])
        else:
            ld.ap = 1
    state.order = order
    state.order_pos = 0


def _reckon(state: GameState, out: Out) -> None:
    """Offices pay, machines drift, cohorts mature, mood and economy move, pacts decay."""
    for office, holder in sorted(state.offices.items()):
        if holder and state.leaders[holder].active:
            info = state.world.offices[office]
            ld = state.leaders[holder]
            ld.patronage = min(200.0, ld.patronage + info.patronage)
            ld.prestige = min(100.0, ld.prestige + info.prestige)
    appointments.drift(state, out)
    enrolment.mature(state, out)
    ideology.reckon(state)
    economy.reckon(state, out)
    pacts.reckon(state, out)
    for lid in contenders(state):
        state.leaders[lid].ap = 0
    victory.track(state)
    emit(state, out, "quarter_end", "", politburo={"full": list(state.politburo_full),
                                                   "candidate": list(state.politburo_candidates)},
         offices={o: h for o, h in sorted(state.offices.items()) if h is not None})
    humans = [lid for lid, seat in state.seats.items() if seat == "human"]
    if humans and all(state.leaders[h].status in ("deported", "dead") for h in humans):
        outcome = victory.finish(state)
        emit(state, out, "game_over", "Your struggle is over: you have been driven out of the country.",
             leader=humans[0], outcome=outcome["outcome"])
