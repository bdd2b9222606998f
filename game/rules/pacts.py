"""Pacts and blocs: the Triumvirate, Stalin with the Right, the United Opposition.

A pact binds votes (the `pact` term of every vote), decays each quarter, can be betrayed, and a
secret one becomes evidence of factionalism when it is found, by chance or by the OGPU."""

from __future__ import annotations

from ..model import GameState, Pact
from .common import Out, bal, distance, draw, emit, name, pact_strength
from .power import power_table


def check_propose(state: GameState, actor: str, partner: str) -> str | None:
    if partner not in state.leaders or partner == actor:
        return "choose another leader"
    if not state.leaders[partner].active:
        return f"{name(state, partner)} is no longer in the party"
    if pact_strength(state, actor, partner) > 0:
        return f"you already have a pact with {name(state, partner)}"
    if any(d.kind == "pact_offer" and d.leader == partner for d in state.pending):
        return f"{name(state, partner)} is already weighing an offer"
    return None


def acceptance(state: GameState, partner: str, proposer: str,
               table: dict[str, float] | None = None) -> tuple[float, list[tuple[str, float]]]:
    """How willing `partner` is to bind himself to `proposer`: above zero he accepts."""
    terms = _acceptance_terms(state, partner, proposer, table)
    return (sum(v for _, _, v in terms),
            [(label.format(name(state, who)) if who else label, round(v, 2)) for label, who, v in terms])


def acceptance_score(state: GameState, partner: str, proposer: str, table: dict[str, float] | None = None,
                     ranking: list[str] | None = None) -> float:
    """`acceptance` without the reasons in words (the AI weighs many offers per decision).
    `ranking`: the table's leaders strongest first, `by_power(table)`, when already known."""
    return sum(v for _, _, v in _acceptance_terms(state, partner, proposer, table, ranking))


def by_power(table: dict[str, float]) -> list[str]:
    """The table's leaders, strongest first; equals in the table's order (a stable sort), so the
    first of them not excluded is the one `max` over the rest would name."""
    return sorted(table, key=table.__getitem__, reverse=True)


def _acceptance_terms(state: GameState, partner: str, proposer: str, table: dict[str, float] | None,
                      ranking: list[str] | None = None) -> list[tuple[str, str | None, float]]:
    """(wording with {} for a leader's name, that leader, weight) for each consideration."""
    info = state.world.leaders[partner].personality
    table = table if table is not None else power_table(state)
    if ranking is None:
        strongest = max((lid for lid in table if lid not in (partner, proposer)), key=table.__getitem__, default=None)
    else:
        strongest = next((lid for lid in ranking if lid not in (partner, proposer)), None)
    b = state.world.balance["pact"]
    terms: list[tuple[str, str | None, float]] = [
        ("trust in the proposer", None, b["accept_trust"] * state.trust_of(partner, proposer)),
        ("closeness of views", None, b["accept_views"] * (b["accept_views_from"] - 2 * distance(state, partner, proposer))),
        ("appetite for combinations", None, b["accept_appetite"] * (info.pacts - 0.5)),
        ("pride", None, -b["accept_pride"] * info.pride
         * (1 if table.get(proposer, 0) < table.get(partner, 0) else b["accept_pride_stronger"])),
    ]
    if strongest is not None:
        # A common threat brings rivals together: both fear the strongest third man.
        fear = min(state.trust_of(partner, strongest), state.trust_of(proposer, strongest))
        if fear < 0:
            terms.append(("a common fear of {}", strongest, -b["accept_common_fear"] * fear))
    return terms


def form(state: GameState, members: tuple[str, ...], secret: bool, strength: float, out: Out,
         title: str = "") -> Pact:
    pact = Pact(state.new_id(), members, secret, strength, state.turn, title or
                "the " + "–".join(name(state, m) for m in members) + " pact")
    state.pacts.append(pact)
    for a in members:
        for b in members:
            if a != b:
                state.add_trust(a, b, bal(state, "pact", "formed_trust"))
    emit(state, out, "pact_formed", f"{'A secret' if secret else 'An open'} pact: {pact.name[:1].upper() + pact.name[1:]}.",
         leader=members[0], target=members[1] if len(members) > 1 else None, pact=pact.id,
         secret=secret, private_to=members if secret else ())
    return pact


def break_pact(state: GameState, actor: str, pact_id: int, out: Out) -> None:
    p = bal(state, "pact", "betrayal_trust")
    pact = next(x for x in state.pacts if x.id == pact_id)
    state.pacts.remove(pact)
    for other in pact.members:
        if other != actor:
            state.add_trust(other, actor, -p)
    state.leaders[actor].prestige = max(0.0, state.leaders[actor].prestige - bal(state, "pact", "betrayal_prestige"))
    emit(state, out, "pact_broken", f"{name(state, actor)} breaks with {pact.name}.", leader=actor,
         pact=pact.id, private_to=pact.members if pact.secret and not pact.discovered else ())


def check_break(state: GameState, actor: str, pact_id: int) -> str | None:
    if not any(p.id == pact_id and actor in p.members for p in state.pacts):
        return "you are not in that pact"
    return None


def discover(state: GameState, pact: Pact, by: str | None, out: Out) -> None:
    pact.discovered = True
    who = f"{name(state, by)}'s OGPU" if by else "An informer"
    emit(state, out, "pact_discovered", f"{who} uncovers a secret pact: {pact.name}. "
         f"It is evidence of factionalism.", leader=by, pact=pact.id, members=list(pact.members))


def common_enemy(state: GameState, out: Out) -> None:
    """A common enemy heals old quarrels: two contenders who both distrust the strongest man come
    to trust each other a little more each quarter (`common_enemy`), up to `common_enemy_cap`.
    Zinoviev and Kamenev, Trotsky's bitterest enemies in 1924, joined him in spring 1926 once
    Stalin had beaten them at the 14th Congress; Bukharin went to Kamenev in July 1928."""
    b = state.world.balance["pact"]
    step, hostile, cap = b["common_enemy"], b["common_enemy_from"], b["common_enemy_cap"]
    if step <= 0:
        return
    table = power_table(state)
    if not table:
        return
    strongest = max(sorted(table), key=table.__getitem__)
    foes = [lid for lid in sorted(table) if lid != strongest and state.leaders[lid].active
            and state.trust_of(lid, strongest) <= hostile]

    def healed(x: str, y: str) -> bool:  # at the cap, give or take the rounding of the last step
        return state.trust_of(x, y) >= cap - 1e-9 and state.trust_of(y, x) >= cap - 1e-9

    reconciled: list[tuple[str, str]] = []
    flags = state.flags
    for i, a in enumerate(foes):
        for c in foes[i + 1:]:
            quarrel = f"quarrel:{a}:{c}"
            if min(state.trust_of(a, c), state.trust_of(c, a)) < 0:
                flags[quarrel] = state.turn  # a quarrel the common enemy is healing
            for x, y in ((a, c), (c, a)):
                if state.trust_of(x, y) < cap:
                    state.add_trust(x, y, min(step, cap - state.trust_of(x, y)))
            if quarrel in flags and healed(a, c):
                del flags[quarrel]
                reconciled.append((a, c))
    # The drift is quiet; the chronicle speaks once a quarrel is healed (trust both ways at the
    # cap), and only to the two of them: who trusts whom is private. A dip among men who never
    # quarrelled (two allies after a polemic) heals without a word.
    for a, c in reconciled:
        emit(state, out, "common_enemy", f"A common enemy: {name(state, a)} and {name(state, c)}, who both "
             f"distrust {name(state, strongest)}, have put their old quarrel aside (trust in one another "
             f"now {cap:.2f}).", private_to=(a, c), members=[a, c], enemy=strongest, cap=cap)


def reckon(state: GameState, out: Out) -> None:
    """Decay, and the chance that a secret pact comes to light by itself."""
    common_enemy(state, out)
    decay = bal(state, "pact", "decay")
    chance = bal(state, "pact", "secret_discovery")
    lapse = bal(state, "pact", "lapse_below")
    for pact in list(state.pacts):
        pact.strength = max(0.0, pact.strength - decay)
        if any(not state.leaders[m].active for m in pact.members) or pact.strength <= lapse:
            state.pacts.remove(pact)
            emit(state, out, "pact_broken", f"{pact.name[:1].upper() + pact.name[1:]} lapses.", pact=pact.id,
                 private_to=pact.members if pact.secret and not pact.discovered else ())
            continue
        if pact.secret and not pact.discovered:
            if draw(state, f"{state.quarter}:discovery:{pact.id}") < chance:
                discover(state, pact, None, out)


def check_investigate(state: GameState, actor: str, target: str) -> str | None:
    chief = state.offices.get("ogpu_chair")
    if chief is None:
        return "the OGPU has no chairman"
    if chief != actor and state.leaders[chief].patron != actor and pact_strength(state, actor, chief) == 0 \
            and state.trust_of(chief, actor) < bal(state, "investigate", "chief_trust"):
        return f"the OGPU answers to {name(state, chief)}, who will not act for you"
    if target not in state.leaders or target == actor or not state.leaders[target].active:
        return "choose an active rival to investigate"
    return None


def investigate(state: GameState, actor: str, target: str, out: Out) -> None:
    secret = [p for p in state.pacts_of(target) if p.secret and not p.discovered]
    roll = draw(state, f"{state.quarter}:investigate:{actor}:{target}")
    chance = bal(state, "pact", "investigate_chance")
    if secret and roll < chance:
        discover(state, secret[0], actor, out)
    else:
        emit(state, out, "investigation", f"The OGPU watches {name(state, target)} for "
             f"{name(state, actor)} and finds nothing.", leader=actor, target=target,
             private_to=(actor,), roll=round(roll, 3), chance=chance)
