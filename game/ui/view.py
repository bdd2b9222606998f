"""What the screens show, computed from the Session and read-only rules helpers: action
descriptions and groupings, whip-count forecasts, factions, the encyclopedia's seeds and a
quarter-by-quarter history of a game for the report's charts. No pygame here."""

from __future__ import annotations

from dataclasses import dataclass

from .. import actions as A
from ..encyclopedia import CONFIDENCE, Entry, encyclopedia, sources  # noqa: F401 - re-exported for the scenes
from ..model import AXES, GameState
from ..rules import accusations
from ..rules.engine import ap_cost
from ..rules.power import cc_share
from ..rules.votes import Lean
from ..wording import AXIS_SHORT, AXIS_TITLES, describe_action, forecast, name, probe_motion, tally  # noqa: F401 - re-exported for the scenes

# ---- actions ------------------------------------------------------------------------------------

KINDS: tuple[tuple[str, str, str], ...] = (
    ("appoint", "Appoint", "Put a client at the head of a region's party organisation (the General Secretary's "
     "lever). The region's loyalty then drifts towards you quarter by quarter; its delegates follow at the next Congress."),
    ("campaign", "Tour", "A speaking tour of a region's party organisation: win the rank and file directly."),
    ("enrolment", "Enrol", "A recruitment drive of workers 'from the bench', whose loyalty follows the apparatus "
     "that admitted them. Raises the Lenin cult and dilutes the Old Bolsheviks."),
    ("publish", "Publish", "An article or platform on one axis: moves the party mood towards your own line and "
     "earns or costs prestige."),
    ("shift_line", "Shift line", "Move your own position on one axis. It costs credibility in proportion to how "
     "visible you are — a 'grey' organiser changes sides cheaply."),
    ("canvass", "Canvass", "Spend patronage and time on a colleague: favours, a dacha, a post for a friend. "
     "Raises his trust in you."),
    ("propose_pact", "Pact", "Propose a pact. Pacts bind votes and decay; a secret pact that is discovered is "
     "evidence of factionalism."),
    ("break_pact", "Break pact", "Break one of your pacts. Your former partners will remember it."),
    ("table_motion", "Motion", "Put a motion before this quarter's Politburo session: remove or appoint to an "
     "office, change the party line, promote, readmit, convene an early Congress."),
    ("accuse", "Accuse", "Bring a charge before the Central Control Commission; the Politburo then votes on the "
     "sanction. A failed accusation costs the accuser prestige and trust."),
    ("investigate", "Investigate", "Set the OGPU on a rival: a secret pact found becomes evidence of factionalism."),
    ("recant", "Recant", "Admit your errors: escalation stops, prestige falls, the way back opens."),
)
KIND_LABEL = {k: label for k, label, _ in KINDS}
KIND_HELP = {k: text for k, _, text in KINDS}
MOTION_GROUPS = {
    "remove_office": "Relieve of an office", "appoint_office": "Appoint to an office", "adopt_line": "Change the party line",
    "promote": "Raise in the Politburo", "readmit": "Readmit to the party", "early_congress": "Convene an early Congress",
}
PHASES = {"events": "Events", "intrigue": "Intrigue", "sessions": "Sessions", "reckoning": "Reckoning", "over": "Game over"}
STATUS_WORDS = {"active": "active", "demoted": "demoted", "readmitted": "readmitted", "expelled": "expelled",
                "exiled": "in internal exile", "deported": "deported", "dead": "dead"}


def action_detail(session, a: A.Action, viewer: str | None) -> str:
    """The tooltip of an action: what it does, what it costs, what the whip count says."""
    st = session.state
    lines = [describe_action(st, a)]
    cost = ap_cost(st, a)
    lines.append(f"Costs {cost} action point{'s' if cost != 1 else ''}." if cost else "Costs no action points.")
    if isinstance(a, A.Accuse):
        ev, why = accusations.evidence(st, a.target, a.charge)
        lines.append(f"Evidence {ev:.2f}: {why}.")
    leans = forecast(session, a, viewer)
    if leans is not None:
        yes, no = tally(leans)
        verdict = "would carry" if yes > no else "would fail"
        lines.append(f"Whip count now: {yes} for, {no} against — it {verdict}.")
        against = [name(st, x.voter) for x in leans if x.total <= 0]
        if against:
            lines.append("Against: " + ", ".join(against) + ".")
    lines.append(KIND_HELP.get(a.kind, ""))
    return "\n".join(x for x in lines if x)


def probe_for_kind(state: GameState, actor: str, kind: str) -> A.Action:
    """A representative action of a kind, to ask the rules why it is not possible now."""
    others = [lid for lid in state.world.playable if lid != actor and lid in state.leaders]
    rival = others[0] if others else actor
    region = sorted(state.regions)[0]
    return {
        "appoint": A.Appoint(actor, region),
        "campaign": A.Campaign(actor, region),
        "enrolment": A.LaunchEnrolment(actor),
        "publish": A.Publish(actor, "econ"),
        "shift_line": A.ShiftLine(actor, "econ", 1),
        "canvass": A.Canvass(actor, rival),
        "propose_pact": A.ProposePact(actor, rival, True),
        "break_pact": A.BreakPact(actor, -1),
        "table_motion": A.TableMotion(actor, "early_congress"),
        "accuse": A.Accuse(actor, rival, "factionalism"),
        "investigate": A.Investigate(actor, rival),
        "recant": A.Recant(actor),
    }[kind]


def why_not(session, actor: str, kind: str) -> str:
    st = session.state
    if kind == "break_pact" and not st.pacts_of(actor):
        return "you have no pact to break"
    probe = probe_for_kind(st, actor, kind)
    reason = session.check_act(probe) if hasattr(session, "check_act") else session.check(probe)
    if reason is None:
        return "no target for it now"
    return reason


def option_rows(session, actor: str, kind: str, legal: list[A.Action]) -> list[tuple[str | None, A.Action, str, str | None]]:
    """The legal actions of one kind, grouped and ordered for the palette:
    (group header or None, action, text, faction/target id for a marker)."""
    st = session.state
    w = st.world
    acts = [a for a in legal if a.kind == kind]
    contenders = set(w.playable) | set(st.politburo_full)
    out: list[tuple[str | None, A.Action, str, str | None]] = []
    if kind == "appoint":
        for a in sorted(acts, key=lambda a: (w.region_name(a.region), a.appointee or "")):
            out.append((w.region_name(a.region), a, f"{name(st, a.appointee) if a.appointee else 'An apparatus cadre'}",
                        a.appointee))
    elif kind == "campaign":
        for a in sorted(acts, key=lambda a: -st.regions[a.region].total):
            out.append((None, a, w.region_name(a.region), None))
    elif kind == "accuse":
        scored = []
        for a in acts:
            ev, _ = accusations.evidence(st, a.target, a.charge)
            scored.append((-ev, a.target not in contenders, a.target, a.charge, a))
        for _, _, target, charge, a in sorted(scored):
            out.append((None, a, f"{name(st, target)}: {accusations.CHARGES[charge]}", target))
    elif kind == "table_motion":
        order = list(MOTION_GROUPS)
        for a in sorted(acts, key=lambda a: (order.index(a.motion) if a.motion in order else 99,
                                             a.target not in contenders, name(st, a.target) if a.target else "",
                                             a.office or "", a.axis or "", a.direction)):
            text = describe_action(st, a)
            out.append((MOTION_GROUPS.get(a.motion, a.motion), a, text, a.target))
    elif kind in ("canvass", "investigate"):
        for a in sorted(acts, key=lambda a: (a.target not in contenders, name(st, a.target))):
            out.append((None, a, name(st, a.target), a.target))
    elif kind == "propose_pact":
        for a in sorted(acts, key=lambda a: (a.partner not in contenders, name(st, a.partner), not a.secret)):
            out.append((None, a, f"{name(st, a.partner)} — {'secret' if a.secret else 'open'} pact", a.partner))
    else:
        for a in acts:
            out.append((None, a, describe_action(st, a), None))
    return out


def refused_line_motions(session, actor: str, legal: list[A.Action]) -> list[tuple[A.Action, str, str]]:
    """The line motions the rules refuse now, with the reason, for a player who may table motions:
    (action, text, reason). The palette lists them greyed under the party line, so that a player
    learns there why he cannot move the line back (a line just changed settles), not only from a
    refusal after he has looked for the option."""
    if not any(a.kind == "table_motion" for a in legal):
        return []
    check = session.check_act if hasattr(session, "check_act") else session.check
    out = []
    for axis in AXES:
        for direction in (-1, 1):
            a = A.TableMotion(actor, "adopt_line", axis=axis, direction=direction)
            if a in legal:
                continue
            reason = check(a)
            if reason and "already on the agenda" not in reason:  # he has just tabled it himself
                out.append((a, describe_action(session.state, a), reason))
    return out


def option_right(session, a: A.Action, actor: str) -> str:
    """The short figure at the right of a palette row."""
    st = session.state
    if isinstance(a, A.Accuse):
        ev, _ = accusations.evidence(st, a.target, a.charge)
        return f"evidence {ev:.2f}"
    if isinstance(a, A.Campaign):
        r = st.regions[a.region]
        return f"{r.total // 1000}k members · {r.loyalty.get(actor, 0.0):.0%} yours"
    if isinstance(a, A.Appoint):
        r = st.regions[a.region]
        return f"{r.loyalty.get(actor, 0.0):.0%} loyal to you"
    if isinstance(a, A.Canvass | A.ProposePact | A.Investigate):
        other = getattr(a, "target", None) or getattr(a, "partner", None)
        if other in st.index and actor in st.index:
            return f"trusts you {st.trust_of(other, actor):+.1f}"
    return ""


# ---- factions -----------------------------------------------------------------------------------

def faction_of(state: GameState, lid: str | None) -> str | None:
    """Whose faction a leader belongs to: himself if he is a contender, else his patron's."""
    if lid is None or lid not in state.leaders:
        return None
    if lid in state.world.playable:
        return lid
    patron = state.leaders[lid].patron
    if patron in state.world.playable:
        return patron
    return None


def cc_members(state: GameState) -> list[tuple[str | None, str | None, float | None]]:
    """Every CC seat as (faction, named leader or None, lean for anonymous seats)."""
    seats: list[tuple[str | None, str | None, float | None]] = []
    for seat in state.cc:
        fac = seat.patron if seat.patron in state.world.playable else None
        seats.append((fac, None, seat.lean))
    for lid, ld in state.leaders.items():
        if ld.in_cc and ld.active:
            seats.append((faction_of(state, lid), lid, None))
    return seats


def dominant_loyalty(state: GameState, rid: str) -> tuple[str | None, float]:
    r = state.regions[rid]
    if not r.loyalty:
        return None, 0.0
    best = max(sorted(r.loyalty), key=lambda k: r.loyalty[k])
    share = r.loyalty[best]
    if share < 1.0 - sum(r.loyalty.values()) and share < 0.2:
        return None, 1.0 - sum(r.loyalty.values())
    return best, share


def lean_text(state: GameState, x: Lean, limit: int = 4) -> str:
    reasons = "; ".join(f"{label} {value:+.0f}" for label, value in x.reasons[:limit])
    return f"{name(state, x.voter)} {'YES' if x.total > 0 else 'NO'} ({x.total:+.0f}): {reasons or 'no strong reasons'}"


# ---- a game's history, quarter by quarter, for the report's charts ------------------------------

@dataclass(frozen=True)
class Snapshot:
    quarter: str
    mood: tuple[float, float, float, float, float]  # econ, world, regime, unity, cult
    politburo: tuple[int, int]  # full, candidates
    cc: dict[str, float]  # contender -> share of the CC; "" for the rest
    power: dict[str, float]


def snapshot(state: GameState) -> Snapshot:
    from ..rules.power import power_table

    m = state.mood
    shares = {lid: cc_share(state, lid) for lid in state.world.playable if lid in state.leaders}
    shares[""] = max(0.0, 1.0 - sum(shares.values()))
    return Snapshot(state.quarter, (m.econ, m.world, m.regime, m.unity, m.cult),
                    (len(state.politburo_full), len(state.politburo_candidates)), shares, power_table(state))


def track(session) -> list[Snapshot]:
    """Replay the session's action log on a fresh copy of the game and take a snapshot as each
    quarter begins and at the end: the history behind the report's charts (mood, Politburo, CC)."""
    from ..session import Session

    st = session.state
    humans = {h: "human" for h in session.humans()}
    copy = Session.new(session.scenario_ref, st.seed, tuple(st.toggles), humans, session.difficulty)
    snaps = [snapshot(copy.state)]
    for raw in session.log:
        before = copy.state.turn
        copy.submit(A.from_dict(raw))
        if copy.state.turn != before and not copy.over:
            snaps.append(snapshot(copy.state))
    if copy.over:
        final = snapshot(copy.state)
        snaps.append(Snapshot("end", final.mood, final.politburo, final.cc, final.power))
    return snaps


def politburo_by_quarter(chronicle) -> list[tuple[str, int, int]]:
    """(quarter, full, candidates) at the end of each quarter, from the quarter_end events."""
    out = []
    for e in chronicle:
        if e.kind == "quarter_end":
            pb = e.detail.get("politburo", {})
            out.append((e.turn, len(pb.get("full", ())), len(pb.get("candidate", ()))))
    return out


__all__ = ["AXES", "KINDS", "describe_action", "forecast", "faction_of", "encyclopedia", "track"]
