"""The sessions phase: the General Secretary orders the agenda, the Politburo votes motion by
motion (human seats cast their own ballots), a CC plenum ratifies what needs it, and the
Congress sits when it is due."""

from __future__ import annotations

from ..model import Decision, GameState, Motion
from . import congress, motions, slates, votes
from .common import Out, bal, emit, name, pact_strength
from .power import power_table
from .scheduled import congress_params


def order_agenda(state: GameState, out: Out) -> dict[str, float]:
    """Plenum business first, then the General Secretary's motions, then the rest by the
    sponsor's power. What does not fit is kept off the agenda. Returns the power table it
    ordered by (the board's until a motion is decided)."""
    gs = state.offices.get("general_secretary")
    table = power_table(state)
    plenum = [m for m in state.motions if m.body == "plenum"]
    rest = [m for m in state.motions if m.body != "plenum"]
    rest.sort(key=lambda m: (m.sponsor != gs, -table.get(m.sponsor, 0.0), m.id))
    limit = int(bal(state, "turn", "max_motions_per_session"))
    kept, dropped = rest[:limit], rest[limit:]
    for m in dropped:
        if m.case is not None:
            state.cases = [c for c in state.cases if c.id != m.case]
        emit(state, out, "motion_dropped", f"The General Secretary keeps \"{votes.describe(state, m)}\" "
             f"off the agenda.", leader=m.sponsor, motion=m.id)
    state.motions = plenum + kept
    return table


def ballot_key(motion_id: int) -> str:
    return f"ballot:{motion_id}"


def human_voters_waiting(state: GameState, m: Motion) -> list[str]:
    if m.body != "politburo":
        return []
    ballots = dict(state.flags.get(ballot_key(m.id), ()))
    return [v for v in votes.voters(state) if state.seats.get(v) == "human" and v not in ballots]


def ask(state: GameState, voter: str, m: Motion) -> None:
    ln = votes.lean(state, voter, m)
    reasons = tuple((label, f"{value:+.1f}") for label, value in ln.reasons[:5])
    state.pending.append(Decision(state.new_id(), voter, "vote", votes.describe(state, m), ("yes", "no"),
                                  ln.vote, ref=m.id, context=reasons))


def run(state: GameState, out: Out) -> bool:
    """Work through the agenda. False when a human ballot is awaited."""
    if state.flags.get("agenda") != state.turn:
        # A plenum outside a Congress opens the session: the new CC's first plenum, or the
        # General Secretary's list for the Politburo. A Congress hears its lists when it sits.
        if congress_params(state) is None and (state.flags.get("cc_plenum_due") or slates.proposed(state)):
            congress.plenum(state, out)
        # Nothing before the first decision changes what the power table reads: its vote reuses it.
        table = order_agenda(state, out)
        state.flags["agenda"] = state.turn
    else:
        table = None
    while state.motions:
        m = state.motions[0]
        if not motions.still_valid(state, m):
            state.motions.pop(0)
            motions.accusations.close_case(state, m.case)
            emit(state, out, "motion_dropped", f"\"{votes.describe(state, m)}\" is withdrawn: events overtook it.",
                 leader=m.sponsor, motion=m.id)
            continue
        waiting = human_voters_waiting(state, m)
        if waiting:
            ask(state, waiting[0], m)
            return False
        ballots = dict(state.flags.pop(ballot_key(m.id), ()))
        state.motions.pop(0)
        resolve(state, m, ballots, out, table)
        table = None  # the decision has changed the board
    params = congress_params(state)
    if params is not None:
        congress.hold(state, params, out)
    return True


def resolve(state: GameState, m: Motion, ballots: dict[str, str], out: Out,
            table: dict[str, float] | None = None) -> None:
    """Put one motion to its vote and carry it out. `table`: the board's power table, if known."""
    title = votes.describe(state, m)
    voted_no: list[str] = []
    if m.body == "plenum":
        passed, yes, no, blocs = votes.cc_vote(state, m, 0.5, votes.Whip(state, table))
        emit(state, out, "plenum", f"{m.note or 'CC plenum'}: \"{title}\" — {'carried' if passed else 'defeated'}, "
             f"{yes} to {no}.", leader=m.sponsor, target=m.target, motion=m.id, title=title, yes=yes, no=no,
             passed=passed, blocs=blocs)
    else:
        whip = votes.Whip(state, table)  # the Politburo's board, and the CC's too unless a betrayal changes it
        results = votes.cast(state, m, ballots, whip)
        yes = sum(1 for _, v, _, _ in results if v == "yes")
        no = len(results) - yes
        passed = yes > no
        voted_no = [voter for voter, vote, _, _ in results if vote == "no"]
        detail = {
            voter: {"vote": vote, "lean": ln.total, "waver": waver, "human": voter in ballots,
                    "reasons": [list(r) for r in ln.reasons[:6]]}
            for voter, vote, ln, waver in results
        }
        emit(state, out, "vote", f"Politburo: \"{title}\" — {'carried' if passed else 'defeated'}, {yes} to {no}.",
             leader=m.sponsor, target=m.target, office=m.office, region=m.region, motion=m.id, title=title,
             yes=yes, no=no, passed=passed, votes=detail, note=m.note)
        betrayed = _betrayals(state, m, results, out)
        threshold = motions.needs_cc(state, m)
        if passed and threshold is not None:
            # The draws of the vote move only the random stream, which no lean reads.
            passed, cyes, cno, blocs = votes.cc_vote(state, m, threshold, None if betrayed else whip)
            if not passed:
                voted_no = []  # the plenum threw it out: the whole Politburo saw the accuser fail
            hall = "Joint CC–CCC plenum" if m.kind == "sanction" else "CC plenum"
            emit(state, out, "plenum", f"{hall} on \"{title}\": {'ratified' if passed else 'refused'}, "
                 f"{cyes} to {cno} (needs {threshold:.0%}).", leader=m.sponsor, target=m.target, motion=m.id,
                 title=title, yes=cyes, no=cno, passed=passed, threshold=round(threshold, 3), blocs=blocs)
    if passed:
        motions.enact(state, m, out)
    else:
        motions.reject(state, m, out, voted_no)


def _betrayals(state: GameState, m: Motion, results, out: Out) -> bool:
    """Voting to strike a pact partner breaks faith: the pact weakens and trust collapses.
    True if anyone did (the board has changed)."""
    if m.kind not in votes.HOSTILE:
        return False
    _, victim = votes.parties(state, m)
    if victim is None:
        return False
    betrayed = False
    for voter, vote, _, _ in results:
        if vote == "yes" and voter != victim and pact_strength(state, voter, victim) > 0:
            betrayed = True
            for pact in state.pacts:
                if voter in pact.members and victim in pact.members:
                    pact.strength = max(0.0, pact.strength - bal(state, "pact", "vote_against_ally_strength"))
            state.add_trust(victim, voter, -bal(state, "pact", "vote_against_ally_trust"))
            emit(state, out, "betrayal", f"{name(state, voter)} votes against his ally {name(state, victim)}.",
                 leader=voter, target=victim)
    return betrayed
