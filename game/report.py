"""The debrief pack: everything a teacher hands out after a game, written into one folder.

    from game.report import write_pack
    write_pack(Session.load("class-3b.json"), Path("debrief"))

The folder works offline (from a USB stick): `index.html` with inline CSS and the charts as PNG
files beside it, the same content as `report.md`, four charts drawn with the window's own chart
code (`power.png`, `politburo.png`, `cc_share.png`, `mood.png`), and three tables for a
spreadsheet: `votes.csv` (every Politburo vote, one row per voter, with his reasons),
`decisions.csv` (every action of the game, in order, with the quarter it was taken in) and
`ledger.csv` (the game against the real timeline, with sources).

The pack is the historian's view: it shows everything, secret pacts included, and has a section
of what was hidden from the seats (game.historian). Nothing in it depends on the clock, so the
same save always gives byte-identical files. pygame is imported only to draw the charts.
"""

from __future__ import annotations

import csv
import html
import io
import os
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import actions as A
from . import history
from .calendar import long_date, quarter_index, quarter_name
from .rules import victory
from .rules.accusations import CHARGES
from .scenario import ROOT
from .wording import describe_action

SEEDS = ROOT / "seeds"

PAPER = "#F2E8D5"
PAPER_DARK = "#E5D7BD"
PAPER_DEEP = "#D4C2A3"
RED = "#B71C1C"
INK = "#181513"
INK_SOFT = "#544A40"
OCHRE = "#8A5A00"

OUTCOME_WORDS = {
    "sole_leader": "Sole leader",
    "dominant": "A dominant leader",
    "collective": "Collective leadership",
}
OUTCOME_HELP = {
    "sole_leader": "one man commands two thirds of the Politburo, holds a top office, and every rival "
                   "contender is out of it.",
    "dominant": "one man commands a majority of the Politburo, but rivals remain.",
    "collective": "no one commands a majority of the Politburo: the leaders must still rule together.",
}
CHARTS = (
    ("power.png", "Power of each contender",
     "The power score at the end of each quarter: offices, the Politburo votes a man can count on, his "
     "share of the Central Committee, regional machines, prestige and Lenin's mantle."),
    ("politburo.png", "The Politburo, quarter by quarter",
     "Full members (who vote) and candidates (who speak but do not vote) at the end of each quarter."),
    ("cc_share.png", "The Central Committee by patron",
     "The share of the Central Committee whose seats are owed to each contender, as each quarter began. "
     "Congresses re-elect the Committee from the regions' delegates."),
    ("mood.png", "The party's mood",
     "Where the rank and file stood as each quarter began: on the three axes (-1 to +1: NEP, one country "
     "and discipline below zero; industry, world revolution and inner democracy above), with unity and "
     "the Lenin cult (0 to 1)."),
)
CHART_SIZE = (1200, 520)
# Events worth a line in the pack's short chronicle of turning points.
TURNING_POINTS = ("death", "testament", "congress", "office_gained", "office_lost", "politburo_joined",
                  "politburo_left", "cc_left", "expelled", "exiled", "deported", "readmitted", "recanted",
                  "line_adopted", "backfire", "betrayal", "pact_discovered", "game_over")
# How much a milestone of each kind is worth a discussion question.
LOSSES = ("office_lost", "expelled", "deported", "exiled", "politburo_left", "cc_left")
QUESTION_WEIGHT = {"office_lost": 6, "expelled": 6, "deported": 5, "exiled": 5, "politburo_left": 5,
                   "recanted": 4, "readmitted": 3, "cc_left": 3, "office_gained": 3, "politburo_joined": 2,
                   "pact_formed": 2, "death": 0, "congress": 0, "plenum": 0, "enrolment": 1, "publication": 1}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


# ---- the seeds ----------------------------------------------------------------------------------

@cache
def _seed(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads((SEEDS / name).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def people() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in _seed("people.toml").get("person", []) if "id" in p}


def sources() -> dict[str, dict[str, str]]:
    return {k: v for k, v in _seed("sources.toml").items() if isinstance(v, dict)}


def date_words(date: str, quarter: str) -> str:
    """'1925-01-26' -> 'January 1925'; a bare year or an odd date falls back on the quarter."""
    parts = date.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return long_date(quarter)


# ---- a document, rendered both as HTML and as Markdown -----------------------------------------
# Inline text is a list of parts: a plain string, ("b", text), ("a", text, href), ("em", text),
# ("cls", text, css class) or ("id", anchor) (an HTML anchor, nothing in Markdown).

Inline = list[Any]


def _parts(parts: Inline | str | tuple) -> Inline:
    """One part (a string or a tuple) or a list of them, as a list."""
    return [parts] if isinstance(parts, str | tuple) else parts


def _inline_html(parts: Inline | str) -> str:
    parts = _parts(parts)
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(html.escape(p))
        elif p[0] == "b":
            out.append(f"<strong>{html.escape(p[1])}</strong>")
        elif p[0] == "em":
            out.append(f"<em>{html.escape(p[1])}</em>")
        elif p[0] == "a":
            out.append(f'<a href="{html.escape(p[2], quote=True)}">{html.escape(p[1])}</a>')
        elif p[0] == "cls":
            out.append(f'<span class="{html.escape(p[2], quote=True)}">{html.escape(p[1])}</span>')
        elif p[0] == "id":
            out.append(f'<span id="{html.escape(p[1], quote=True)}"></span>')
        elif p[0] == "br":
            out.append("<br>")
    return "".join(out)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})


def _md_escape(text: str) -> str:
    return text.translate(_MD_SPECIAL)


def _inline_md(parts: Inline | str) -> str:
    parts = _parts(parts)
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(_md_escape(p))
        elif p[0] in ("b", "em"):
            mark = "**" if p[0] == "b" else "*"
            text = p[1].strip()
            lead, trail = p[1][: len(p[1]) - len(p[1].lstrip())], p[1][len(p[1].rstrip()):]
            out.append(f"{lead}{mark}{_md_escape(text)}{mark}{trail}" if text else p[1])
        elif p[0] == "a":
            out.append(f"[{_md_escape(p[1])}]({p[2].replace(' ', '%20').replace(')', '%29')})")
        elif p[0] == "cls":
            out.append(_md_escape(p[1]))
        elif p[0] == "br":
            out.append(" — ")
    return " ".join("".join(out).split("\n")).strip()


@dataclass
class Heading:
    text: str
    anchor: str = ""
    level: int = 2


@dataclass
class Para:
    parts: Inline | str
    cls: str = ""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Inline | str]]
    cls: str = ""
    row_cls: list[str] = field(default_factory=list)


@dataclass
class Items:
    items: list[Inline | str]
    ordered: bool = False
    cls: str = ""


@dataclass
class Figure:
    src: str
    alt: str
    caption: str


Block = Heading | Para | Table | Items | Figure


def render_html(title: str, band: str, blocks: list[Block]) -> str:
    body: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            anchor = f' id="{html.escape(b.anchor, quote=True)}"' if b.anchor else ""
            body.append(f"<h{b.level}{anchor}>{html.escape(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            cls = f' class="{b.cls}"' if b.cls else ""
            body.append(f"<p{cls}>{_inline_html(b.parts)}</p>")
        elif isinstance(b, Table):
            cls = f' class="{b.cls}"' if b.cls else ""
            lines = [f"<table{cls}>", "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in b.headers)
                     + "</tr></thead>", "<tbody>"]
            for i, row in enumerate(b.rows):
                rc = b.row_cls[i] if i < len(b.row_cls) and b.row_cls[i] else ""
                rcls = f' class="{rc}"' if rc else ""
                lines.append(f"<tr{rcls}>" + "".join(f"<td>{_inline_html(c)}</td>" for c in row) + "</tr>")
            lines += ["</tbody>", "</table>"]
            body.append("\n".join(lines))
        elif isinstance(b, Items):
            tag = "ol" if b.ordered else "ul"
            cls = f' class="{b.cls}"' if b.cls else ""
            body.append(f"<{tag}{cls}>\n" + "\n".join(f"<li>{_inline_html(x)}</li>" for x in b.items)
                        + f"\n</{tag}>")
        elif isinstance(b, Figure):
            body.append(f'<figure><img src="{html.escape(b.src, quote=True)}" alt="{html.escape(b.alt, quote=True)}" '
                        f'width="{CHART_SIZE[0]}" height="{CHART_SIZE[1]}">'
                        f"<figcaption><strong>{html.escape(b.alt)}.</strong> {html.escape(b.caption)}</figcaption></figure>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
        f"<header class=\"band\"><div class=\"wrap\"><span class=\"star\">&#9733;</span> "
        f"{html.escape(band)}</div></header>\n<main class=\"wrap\">\n"
        + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def render_md(title: str, blocks: list[Block]) -> str:
    out = [f"# {_md_escape(title)}", ""]
    for b in blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + _md_escape(b.text), ""]
        elif isinstance(b, Para):
            text = _inline_md(b.parts)
            out += [f"> **{text}**" if b.cls == "outcome" else text, ""]
        elif isinstance(b, Table):
            out.append("| " + " | ".join(_md_escape(h) for h in b.headers) + " |")
            out.append("|" + "|".join("---" for _ in b.headers) + "|")
            for row in b.rows:
                out.append("| " + " | ".join(_inline_md(c) or " " for c in row) + " |")
            out.append("")
        elif isinstance(b, Items):
            for i, x in enumerate(b.items, 1):
                out.append(f"{i}. " + _inline_md(x) if b.ordered else "- " + _inline_md(x))
            out.append("")
        elif isinstance(b, Figure):
            out += [f"![{_md_escape(b.alt)}]({b.src})", "", f"*{_md_escape(b.alt)}.* {_md_escape(b.caption)}", ""]
    return "\n".join(out).rstrip() + "\n"


CSS = f"""
* {{ box-sizing: border-box; }}
html {{ background: {PAPER}; }}
body {{ margin: 0; background: {PAPER}; color: {INK};
  font-family: "DejaVu Sans", "Liberation Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.45; }}
.wrap {{ max-width: 1080px; margin: 0 auto; padding: 0 28px; }}
.band {{ background: {RED}; color: {PAPER}; padding: 14px 0; border-bottom: 6px solid {INK};
  font-family: "DejaVu Sans Condensed", "Arial Narrow", "Liberation Sans Narrow", sans-serif;
  font-weight: bold; letter-spacing: 0.12em; text-transform: uppercase; font-size: 15px; }}
.band .star {{ color: {PAPER}; margin-right: 6px; }}
main {{ padding-bottom: 48px; }}
h1 {{ font-family: "DejaVu Sans Condensed", "Arial Narrow", sans-serif; font-size: 38px; line-height: 1.1;
  margin: 26px 0 4px; text-transform: uppercase; letter-spacing: 0.02em; }}
h2 {{ font-family: "DejaVu Sans Condensed", "Arial Narrow", sans-serif; color: {RED}; font-size: 22px;
  text-transform: uppercase; letter-spacing: 0.06em; border-bottom: 3px solid {INK};
  margin: 38px 0 12px; padding-bottom: 3px; }}
h3 {{ font-family: "DejaVu Sans Condensed", "Arial Narrow", sans-serif; font-size: 16px; text-transform: uppercase;
  letter-spacing: 0.05em; margin: 22px 0 8px; }}
p {{ margin: 0 0 10px; }}
a {{ color: {RED}; }}
.sub {{ color: {INK_SOFT}; font-size: 14px; }}
.intro {{ font-style: italic; max-width: 860px; }}
.outcome {{ background: {INK}; color: {PAPER}; padding: 14px 18px; margin: 18px 0 10px;
  font-family: "DejaVu Sans Condensed", "Arial Narrow", sans-serif; font-weight: bold; font-size: 26px;
  letter-spacing: 0.03em; text-transform: uppercase; border-left: 12px solid {RED}; }}
.note {{ color: {INK_SOFT}; font-size: 13px; }}
.toc {{ columns: 2; font-size: 14px; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 13px; background: #F7F0E2; }}
th {{ background: {INK}; color: {PAPER}; text-align: left; padding: 5px 7px; font-weight: bold;
  font-family: "DejaVu Sans Condensed", "Arial Narrow", sans-serif; text-transform: uppercase;
  letter-spacing: 0.04em; font-size: 12px; }}
td {{ padding: 4px 7px; border-bottom: 1px solid {PAPER_DEEP}; vertical-align: top; }}
tbody tr:nth-child(even) td {{ background: {PAPER_DARK}; }}
.s-as_in_history {{ color: {INK}; }}
.s-earlier, .s-later {{ color: {OCHRE}; font-weight: bold; }}
.s-diverged {{ color: {RED}; font-weight: bold; }}
.s-pending {{ color: {INK_SOFT}; }}
.fallen {{ color: {RED}; }}
.yes {{ color: #266E34; font-weight: bold; white-space: nowrap; }}
.no {{ color: {RED}; font-weight: bold; white-space: nowrap; }}
figure {{ margin: 10px 0 22px; }}
figure img {{ display: block; width: 100%; height: auto; }}
figcaption {{ font-size: 13px; color: {INK_SOFT}; margin-top: 5px; }}
ol.questions {{ padding-left: 28px; }}
ol.questions li {{ font-size: 16px; margin: 0 0 12px; padding-left: 4px; }}
ol.questions li::marker {{ color: {RED}; font-weight: bold; }}
ul.sources {{ font-size: 12.5px; columns: 2; column-gap: 28px; padding-left: 18px; }}
ul.sources li {{ break-inside: avoid; margin-bottom: 3px; overflow-wrap: anywhere; }}
ul.chronicle {{ font-size: 13.5px; padding-left: 18px; }}
ul.historian {{ font-size: 13.5px; padding-left: 18px; }}
ul.historian li {{ margin-bottom: 7px; break-inside: avoid; }}
.alert {{ color: {RED}; font-weight: bold; }}
@media print {{
  html, body, table {{ background: #fff; }}
  .band {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  h2 {{ break-after: avoid; }}
  figure, tr {{ break-inside: avoid; }}
}}
"""


# ---- the game's facts ---------------------------------------------------------------------------

def outcome_of(session) -> dict[str, Any]:
    """The outcome of a finished game, or what it would be if the game stopped now."""
    st = session.state
    if st.outcome is not None:
        return st.outcome
    kind, top = victory.classify(st)
    return {"outcome": kind, "top_leader": top, "quarter": st.quarter,
            "decided": quarter_name(victory.decided(st, (kind, top))), "power": session.power(),
            "grades": {lid: victory.grade(st, lid) for lid in st.world.playable if lid in st.leaders},
            "fates": {lid: victory.fate(st, lid) for lid in st.leaders if lid != "lenin"}}


def contenders(session) -> list[str]:
    st = session.state
    return [lid for lid in st.world.playable if lid in st.leaders]


def politburo_votes(chronicle) -> list[Any]:
    """The Politburo's votes (each with its voters); Congress votes carry no ballots."""
    return [e for e in chronicle if e.kind == "vote" and "votes" in e.detail]


def condition_text(world, text: str) -> str:
    """An objective's condition in words: 'holds:general_secretary:stalin' -> 'Stalin holds ...'."""
    negate = text.startswith("!")
    parts = text.lstrip("!").split(":")
    kind = parts[0]
    n = world.name
    if kind == "sole_leader":
        out = f"{n(parts[1])} is sole leader"
    elif kind == "dominant":
        out = f"{n(parts[1])} dominates the Politburo"
    elif kind == "top_leader":
        out = f"{n(parts[1])} ends on top"
    elif kind == "holds":
        out = f"{n(parts[2])} holds the post of {world.office_name(parts[1])}"
    elif kind == "not_holds":
        out = f"{n(parts[2])} does not hold the post of {world.office_name(parts[1])}"
    elif kind == "in_politburo":
        out = f"{n(parts[1])} sits in the Politburo"
    elif kind == "not_expelled":
        out = f"{n(parts[1])} stays in the party"
    elif kind == "no_sole_leader":
        out = "nobody becomes sole leader"
    elif kind == "nep_kept":
        out = "NEP is kept"
    elif kind == "industrialisation":
        out = "the line turns to industrialisation"
    elif kind == "world_revolution":
        out = "the line turns to world revolution"
    else:
        out = text
    return f"not: {out}" if negate else out


def fall_quarter(session, lid: str) -> str | None:
    """When a leader reached his final status (expelled, exiled, deported, dead), if he did."""
    status = session.state.leaders[lid].status
    kind = {"dead": "death", "expelled": "expelled", "exiled": "exiled", "deported": "deported",
            "readmitted": "readmitted"}.get(status)
    if kind is None:
        return None
    when = None
    for e in session.chronicle:
        if e.kind == kind and e.leader == lid:
            when = e.turn
    return when


def plenum_for(chronicle, motion_id: int) -> Any | None:
    for e in chronicle:
        if e.kind == "plenum" and e.detail.get("motion") == motion_id:
            return e
    return None


def reasons_text(reasons) -> str:
    return "; ".join(f"{label} {value:+.1f}" for label, value in reasons)


def action_quarters(session) -> list[tuple[str, str, str]]:
    """Replay the action log on a fresh copy of the game: for each action, the quarter and the
    phase it was taken in, and the action in words as it read at that moment."""
    from .session import Session

    copy, switches = Session.start_of(session.to_save(), "game")
    out = []
    for i, raw in enumerate(session.log):
        out.append((copy.state.quarter, copy.state.phase, describe_action(copy.state, A.from_dict(raw))))
        copy.replay_move(i, raw, switches, "game")
    return out


# ---- discussion questions -----------------------------------------------------------------------

def _gap(n: int) -> str:
    return f"{n} quarter{'s' if n != 1 else ''}"


def milestone_question(session, row) -> str:
    st = session.state
    w = st.world
    m = row.milestone
    when = date_words(m.date, m.quarter)
    who = w.name(m.leader) if m.leader else ""
    if row.status in ("earlier", "later"):
        gap = _gap(abs(quarter_index(row.game_quarter) - m.index))
        loss = m.kind in LOSSES
        if row.status == "earlier":
            head = (f"In this game “{m.title}” happened already in {row.game_quarter}, {gap} earlier than in "
                    f"history ({when}).")
            if loss and who:
                return head + f" Who moved against {who} so soon, and why could nobody protect him?"
            if m.kind in ("recanted", "readmitted") and who:
                return head + f" Why did {who} give in so soon — and was it wise?"
            if m.kind in ("office_gained", "politburo_joined") and who:
                return head + f" Whose doing was {who}'s early rise, and what did it change?"
            return head + " Who forced the pace, and why could nobody stop it?"
        head = (f"In this game “{m.title}” came only in {row.game_quarter}, {gap} later than in history "
                f"({when}).")
        if loss and who:
            return head + f" What kept {who} safe for so long?"
        return head + " What held it back for so long?"
    lid = m.leader
    ld = st.leaders.get(lid) if lid else None
    end = quarter_name(min(st.turn, st.end))
    if m.kind == "office_lost" and lid and m.office and st.offices.get(m.office) == lid:
        return (f"In this game {who} kept the post of {w.office_name(m.office)} to the end ({end}) — "
                f"historically he lost it in {when} (“{m.title}”). What made the difference?")
    if m.kind in ("expelled", "exiled", "deported") and ld is not None and ld.status in ("active", "demoted", "readmitted"):
        return (f"Historically {who} was {m.kind} in {when} (“{m.title}”), but in this game he was still in the "
                f"party at the end ({end}). What protected him?")
    if m.kind == "politburo_left" and lid and st.in_politburo(lid):
        return (f"Historically {who} lost his Politburo seat in {when} (“{m.title}”); in this game he still sat "
                f"there at the end ({end}). Who kept him in, and why?")
    if m.kind == "recanted" and ld is not None:
        return (f"Historically {who} recanted in {when} (“{m.title}”); in this game he did not. "
                f"Was there nothing to recant, or did he hold out? Would recanting have helped him?")
    return (f"“{m.title}” ({when}) never happened in this game. What would have had to change for it to "
            f"happen, and did anyone try?")


def questions(session, ledger_rows) -> list[str]:
    """Five to eight questions for the class, each drawn from something that happened (or failed
    to happen) in this game."""
    st = session.state
    w = st.world
    o = outcome_of(session)
    playable = set(contenders(session))
    n = w.name
    first: list[str] = []
    later: list[str] = []

    # 1. the outcome against history
    top, kind = o["top_leader"], o["outcome"]
    how = {"sole_leader": "as sole leader", "dominant": "only as the dominant leader, with rivals still beside him",
           "collective": "only as first among equals in a collective leadership"}.get(kind, kind)
    since = (f"commanding the Politburo from {o['decided']}" if kind in victory.COMMANDING
             else f"the leadership collective from {o['decided']}")
    if top == "stalin" and kind == "sole_leader":
        first.append(f"As in history, Stalin ended this game as sole leader ({since}). "
                     "Which move made his victory irreversible — and who could still have stopped him before then?")
    elif top == "stalin":
        first.append(f"Stalin came out on top in this game, but {how} ({since}); historically, by "
                     "December 1929 he was the unchallenged leader of party and state. What held him back here?")
    else:
        first.append(f"In this game {n(top)} ended on top, {how} ({since}), whereas historically "
                     f"Stalin was the unchallenged leader by December 1929. What did {n(top)} do that Stalin could "
                     "not — or what did Stalin fail to do?")

    # 2. milestones that went otherwise, the weightiest first, one per leader
    scored = []
    for i, r in enumerate(ledger_rows):
        m = r.milestone
        if r.status not in ("earlier", "later", "diverged") or QUESTION_WEIGHT.get(m.kind, 1) == 0:
            continue
        if m.leader is not None and m.leader not in st.leaders:
            continue
        score = QUESTION_WEIGHT.get(m.kind, 1) + (10 if m.leader in playable else 0)
        if r.status in ("earlier", "later"):
            score += min(8, abs(quarter_index(r.game_quarter) - m.index))
        else:
            score += 3
        scored.append((-score, i, r))
    # the best of each kind (a date that moved, a thing that never happened), then the next best,
    # one question per leader
    ranked = [r for _, _, r in sorted(scored, key=lambda x: (x[0], x[1]))]
    picked: list[Any] = []
    for want_new_group in (True, False):
        for r in ranked:
            if len(picked) == 3:
                break
            group = r.status == "diverged"
            key = r.milestone.leader or r.milestone.id
            if r in picked or any((p.milestone.leader or p.milestone.id) == key for p in picked):
                continue
            if want_new_group and any((p.status == "diverged") == group for p in picked):
                continue
            picked.append(r)
    chosen = [milestone_question(session, r) for r in picked]
    first += chosen[:2]
    later += chosen[2:]

    # 3. the closest Politburo vote
    pv = politburo_votes(session.chronicle)
    if pv:
        close = min(pv, key=lambda e: (abs(e.detail["yes"] - e.detail["no"]), quarter_index(e.turn)))
        d = close.detail
        ballots = [(abs(info["lean"]), voter, info) for voter, info in d["votes"].items() if not info.get("human")]
        text = (f"The closest Politburo vote of this game was “{d['title']}” in {close.turn}: "
                f"{'carried' if d['passed'] else 'defeated'}, {d['yes']} to {d['no']}.")
        if ballots:
            _, voter, info = min(ballots, key=lambda b: (b[0], b[1]))
            why = f" (his weightiest reason: {info['reasons'][0][0]})" if info["reasons"] else ""
            text += f" The least certain voter was {n(voter)}, who voted {info['vote'].upper()}{why}."
        first.append(text + " What would it have taken to turn this vote, and who could have done it?")

    # 4. a failed accusation
    backfires = [e for e in session.chronicle if e.kind == "backfire"]
    if backfires:
        e = next((x for x in backfires if x.leader in playable and x.target in playable), backfires[0])
        charge = CHARGES.get(e.detail.get("charge") or "", "")
        count = Counter(x.leader for x in backfires)[e.leader]
        again = f" (in all, {count} of his charges failed)" if count > 1 else ""
        first.append(f"In {e.turn} {n(e.leader)} accused {n(e.target)}{' of ' + charge if charge else ''}, and the "
                     f"charge failed: it cost {n(e.leader)} prestige and his colleagues' trust{again}. Why did the "
                     f"party refuse to condemn {n(e.target)}, and when is it wise to accuse a rival?")

    # 5. a recantation
    recants = [e for e in session.chronicle if e.kind == "recanted"]
    if recants:
        real_recants = {r.milestone.leader for r in ledger_rows if r.milestone.kind == "recanted"}
        e = next((x for x in recants if x.leader in playable and x.leader in real_recants),
                 next((x for x in recants if x.leader in playable), recants[0]))
        times = sum(1 for x in recants if x.leader == e.leader)
        real = [r.milestone for r in ledger_rows if r.milestone.kind == "recanted" and r.milestone.leader == e.leader]
        hist = (f" Historically he recanted in {date_words(real[0].date, real[0].quarter)}." if real else "")
        more = f" ({times} times in all)" if times > 1 else ""
        first.append(f"In {e.turn} {n(e.leader)} recanted and admitted his “errors”{more}.{hist} What did he hope "
                     "to gain by it, what did it cost him, and why did the party demand recantations at all?")

    # 6. a pact betrayed
    betrayals = [e for e in session.chronicle if e.kind == "betrayal"]
    if betrayals:
        e = next((x for x in betrayals if x.leader in playable and x.target in playable), betrayals[0])
        first.append(f"In {e.turn} {n(e.leader)} voted against his own ally {n(e.target)}. What did he gain by "
                     "breaking faith, and why were alliances in the Politburo of the 1920s so fragile?")

    # fillers: the objectives, and a fate against history
    grades = o.get("grades", {})
    if grades:
        best = max(sorted(grades), key=lambda lid: grades[lid]["points"] / max(1, grades[lid]["max"]))
        g = grades[best]
        if best != top:
            later.append(f"{n(best)} scored best on his own objectives ({g['grade']}, {g['points']} of {g['max']}) "
                         f"although {n(top)} ended on top. Did he win or lose this game? What did each contender "
                         "really want?")
        else:
            low = min(sorted(grades), key=lambda lid: grades[lid]["points"] / max(1, grades[lid]["max"]))
            lg = grades[low]
            later.append(f"{n(best)} ended on top and met his objectives ({g['grade']}), while {n(low)} fared worst "
                         f"({lg['grade']}, {lg['points']} of {lg['max']}). Where did {n(low)} go wrong — "
                         "or could nobody in his place have done better?")
    real = people()
    for lid in contenders(session):
        if lid == top or lid not in o.get("fates", {}) or not real.get(lid, {}).get("fate_1929"):
            continue
        later.append(f"{n(lid)} ended this game {o['fates'][lid]}. By the end of 1929 the real {n(lid)} was in "
                     f"a different place: “{real[lid]['fate_1929']}” Which is the more likely ending, given "
                     "where he started?")
        break
    out = first + later
    return out[:8]


# ---- the pack -----------------------------------------------------------------------------------

def _link_sources(keys, known: dict[str, dict[str, str]]) -> Inline:
    parts: Inline = []
    for i, key in enumerate(keys):
        if i:
            parts.append(", ")
        parts.append(("a", key, f"#src-{key}") if key in known else key)
    return parts


def build(session, chart_files: list[str]) -> tuple[str, list[Block]]:
    """The pack's content as blocks, rendered to both HTML and Markdown."""
    st = session.state
    w = st.world
    n = w.name
    o = outcome_of(session)
    real = people()
    srcs = sources()
    cons = contenders(session)
    blocks: list[Block] = []
    title = f"Politburo — debrief: {w.title}"
    rows = history.ledger(session.chronicle, st.start, st.end, st.turn, over=st.over)

    # the heading
    first_month = long_date(quarter_name(st.start)).split("–")[0]
    last_month = long_date(quarter_name(st.end)).split("–")[1]
    span = (f"{quarter_name(st.start)}–{quarter_name(st.end)}: {first_month} {quarter_name(st.start)[:4]} to "
            f"{last_month}")
    humans = session.humans()
    seat_text = (f"played by the class as {', '.join(n(h) for h in humans)}; the computer played the others"
                 if humans else "every seat played by the computer")
    toggles = [w.toggles[t].title if t in w.toggles else t for t in st.toggles]
    blocks.append(Para([("b", f"Scenario {st.scenario_id}: {w.title}"), f" · {span}"], "sub"))
    blocks.append(Para(f"Seed {st.seed} · difficulty {session.difficulty} · {seat_text}"
                       + (f" · what-ifs: {'; '.join(toggles)}" if toggles else ""), "sub"))
    if w.intro:
        blocks.append(Para(w.intro, "intro"))
    blocks.append(Items([("a", text, f"#{anchor}") for anchor, text in (
        ("outcome", "The outcome"), ("objectives", "Objectives"), ("fates", "Fates: the game and history"),
        ("charts", "Charts"), ("ledger", "The game against history"), ("votes", "Key votes"),
        ("turning-points", "Turning points"), ("historian", "The historian's view"),
        ("questions", "Questions for discussion"), ("files", "Files in this pack"))],
        cls="toc"))

    # the outcome
    kind, top = o["outcome"], o["top_leader"]
    blocks.append(Heading("The outcome" if st.over else "The struggle so far", "outcome"))
    blocks.append(Para(f"{OUTCOME_WORDS.get(kind, kind)}: {n(top)} on top", "outcome"))
    ended = (f"The game ended in {o['quarter']} ({long_date(o['quarter'])})." if st.over
             else f"The game is not over: this is the position in {st.quarter}.")
    blocks.append(Para([("b", OUTCOME_WORDS.get(kind, kind) + ": "), OUTCOME_HELP.get(kind, ""), " The struggle was "
                        "decided in ", ("b", f"{o['decided']} ({long_date(o['decided'])})"),
                        f" — {victory.decided_words(kind, n(top))}. {ended}"]))
    if "stalin" in real and real["stalin"].get("fate_1929"):
        blocks.append(Para([("b", "In history: "), "Stalin. " + real["stalin"]["fate_1929"]], "note"))
    power = o.get("power", {})
    if power:
        ranking = sorted(cons, key=lambda lid: (-power.get(lid, 0.0), lid))
        blocks.append(Para("Power at the end: " + ", ".join(f"{n(lid)} {power.get(lid, 0.0):.0f}" for lid in ranking)
                           + ".", "note"))

    # objectives
    blocks.append(Heading("Objectives", "objectives"))
    blocks.append(Para("Each contender had his own objective, graded from the position at the end. The "
                       "conditions met are marked ✓, those missed ✗.", "note"))
    grades = o.get("grades", {})
    orows = []
    for lid in sorted(grades, key=lambda k: (-grades[k]["points"] / max(1, grades[k]["max"]), cons.index(k) if k in cons else 99)):
        g = grades[lid]
        met = "; ".join(f"{'✓' if ok else '✗'} {condition_text(w, c)}" for c, ok in g["met"])
        who = n(lid) + (" (the class)" if session.is_human(lid) else "")
        orows.append([who, g["grade"], f"{g['points']} / {g['max']}", g["summary"], met])
    blocks.append(Table(["Contender", "Grade", "Points", "Objective", "Conditions"], orows))

    # fates
    blocks.append(Heading("Fates: the game and history", "fates"))
    blocks.append(Para("Every leader's position at the end of this game, beside where the real man stood at the "
                       "end of 1929 (from the game's sources; contenders in bold).", "note"))
    fates = o.get("fates", {})
    order = cons + [lid for lid in w.leaders if lid not in cons and lid in fates]
    frows = []
    for lid in order:
        if lid not in fates:
            continue
        game = fates[lid]
        when = fall_quarter(session, lid)
        if when:
            game += f" (from {when})"
        fallen = st.leaders[lid].status in ("expelled", "exiled", "deported", "dead")
        person = real.get(lid, {})
        hist: Inline = [person.get("fate_1929", "—")]
        if person.get("sources"):
            hist += [" [", *_link_sources(person["sources"], srcs), "]"]
        frows.append([[("b", n(lid))] if lid in cons else n(lid), [("cls", game, "fallen")] if fallen else game, hist])
    blocks.append(Table(["Leader", "In this game", "By the end of 1929, in history"], frows, cls="fates"))

    # charts
    blocks.append(Heading("Charts", "charts"))
    for fname, alt, caption in CHARTS:
        if fname in chart_files:
            blocks.append(Figure(fname, alt, caption))

    # the ledger
    blocks.append(Heading("The game against history", "ledger"))
    counts = Counter(r.status for r in rows)
    blocks.append(Para(f"{counts['as_in_history']} of {len(rows)} milestones of the real timeline happened in the "
                       f"same quarter as in history; {counts['earlier']} came earlier, {counts['later']} later, and "
                       f"{counts['diverged']} never happened in this game"
                       + (f"; {counts['pending']} were not yet due" if counts["pending"] else "") + "."))
    lrows = []
    cited: list[str] = []
    for r in rows:
        m = r.milestone
        status = history.STATUS_LABELS[r.status]
        if r.game_quarter and r.status in ("earlier", "later"):
            status += f" ({r.game_quarter})"
        lrows.append([m.quarter, date_words(m.date, m.quarter), [("b", m.title), " — " + m.text if m.text else ""],
                      [("cls", status, f"s-{r.status}")], _link_sources(m.sources, srcs), m.confidence])
        cited += [k for k in m.sources if k not in cited]
    blocks.append(Table(["Real", "Date", "Milestone", "In this game", "Sources", "Conf."], lrows, cls="ledger"))
    for lid in order:
        for k in real.get(lid, {}).get("sources", []):
            if k not in cited:
                cited.append(k)
    blocks.append(Heading("Sources", "sources", 3))
    blocks.append(Para("Confidence: H high (sources agree), M medium (one secondary source), C conflicting, "
                       "U unverified general knowledge.", "note"))
    items: list[Inline | str] = []
    for key in sorted(cited):
        s = srcs.get(key)
        if s is None:
            items.append([("b", key), ": general knowledge" if key == "GENERAL" else ""])
            continue
        entry: Inline = [("id", f"src-{key}"), ("b", key), ": " + s.get("title", "")]
        if s.get("url"):
            entry += [" — ", ("a", s["url"], s["url"])]
        elif s.get("where"):
            entry += [f" ({s['where']})"]
        items.append(entry)
    blocks.append(Items(items, cls="sources"))

    # the votes
    blocks.append(Heading("Key votes", "votes"))
    pv = politburo_votes(session.chronicle)
    blocks.append(Para(f"Every vote of the Politburo in this game ({len(pv)}), with each member's ballot. Why each "
                       "man voted as he did is in votes.csv (his reasons, with their weights).", "note"))
    vrows = []
    for e in pv:
        d = e.detail
        yes = [n(v) + (" (class)" if i.get("human") else "") for v, i in d["votes"].items() if i["vote"] == "yes"]
        no = [n(v) + (" (class)" if i.get("human") else "") for v, i in d["votes"].items() if i["vote"] != "yes"]
        result: Inline = [("cls", f"{'carried' if d['passed'] else 'defeated'} {d['yes']}–{d['no']}",
                           "yes" if d["passed"] else "no")]
        plenum = plenum_for(session.chronicle, d.get("motion")) if d["passed"] else None
        if plenum is not None:
            p = plenum.detail
            result += [f"; CC plenum {'ratified' if p['passed'] else 'refused'} {p['yes']}–{p['no']}"]
        vrows.append([e.turn, d["title"], result, ", ".join(yes) or "—", ", ".join(no) or "—"])
    blocks.append(Table(["Quarter", "Motion", "Result", "For", "Against"], vrows, cls="votes"))
    others = [e for e in session.chronicle if e.kind == "plenum" or (e.kind == "vote" and "votes" not in e.detail)]
    if others:
        blocks.append(Heading("Plenums and Congresses", "", 3))
        blocks.append(Items([[("b", e.turn + ": "), e.text] for e in others], cls="chronicle"))

    # turning points
    blocks.append(Heading("Turning points", "turning-points"))
    blocks.append(Para("The chronicle of this game, shortened to deaths, Congresses, offices, Politburo seats, "
                       "expulsions, recantations, failed charges and broken faith. Secret events are shown too: "
                       "this pack is the historian's view.", "note"))
    tp = [e for e in session.chronicle if e.kind in TURNING_POINTS]
    by_q: dict[str, list[str]] = {}
    for e in tp:
        by_q.setdefault(e.turn, []).append(e.text)
    blocks.append(Items([[("b", f"{q} "), " ".join(texts)] for q, texts in by_q.items()], cls="chronicle"))

    blocks += historian_blocks(session)

    # questions
    blocks.append(Heading("Questions for discussion", "questions"))
    blocks.append(Items(questions(session, rows), ordered=True, cls="questions"))

    # files
    blocks.append(Heading("Files in this pack", "files"))
    files = [("report.md", "this page as Markdown"),
             ("votes.csv", "every Politburo vote, one row per voter, with his lean and his reasons"),
             ("decisions.csv", "every action of the game in order, with the quarter it was taken in"),
             ("ledger.csv", "the milestones of the real timeline against this game, with sources")]
    files += [(f, alt) for f, alt, _ in CHARTS if f in chart_files]
    blocks.append(Items([[("a", f, f), f": {what}"] for f, what in files]))
    blocks.append(Para("Made by Politburo from the saved game; it replays exactly from the save, seed "
                       f"{st.seed}. Open the CSV files in any spreadsheet.", "note"))
    return title, blocks


def historian_blocks(session) -> list[Block]:
    """The historian's view (game.historian): what was hidden from each seat during play. A head line
    and the lines under it make one item; a line the debrief should not miss is in red."""
    from . import historian

    blocks: list[Block] = [
        Heading("The historian's view", "historian"),
        Para("Everything that was hidden from the seats while they played: secret pacts, moves made in "
             "private, what each man privately thought of each seat, the votes chance decided, and what "
             "the computer's contenders had in view.", "note")]
    for sec in historian.reveal(session):
        blocks += [Heading(sec.title, f"historian-{sec.key}", 3), Para(sec.intro, "intro")]
        items: list[Inline] = []
        loose: list[str] = []
        for line in sec.lines:
            part: Any = ("cls", line.text, "alert") if line.alert else \
                ("cls", line.text, "note") if line.style == "note" else line.text
            if line.style == "head":
                items.append([("b", line.text)])
            elif items:
                items[-1] += [("br",), part]
            else:
                loose.append(line.text)
        blocks += [Para(text, "note") for text in loose]
        if items:
            blocks.append(Items(items, cls="historian"))
    return blocks


def _csv(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row])
    return buf.getvalue()


def votes_csv(session) -> str:
    w = session.state.world
    rows: list[list[Any]] = [["quarter", "motion", "title", "passed", "yes", "no", "voter", "voter_name", "vote",
                              "lean", "waver", "human", "reasons"]]
    for e in politburo_votes(session.chronicle):
        d = e.detail
        for voter, info in d["votes"].items():
            rows.append([e.turn, d.get("motion"), d["title"], d["passed"], d["yes"], d["no"], voter, w.name(voter),
                         info["vote"], f"{info['lean']:.1f}", f"{info['waver']:.1f}", bool(info.get("human")),
                         reasons_text(info["reasons"])])
    return _csv(rows)


def decisions_csv(session) -> str:
    w = session.state.world
    keys = sorted({k for raw in session.log for k in raw} - {"kind", "actor"})
    rows: list[list[Any]] = [["index", "quarter", "phase", "actor", "actor_name", "human", "kind", "description", *keys]]
    for i, (raw, (quarter, phase, words)) in enumerate(zip(session.log, action_quarters(session), strict=True)):
        actor = raw.get("actor")
        rows.append([i, quarter, phase, actor, w.name(actor), session.is_human(actor), raw.get("kind"), words,
                     *[raw.get(k) for k in keys]])
    return _csv(rows)


def ledger_csv(session) -> str:
    st = session.state
    rows: list[list[Any]] = [["milestone", "real_quarter", "date", "status", "game_quarter", "title", "sources",
                              "confidence"]]
    for r in history.ledger(session.chronicle, st.start, st.end, st.turn, over=st.over):
        m = r.milestone
        rows.append([m.id, m.quarter, m.date, r.status, r.game_quarter, m.title, "; ".join(m.sources), m.confidence])
    return _csv(rows)


# ---- charts ------------------------------------------------------------------------------------

def draw_charts(session, out_dir: Path, colour_blind: bool = False) -> list[Path]:
    """The four charts as PNGs, drawn by the window's chart code (pygame lives in game/ui only)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .ui.export import (
        draw_charts as draw,  # chooses the dummy driver itself when no window is up
    )

    return draw(session, out_dir, colour_blind)


def write_pack(session, out_dir: Path, colour_blind: bool = False) -> list[Path]:
    """Write the debrief pack of a game into out_dir (created if need be); returns the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = draw_charts(session, out_dir, colour_blind)
    title, blocks = build(session, [p.name for p in written])
    st = session.state
    band = f"Politburo · debrief · {st.world.title} · {quarter_name(st.start)}–{quarter_name(st.end)}"
    texts = {
        "index.html": render_html(title, band, [Heading(title, "", 1), *blocks]),
        "report.md": render_md(title, blocks),
        "votes.csv": votes_csv(session),
        "decisions.csv": decisions_csv(session),
        "ledger.csv": ledger_csv(session),
    }
    for fname, text in texts.items():
        path = out_dir / fname
        encoding = "utf-8-sig" if fname.endswith(".csv") else "utf-8"  # the BOM tells Excel it is UTF-8
        with open(path, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
        written.append(path)
    order = ["index.html", "report.md", *(f for f, _, _ in CHARTS), "votes.csv", "decisions.csv", "ledger.csv"]
    return sorted(written, key=lambda p: order.index(p.name))
