"""The Party Congress: the circular flow of power closes here.

Regional machines send delegates (a machine's share of the members becomes its share of the
delegates; the unattached rank and file weigh prestige and line), the Congress votes on the
political report, elects a new Central Committee, and the new CC elects the Politburo and
confirms the General Secretary."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import AXES, LADDER, CCSeat, GameState
from . import ideology, slates
from .common import (
    Out,
    Relations,
    active_contenders,
    bal,
    clip,
    distance_to_line,
    distance_to_mood,
    emit,
    name,
    pact_strength,
    record_politburo_seats,
)
from .slates import Slate


@dataclass(frozen=True, slots=True)
class CongressParams:
    name: str
    delegates: int
    cc_seats: int
    politburo_full: int
    politburo_candidates: int
    plenum_next_quarter: bool = False


def delegates(state: GameState, total: int) -> dict[str | None, float]:
    """Delegates by patron (None = the unattached rank and file). Candidates vote for delegates."""
    members = sum(r.total for r in state.regions.values()) or 1
    out: dict[str | None, float] = {}
    for r in sorted(state.regions.values(), key=lambda r: r.id):
        sent = total * r.total / members
        attached = 0.0
        for patron, share in sorted(r.loyalty.items()):
            if state.leaders[patron].active:
                out[patron] = out.get(patron, 0.0) + sent * share
                attached += share
        out[None] = out.get(None, 0.0) + sent * max(0.0, 1.0 - attached)
    return out


def friendly(state: GameState, patron: str, leader: str) -> bool:
    # The trust test before the pacts: it is one read, and it settles most pairs.
    return (patron == leader or state.leaders[patron].patron == leader or state.leaders[leader].patron == patron
            or state.trust_of(patron, leader) >= 0.3 or pact_strength(state, patron, leader) >= 0.3)


def hostile(state: GameState, patron: str, leader: str) -> bool:
    return state.trust_of(patron, leader) <= -0.3 and not friendly(state, patron, leader)


def _speakers_against(state: GameState, gs: str, dels: dict[str | None, float]) -> list[str]:
    """The contenders who speak against the General Secretary's report: first the man with the
    most delegates of his own (the co-reporter), then the others in order. A man does not stand
    up beside one he distrusts more than the General Secretary: he keeps silent. At the 14th
    Congress (December 1925) Zinoviev, with the Leningrad delegation behind him, gave the
    co-report and Kamenev spoke for it, while Trotsky, whom they had hounded for two years, said
    nothing."""
    hostile_to_gs = sorted((c for c in active_contenders(state) if c != gs and hostile(state, c, gs)),
                           key=lambda c: (-dels.get(c, 0.0), state.trust_of(c, gs), c))
    speakers: list[str] = []
    for c in hostile_to_gs:
        if all(state.trust_of(c, other) > state.trust_of(c, gs) for other in speakers):
            speakers.append(c)
    return speakers


def political_report(state: GameState, dels: dict[str | None, float], out: Out) -> tuple[int, int, int, list[str]]:
    """The Congress votes on the General Secretary's report; open opponents give a co-report."""
    gs = state.offices.get("general_secretary")
    opposition = _speakers_against(state, gs, dels) if gs else []
    nums = state.world.balance["congress"]
    yes = no = abstain = 0.0
    for patron, n in dels.items():
        if patron is None:  # the rank and file: more against a report far from the line (a co-report needs a gs)
            against = clip(nums["against_base"] + nums["against_distance"] * distance_to_line(state, gs)
                           - nums["against_unity"] * state.mood.unity + nums["against_per_speaker"] * len(opposition),
                           nums["against_min"], nums["against_max"]) if opposition else nums["against_min"]
            absent = nums["absent"]
            yes += n * (1 - against - absent)
            no += n * against
            abstain += n * absent
        elif gs and friendly(state, patron, gs):
            yes += n
        elif patron in opposition or (gs and hostile(state, patron, gs)):
            no += n * nums["opposed_no"]
            abstain += n * nums["opposed_abstain"]
        else:
            yes += n * nums["neutral_yes"]
            abstain += n * nums["neutral_abstain"]
    y, n_, a = int(round(yes)), int(round(no)), int(round(abstain))
    passed = y > n_
    report = nums["report_prestige"]
    if passed:
        for c in opposition:
            state.leaders[c].prestige = max(0.0, state.leaders[c].prestige - report)
        if gs:
            state.leaders[gs].prestige = min(100.0, state.leaders[gs].prestige + report / 2)
    elif gs:
        state.leaders[gs].prestige = max(0.0, state.leaders[gs].prestige - 2 * report)
    emit(state, out, "vote", f"The Congress {'approves' if passed else 'rejects'} the political report "
         f"of {name(state, gs)}: {y} for, {n_} against, {a} abstaining"
         + (f" (co-report by {', '.join(name(state, c) for c in opposition)})." if opposition else "."),
         leader=gs, body="congress", yes=y, no=n_, abstain=a, opposition=opposition)
    if gs and not passed and opposition:  # the speaker of most standing carries the line halfway to his views
        leader = max(opposition, key=lambda c: state.leaders[c].prestige)
        for axis in AXES:
            after = (state.line[axis] + getattr(state.leaders[leader], axis)) / 2
            if after != state.line[axis]:  # recorded like a motion's: it settles (ideology.check_reversal)
                ideology.adopt(state, axis, after, out, leader)
    return y, n_, a, opposition


def elect_named(state: GameState, dels: dict[str | None, float], out: Out) -> None:
    """Leading figures with a following, or a patron whose machine sends delegates, are elected to
    the CC; the chairman of the Control Commission may not sit on it."""
    total = sum(dels.values()) or 1.0
    ccc = state.offices.get("ccc_chair")
    for lid, ld in sorted(state.leaders.items()):
        if ld.status not in ("active", "readmitted") or ld.sanction >= LADDER.index("out_of_cc"):
            continue
        if lid == ccc:
            ld.in_cc = False
            continue
        backed = ld.patron is not None and dels.get(ld.patron, 0.0) / total >= 0.05
        # The followers of a condemned leader are not newly elected (Radek and Preobrazhensky
        # after the opposition's defeat at the 13th Congress).
        condemned = ld.patron is not None and state.leaders[ld.patron].sanction >= LADDER.index("censure")
        if not ld.in_cc and not condemned and (ld.prestige >= 20 or backed):
            ld.in_cc = True
            emit(state, out, "cc_joined", f"{name(state, lid)} is elected to the Central Committee.", leader=lid)


def elect_cc(state: GameState, dels: dict[str | None, float], seats: int, out: Out) -> None:
    elect_named(state, dels, out)
    named = sum(1 for ld in state.leaders.values() if ld.in_cc and ld.active)
    anonymous = max(10, seats - named)
    total = sum(dels.values()) or 1.0
    quotas = {k: anonymous * v / total for k, v in dels.items()}
    alloc = {k: int(q) for k, q in quotas.items()}
    rest = anonymous - sum(alloc.values())
    for k in sorted(quotas, key=lambda k: (-(quotas[k] - alloc[k]), k or ""))[:rest]:
        alloc[k] += 1
    spread = state.world.balance["congress"]["cc_lean_spread"]  # the unattached seats' views, about the mood
    cc: list[CCSeat] = []
    for patron in sorted(alloc, key=lambda k: (k is None, k or "")):
        n = alloc[patron]
        for i in range(n):
            if patron is None:
                lean = clip(state.mood.econ + ((i / max(1, n - 1)) - 0.5) * spread, -1, 1)
            else:
                lean = state.leaders[patron].econ
            cc.append(CCSeat(patron, round(lean, 3)))
    state.cc = cc
    blocs = {name(state, k) if k else "unattached": v for k, v in sorted(alloc.items(), key=lambda kv: -kv[1]) if v}
    emit(state, out, "cc_elected", f"A Central Committee of {len(cc) + named} is elected "
         f"({', '.join(f'{k} {v}' for k, v in list(blocs.items())[:5])}, and {named} leading members).",
         seats=len(cc) + named, blocs=blocs)


def support(state: GameState, leader: str, relations: Relations | None = None,
            hall: tuple[list[tuple[str | None, float]], list[str]] | None = None) -> float:
    """Share of the Central Committee that would vote for this leader in a Politburo election.
    `hall`: `_cc_hall(state)`, when the caller weighs many leaders on one board."""
    rel = relations if relations is not None else Relations(state)
    seats, named = hall if hall is not None else _cc_hall(state)
    ld = state.leaders[leader]
    got = 0.0
    bloc_vote: dict[str, float] = {}  # a patron's seats all vote alike: weigh him once
    c = state.world.balance["congress"]
    base = c["support_base"] + (ld.prestige - c["support_prestige_from"]) / 100
    econ, mantle = ld.econ, c["support_mantle"] * ld.mantle / 100
    ideology, low, high = c["support_ideology"], c["support_min"], c["support_max"]
    for patron, lean in seats:
        if patron is None:
            got += clip(base - abs(lean - econ) * ideology + mantle, low, high)
            continue
        vote = bloc_vote.get(patron)
        if vote is None:
            vote = bloc_vote[patron] = (c["support_friendly"] if rel.friendly(patron, leader) else
                                        c["support_hostile"] if rel.hostile(patron, leader) else c["support_neutral"])
        got += vote
    for other in named:
        if rel.friendly(other, leader):
            got += 1
        elif not rel.hostile(other, leader):
            got += c["support_neutral"]
    total = len(seats) + len(named)
    return got / total if total else 0.0


def _cc_hall(state: GameState) -> tuple[list[tuple[str | None, float]], list[str]]:
    """The CC as a Politburo election reads it, the same for every man it weighs: each seat as
    (its active patron, or None for an unattached seat, with its lean), and the named members."""
    leaders = state.leaders
    seats = [(None, seat.lean) if seat.patron is None or not leaders[seat.patron].active else (seat.patron, seat.lean)
             for seat in state.cc]
    return seats, [x.id for x in leaders.values() if x.in_cc and x.active]


class Supports:
    """`support` of every man eligible for the Politburo, by id (`lid in sup`: is he eligible),
    each worked out when first read. An election on an adopted list reads it only for the men
    whose seat changes and for the General Secretary's confirmation, not for all thirty
    eligible: the same numbers, a fraction of the work."""

    __slots__ = ("state", "eligible", "relations", "hall", "known")

    def __init__(self, state: GameState, eligible: list[str]) -> None:
        self.state, self.eligible = state, set(eligible)
        self.relations, self.hall = Relations(state), _cc_hall(state)
        self.known: dict[str, float] = {}

    def __contains__(self, lid: str) -> bool:
        return lid in self.eligible

    def __getitem__(self, lid: str) -> float:
        value = self.known.get(lid)
        if value is None:
            if lid not in self.eligible:
                raise KeyError(lid)
            value = self.known[lid] = support(self.state, lid, self.relations, self.hall)
        return value

    def get(self, lid: str, default: float = 0.0) -> float:
        return self[lid] if lid in self.eligible else default


def elect_politburo(state: GameState, n_full: int, n_cand: int, out: Out, slate: Slate | None = None,
                    confirm_gs: bool = True) -> None:
    """The CC elects the Politburo: the adopted list when there is one, else by support."""
    eligible = [lid for lid, ld in state.leaders.items()
                if ld.active and ld.in_cc and ld.sanction < LADDER.index("out_of_politburo")]
    sup = Supports(state, eligible)
    before_full, before_cand = list(state.politburo_full), list(state.politburo_candidates)
    raised: list[str] = []
    if slate is not None:
        full = [lid for lid in slate.full if lid in sup]
        cand = [lid for lid in slate.candidates if lid in sup]
        raised = [lid for lid in full if lid not in before_full]
        raised += [lid for lid in cand if lid not in before_full + before_cand]
        raised += [lid for lid in slate.secretariat if lid not in state.secretariat]
    else:
        full, cand = _by_support(state, sup, eligible, n_full, n_cand)
    state.politburo_full, state.politburo_candidates = full, cand
    record_politburo_seats(state)
    how = "on the adopted list" if slate is not None else "CC support {:.0%}"
    for lid in full:
        if lid not in before_full:
            emit(state, out, "politburo_joined", f"{name(state, lid)} is elected a full member of the Politburo "
                 f"({how.format(sup[lid])}).", leader=lid, seat="full", support=round(sup[lid], 3))
    for lid in cand:
        if lid not in before_cand and lid not in before_full:
            emit(state, out, "politburo_joined", f"{name(state, lid)} is elected a candidate member "
                 f"({how.format(sup[lid])}).", leader=lid, seat="candidate", support=round(sup[lid], 3))
        elif lid in before_full:
            emit(state, out, "politburo_left", f"{name(state, lid)} is demoted to candidate member "
                 f"({how.format(sup[lid])}).", leader=lid, seat="candidate", support=round(sup[lid], 3))
    for lid in before_full + before_cand:
        if lid not in full and lid not in cand and state.leaders[lid].active:
            emit(state, out, "politburo_left", f"{name(state, lid)} is not re-elected to the Politburo "
                 f"(CC support {sup.get(lid, 0):.0%}).", leader=lid, support=round(sup.get(lid, 0), 3))
    gs = _confirm_general_secretary(state, sup, out) if confirm_gs else state.offices.get("general_secretary")
    # A man raised on a list owes its author his career: made so only once the support above is
    # read, since support reads patrons and the CC weighed the board as it stood before the vote.
    for lid in raised:
        ld = state.leaders[lid]
        if ld.patron is None and slate is not None and lid != slate.sponsor and not state.world.leaders[lid].playable:
            ld.patron = slate.sponsor
    if slate is not None:
        state.secretariat = [lid for lid in slate.secretariat if state.leaders[lid].active]
        if gs and gs not in state.secretariat:
            state.secretariat.insert(0, gs)
    elif gs:
        clients = sorted((lid for lid in eligible if state.leaders[lid].patron == gs),
                         key=lambda lid: (-state.leaders[lid].prestige, lid))[:4]
        state.secretariat = [gs, *clients]
    if gs:
        secretaries = [lid for lid in state.secretariat if lid != gs]
        state.orgburo = [gs, *secretaries[:2], *[lid for lid in full if lid != gs and lid not in secretaries[:2]][:4]]


def _by_support(state: GameState, sup: Supports, eligible: list[str], n_full: int,
                n_cand: int) -> tuple[list[str], list[str]]:
    """Without an adopted list: incumbents keep their seats while their support holds, and the
    vacancies go to the best-supported."""
    c = state.world.balance["congress"]
    before_full, before_cand = list(state.politburo_full), list(state.politburo_candidates)
    full = [lid for lid in before_full if lid in sup and sup[lid] >= c["demotion_threshold"]]
    cand = [lid for lid in before_cand if lid in sup and sup[lid] >= c["retention_threshold"]]
    cand += [lid for lid in before_full if lid in sup and c["retention_threshold"] <= sup[lid] < c["demotion_threshold"]]
    ranked = sorted(eligible, key=lambda lid: (-sup[lid], -state.leaders[lid].prestige, lid))
    for lid in ranked:
        if len(full) >= n_full:
            break
        if lid not in full and sup[lid] >= c["demotion_threshold"]:
            full.append(lid)
            if lid in cand:
                cand.remove(lid)
    full.sort(key=lambda lid: (-sup[lid], lid))
    while len(full) > n_full:
        cand.insert(0, full.pop())
    for lid in ranked:
        if len(cand) >= n_cand:
            break
        if lid not in full and lid not in cand:
            cand.append(lid)
    cand = sorted(cand, key=lambda lid: (-sup[lid], lid))[:n_cand]
    return full, cand


def _confirm_general_secretary(state: GameState, sup: Supports, out: Out) -> str | None:
    """The new CC confirms the General Secretary unless a rival has a clear majority behind him.
    The rivals' support is read only when his own falls short."""
    gs = state.offices.get("general_secretary")
    c = state.world.balance["congress"]
    if gs and gs in sup and sup[gs] < c["general_secretary_below"]:
        rivals = [lid for lid in active_contenders(state)
                  if lid != gs and lid in sup and sup[lid] > sup[gs] and sup[lid] > c["general_secretary_rival"]]
        if rivals:
            new = max(rivals, key=lambda lid: sup[lid])
            state.offices["general_secretary"] = new
            emit(state, out, "office_lost", f"The new CC does not re-elect {name(state, gs)} General Secretary.",
                 leader=gs, office="general_secretary")
            emit(state, out, "office_gained", f"{name(state, new)} is elected General Secretary.",
                 leader=new, office="general_secretary")
            gs = new
    return gs


def hold(state: GameState, params: CongressParams, out: Out) -> None:
    dels = delegates(state, params.delegates)
    shares = {name(state, k) if k else "unattached": round(v) for k, v in sorted(dels.items(), key=lambda kv: -kv[1]) if v >= 1}
    emit(state, out, "congress", f"The {params.name} opens with {params.delegates} voting delegates "
         f"({', '.join(f'{k} {v}' for k, v in list(shares.items())[:5])}).",
         delegates=params.delegates, blocs=shares, name=params.name)
    political_report(state, dels, out)
    slates.name_to_cc(state, dels, out)
    elect_cc(state, dels, params.cc_seats, out)
    if params.plenum_next_quarter:  # the new CC first meets after the turn of the quarter
        state.flags["cc_plenum_due"] = (params.politburo_full, params.politburo_candidates)
    else:
        elect_politburo(state, params.politburo_full, params.politburo_candidates, out, slates.winning(state, out))
    slates.clear(state)
    state.flags["last_congress"] = state.turn
    state.flags.pop("congress_due", None)
    c = state.world.balance["congress"]
    for lid in active_contenders(state):  # a contender far from the rank and file loses face
        if distance_to_mood(state, lid) > c["far_from_mood"]:
            state.leaders[lid].prestige = max(0.0, state.leaders[lid].prestige - c["far_from_mood_prestige"])


def plenum(state: GameState, out: Out) -> None:
    """A CC plenum outside a Congress: the new CC's first plenum when it was put off to this
    quarter, or the General Secretary's new Politburo list put to the sitting CC."""
    slate = slates.winning(state, out)
    due = state.flags.pop("cc_plenum_due", None)
    if due is not None:
        elect_politburo(state, int(due[0]), int(due[1]), out, slate)
    elif slate is not None:
        elect_politburo(state, len(slate.full), len(slate.candidates), out, slate, confirm_gs=False)
    slates.clear(state)


def default_params(state: GameState) -> CongressParams:
    members = sum(r.total for r in state.regions.values())
    per = bal(state, "congress", "delegate_per_members")
    named = sum(1 for ld in state.leaders.values() if ld.in_cc and ld.active)
    return CongressParams("Extraordinary Party Congress", max(100, members // per), len(state.cc) + named,
                          max(7, len(state.politburo_full)), max(4, len(state.politburo_candidates)))
