"""The historian's view: at the end of a game, everything that was hidden from the seats.

During play each leader sees only his own view (game.rules.knowledge): secret pacts are known
to their members, canvassing and the OGPU's fruitless watch stay private, and nobody reads
another man's trust. The debrief is where the class should learn what it could not see; this
module gathers it from the chronicle and the final state, for the window and the terminal alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .events import Event
from .rules.power import counts_on

HIDDEN_KINDS = {
    "pact_formed": "formed a secret pact",
    "pact_refused": "had a secret offer of a pact turned down",
    "pact_broken": "broke a pact nobody else knew of",
    "investigation": "set the OGPU on a rival, who was found clean",
    "canvass": "canvassed a colleague in private",
}


@dataclass
class Line:
    text: str
    style: str = "text"  # head | text | note
    leader: str | None = None  # whose colour to show beside it
    alert: bool = False  # the line a debrief should not miss (shown in red)


@dataclass
class Section:
    key: str
    title: str
    intro: str
    lines: list[Line] = field(default_factory=list)


def seats_of(session) -> list[str]:
    """The seats the view is written for: the human players, or every contender in an AI game."""
    st = session.state
    humans = session.humans()
    return humans or [lid for lid in st.world.playable if lid in st.leaders]


def secret_pacts(session) -> Section:
    st = session.state
    w = st.world
    sec = Section("pacts", "Secret pacts",
                  "Every secret pact of the game: who made it and when, whether it came to light, and how it ended. "
                  "Until it was discovered, only its members knew of it — it was left out of everybody else's whip counts.")
    formed = [e for e in session.chronicle if e.kind == "pact_formed" and e.detail.get("secret")]
    if not formed:
        sec.lines.append(Line("No secret pact was made in this game.", "note"))
    alive = {p.id: p for p in st.pacts}
    for e in formed:
        pid = e.detail.get("pact")
        members = [m for m in (e.leader, e.target) if m]
        found = next((x for x in session.chronicle if x.kind == "pact_discovered" and x.detail.get("pact") == pid), None)
        ended = next((x for x in session.chronicle if x.kind == "pact_broken" and x.detail.get("pact") == pid), None)
        who = " and ".join(w.name(m) for m in members)
        offer = f" ({w.name(e.leader)}'s offer)" if e.leader and len(members) > 1 else ""
        sec.lines.append(Line(f"{e.turn}: {who} make a secret pact{offer}", "head", members[0] if members else None))
        if found is not None:
            by = f"by {w.name(found.leader)}'s OGPU" if found.leader else "by an informer (chance)"
            sec.lines.append(Line(f"Discovered in {found.turn}, {by}: from then on it was evidence of factionalism.",
                                  alert=True))
        else:
            sec.lines.append(Line("Never discovered: the others played without knowing of it.", "text"))
        if ended is not None:
            sec.lines.append(Line(f"Ended in {ended.turn}: {_strip(ended.text)}", "note"))
        elif pid in alive:
            sec.lines.append(Line(f"Still binding at the end (strength {alive[pid].strength:.2f}).", "note"))
    opened = sum(1 for e in session.chronicle if e.kind == "pact_formed" and not e.detail.get("secret"))
    if opened:
        sec.lines.append(Line(f"Besides these, {opened} open pact{'s were' if opened != 1 else ' was'} made, "
                              "in plain view of everyone.", "note"))
    return sec


def hidden_moves(session) -> Section:
    st = session.state
    w = st.world
    sec = Section("moves", "Hidden moves",
                  "What each contender did that the others never saw: secret offers, private canvassing, the "
                  "OGPU watching a rival. A player's own hidden moves are marked.")
    private = [e for e in session.chronicle if e.private_to]
    by_leader: dict[str, list[Event]] = {}
    for e in private:
        if e.leader:
            by_leader.setdefault(e.leader, []).append(e)
    order = [lid for lid in seats_of(session) if lid in by_leader] + \
        sorted(lid for lid in by_leader if lid not in seats_of(session))
    if not order:
        sec.lines.append(Line("Nobody made a move in secret.", "note"))
    for lid in order:
        events = by_leader[lid]
        mark = " (a player)" if session.is_human(lid) else ""
        counts: dict[str, int] = {}
        for e in events:
            counts[e.kind] = counts.get(e.kind, 0) + 1
        summary = ", ".join(f"{n}× {HIDDEN_KINDS.get(k, k.replace('_', ' '))}" for k, n in counts.items())
        sec.lines.append(Line(f"{w.name(lid)}{mark}: {summary}", "head", lid))
        for e in events[-8:]:
            sec.lines.append(Line(f"{e.turn}: {_strip(e.text)}", "text"))
        if len(events) > 8:
            sec.lines.append(Line(f"… and {len(events) - 8} earlier.", "note"))
    return sec


def trust_toward_seats(session) -> Section:
    st = session.state
    w = st.world
    sec = Section("trust", "Private loyalties",
                  "How far each man trusted each seat at the end (−1 to +1), which no player could read on the board, "
                  "and whose vote the seat could count on in a split Politburo.")
    others = [lid for lid in st.leaders if lid != "lenin" and st.leaders[lid].active]
    for seat in seats_of(session):
        if seat not in st.leaders:
            continue
        mark = " (a player)" if session.is_human(seat) else ""
        sec.lines.append(Line(f"Toward {w.name(seat)}{mark}", "head", seat))
        rows = sorted(((st.trust_of(o, seat), o) for o in others if o != seat), reverse=True)
        friends = [f"{w.name(o)} {t:+.2f}" for t, o in rows if t >= 0.25][:6]
        foes = [f"{w.name(o)} {t:+.2f}" for t, o in reversed(rows) if t <= -0.25][:6]
        sec.lines.append(Line("Trusted him: " + (", ".join(friends) or "nobody much"), "text"))
        sec.lines.append(Line("Distrusted him: " + (", ".join(foes) or "nobody much"), alert=bool(foes)))
        votes = [w.name(v) for v in st.politburo_full if v != seat and st.leaders[v].active and counts_on(st, seat, v)]
        if votes:
            sec.lines.append(Line("Would have voted with him in a split: " + ", ".join(votes), "note"))
        clients = [w.name(lid) for lid, ld in st.leaders.items() if ld.patron == seat and ld.active]
        if clients:
            sec.lines.append(Line("His clients: " + ", ".join(clients), "note"))
    return sec


def ai_intentions(session) -> Section:
    """What each AI contender was set on. The AI keeps no diary, so this is reconstructed from
    the end position: the rival he feared most and the moves he rated highest."""
    from . import wording
    from .ai import heuristic
    from .rules import knowledge
    from .rules.power import power_table

    st = session.state
    w = st.world
    sec = Section("ai", "The AI's intentions",
                  "The AI records no diary; this is what each computer-played contender had in view at the end: the "
                  "rival he feared most, and the moves he rated highest from what he could see.")
    ais = [lid for lid in w.playable if lid in st.leaders and not session.is_human(lid) and st.leaders[lid].active]
    if not ais:
        sec.lines.append(Line("Every contender still in the party was played by a person.", "note"))
    table = power_table(st)
    total = sum(table.values()) or 1.0
    for lid in ais:
        seen = knowledge.view(st, lid)
        rivals = [c for c in w.playable if c != lid and c in st.leaders and st.leaders[c].active]
        feared = min(rivals, key=lambda c: (st.trust_of(lid, c) - table.get(c, 0) / total, c)) if rivals else None
        sec.lines.append(Line(w.name(lid) + (f" feared {w.name(feared)} most; next on his list:" if feared else
                                             ": next on his list:"), "head", lid))
        try:
            cands = sorted(heuristic.candidates(seen, lid, session.difficulty), key=lambda c: -c[0])
        except Exception:  # noqa: BLE001 - a reconstruction must never break the debrief
            cands = []
        shown = 0
        seen_kinds: set[str] = set()
        for score, action, _gate in cands:
            text = wording.describe_action(st, action)
            if score <= 1.0 or text in seen_kinds:
                continue
            seen_kinds.add(text)
            sec.lines.append(Line(f"· {text}", "text"))
            shown += 1
            if shown >= 3:
                break
        if not shown:
            sec.lines.append(Line("had nothing left worth an action point", "note"))
    return sec


def close_calls(session) -> Section:
    """The votes that chance decided: a voter whose wavering carried him across his own lean."""
    w = session.state.world
    sec = Section("chance", "Decided by chance",
                  "Votes in which a member's small seeded wavering outweighed his reasons — and whether it changed "
                  "the result. Everything else was decided by the visible sum of reasons.")
    for e in session.past_votes():
        d = e.detail
        turned = [(v, info) for v, info in d.get("votes", {}).items()
                  if not info.get("human") and (info["lean"] > 0) != (info["vote"] == "yes")]
        if not turned:
            continue
        yes, no = d.get("yes", 0), d.get("no", 0)
        # the vote as the reasons alone would have cast it
        yes_cf = yes - sum(1 for _, i in turned if i["vote"] == "yes") + sum(1 for _, i in turned if i["vote"] == "no")
        decisive = (yes_cf > yes + no - yes_cf) != bool(d.get("passed"))
        sec.lines.append(Line(f"{e.turn}: \"{d.get('title', '')}\" — {'carried' if d.get('passed') else 'defeated'} "
                              f"{yes} to {no}" + ("; chance decided it" if decisive else "; the result would have "
                                                  "been the same"), "head", alert=decisive))
        for v, info in turned:
            sec.lines.append(Line(f"{w.name(v)} leaned {info['lean']:+.1f} but wavered {info['waver']:+.1f}: "
                                  f"voted {info['vote'].upper()}", "text", v))
    if not sec.lines:
        sec.lines.append(Line("No vote of this game turned on chance: every member voted his reasons.", "note"))
    return sec


def reveal(session) -> list[Section]:
    """The whole historian's view, in the order a debrief reads it."""
    return [secret_pacts(session), hidden_moves(session), trust_toward_seats(session), close_calls(session),
            ai_intentions(session)]


def as_text(session) -> list[str]:
    """The historian's view as plain lines (the terminal, a file)."""
    out = ["THE HISTORIAN'S VIEW — everything that was hidden from the seats"]
    for sec in reveal(session):
        out += ["", sec.title.upper(), sec.intro]
        for line in sec.lines:
            indent = "  " if line.style == "head" else "    "
            out.append(indent + line.text)
    return out


def _strip(text: str) -> str:
    return text.rstrip(".") + "."
