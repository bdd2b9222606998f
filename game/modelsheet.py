"""The model sheet: every mechanism, its formula and weights and what it simplifies, in plain words.

It is generated at run time from `docs/model.md` (the page the designers keep) and the numbers the
rules really use (`state.world.balance`, read from `game/data/balance.toml`), so it never goes
stale: each section ends with the live numbers of its mechanism, each `key` named in the prose is
followed by its value now, and a number in the prose that no longer matches the file is flagged.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODEL_MD = ROOT / "docs" / "model.md"
BALANCE = Path(__file__).resolve().parent / "data" / "balance.toml"

# Which tables of the balance file each section of the page explains (by words in its heading).
SECTION_TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("board", ("ideology", "campaign", "canvass")),
    ("quarter", ("turn", "offices", "mood", "economy")),
    ("vote", ("vote", "cc_vote")),
    ("appointment", ("appointment", "congress")),
    ("lists", ("slate",)),
    ("enrolment", ("enrolment",)),
    ("accusation", ("accusation", "investigate")),
    ("pact", ("pact",)),
    ("ending", ("power", "ending")),
    ("the ai", ("ai", "ai_scores")),
)


@dataclass
class Block:
    kind: str  # para | bullet | number | table | heading
    text: str
    level: int = 0  # nesting of a list item
    cells: list[str] = field(default_factory=list)  # a table row
    header: bool = False  # the first row of a table


@dataclass
class Live:
    table: str
    key: str
    value: Any
    note: str  # the comment beside the number in balance.toml


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    live: list[Live] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # numbers in the prose the file no longer has


# ---- reading the page ----------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITAL = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`(\s*=\s*\d+(?:\.\d+)?%?)?")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def plain(text: str) -> str:
    """Markdown inline marks to plain words (keys keep their back-quotes for `annotate`)."""
    text = _LINK.sub(r"\1", text)
    text = _BOLD.sub(r"\1", text)
    return _ITAL.sub(r"\1", text)


def parse(md: str) -> tuple[str, str, list[Section]]:
    """(title, introduction, sections) of a Markdown page: `#` title, `##` sections, paragraphs,
    bullet and numbered lists (nested by indentation) and pipe tables."""
    title, intro = "", []
    sections: list[Section] = []
    para: list[str] = []
    item: Block | None = None

    def flush() -> None:
        nonlocal para, item
        target = sections[-1].blocks if sections else None
        if para:
            text = plain(" ".join(x.strip() for x in para))
            if target is None:
                intro.append(text)
            else:
                target.append(Block("para", text))
            para = []
        if item is not None:
            item.text = plain(item.text)
            if target is not None:
                target.append(item)
            item = None

    for raw in md.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if not stripped:
            flush()
            continue
        if stripped.startswith("## "):
            flush()
            sections.append(Section(plain(stripped[3:].strip())))
            continue
        if stripped.startswith("# "):
            flush()
            title = plain(stripped[2:].strip())
            continue
        if stripped.startswith("### "):
            flush()
            if sections:
                sections[-1].blocks.append(Block("heading", plain(stripped[4:].strip())))
            continue
        if stripped.startswith("|"):
            flush()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                if sections and sections[-1].blocks and sections[-1].blocks[-1].kind == "table":
                    sections[-1].blocks[-1].header = True
                continue
            if sections:
                sections[-1].blocks.append(Block("table", "", cells=[plain(c) for c in cells]))
            continue
        bullet = re.match(r"^[-*]\s+(.*)$", stripped)
        number = re.match(r"^(\d+)[.)]\s+(.*)$", stripped)
        if bullet or number:
            flush()
            level = indent // 2
            if bullet:
                item = Block("bullet", bullet.group(1), level=level)
            else:
                item = Block("number", f"{number.group(1)}. {number.group(2)}", level=level)
            continue
        if item is not None and indent > 0:
            item.text += " " + stripped  # a list item's continuation line
            continue
        if item is not None:
            flush()
        para.append(stripped)
    flush()
    return title, " ".join(intro), sections


# ---- the live numbers ------------------------------------------------------------------------------

def balance_notes(path: Path = BALANCE) -> dict[tuple[str, str], str]:
    """The comment beside each number in balance.toml, keyed by (table, key)."""
    notes: dict[tuple[str, str], str] = {}
    table = ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return notes
    for line in lines:
        m = re.match(r"^\s*\[([\w.]+)\]", line)
        if m:
            table = m.group(1)
            continue
        m = re.match(r"^\s*(\w+)\s*=\s*[^#]*?(?:#\s*(.*))?$", line)
        if m and table:
            notes[(table, m.group(1))] = (m.group(2) or "").strip()
    return notes


def tables_for(title: str) -> tuple[str, ...]:
    low = title.lower()
    for word, tables in SECTION_TABLES:
        if word in low:
            return tables
    return ()


def fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {fmt(v)}" for k, v in value.items() if k != "name")
    return str(value)


def _find(balance: dict[str, Any], key: str, prefer: tuple[str, ...]) -> tuple[str, Any] | None:
    for table in (*prefer, *balance):
        section = balance.get(table)
        if isinstance(section, dict) and key in section and not isinstance(section[key], dict):
            return table, section[key]
    return None


_KEYED_NUMBER = re.compile(r"(±?)(\d+(?:\.\d+)?)(%?)((?:\s+[\w'’-]+){0,3})\s*\(`(\w+)`\)")
_KEY_EQUALS = re.compile(r"`(\w+)`\s*=\s*(\d+(?:\.\d+)?)(%?)")


def _same(prose: float, percent: bool, live: Any) -> bool:
    if isinstance(live, bool) or not isinstance(live, int | float):
        return True  # nothing to compare
    value = prose / 100 if percent else prose
    return abs(value - float(live)) < 1e-6 * max(1.0, abs(value))


def annotate(text: str, balance: dict[str, Any], prefer: tuple[str, ...], stale: list[str]) -> str:
    """Put each `key`'s value now beside it, and flag a number in the prose the file has changed."""
    for m in list(_KEYED_NUMBER.finditer(text)) + list(_KEY_EQUALS.finditer(text)):
        groups = m.groups()
        key, number, percent = (groups[4], groups[1], groups[2]) if len(groups) == 5 else groups
        found = _find(balance, key, prefer)
        if found is not None and not _same(float(number), percent == "%", found[1]):
            stale.append(f"The text says {number}{percent} for {key}; the game now uses {fmt(found[1])}.")

    def repl(m: re.Match[str]) -> str:
        key = m.group(1)
        found = _find(balance, key, prefer)
        if found is None:
            return key + (m.group(2) or "")
        return f"{key} = {fmt(found[1])}"

    return _CODE.sub(repl, text)


def build(balance: dict[str, Any], md: str | None = None) -> tuple[str, str, list[Section]]:
    """The sheet: the page's sections, each with its live numbers. Without the page (a packaged
    install without docs/), one section per table of the balance file."""
    notes = balance_notes()
    if md is None:
        try:
            md = MODEL_MD.read_text(encoding="utf-8")
        except OSError:
            md = ""
    title, intro, sections = parse(md) if md else ("How the model works", "", [])
    if not sections:
        intro = ("The page that explains the model (docs/model.md) is not installed with this copy of the game; "
                 "here are the numbers the rules use, table by table.")
        sections = [Section(f"The numbers: [{table}]") for table in balance]
    covered: set[str] = set()
    for sec in sections:
        prefer = tables_for(sec.title)
        if sec.title.startswith("The numbers: ["):
            prefer = (sec.title[len("The numbers: ["):-1],)
        for block in sec.blocks:
            block.text = annotate(block.text, balance, prefer, sec.stale)
            block.cells = [annotate(c, balance, prefer, sec.stale) for c in block.cells]
        for table in prefer:
            values = balance.get(table)
            if not isinstance(values, dict):
                continue
            covered.add(table)
            for key, value in values.items():
                sec.live.append(Live(table, key, value, notes.get((table, key), "")))
    rest = [t for t in balance if t not in covered and isinstance(balance[t], dict)]
    if rest:
        extra = Section("Other numbers")
        extra.blocks.append(Block("para", "The remaining numbers of the balance file, which the sections above do "
                                          "not explain in detail."))
        for table in rest:
            for key, value in balance[table].items():
                extra.live.append(Live(table, key, value, notes.get((table, key), "")))
        sections.append(extra)
    return title or "How the model works", intro, sections


def load_balance(path: Path = BALANCE) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def as_text(balance: dict[str, Any], section: str | None = None, md: str | None = None) -> list[str]:
    """The sheet (or one section, by number or by a word of its title) as plain lines."""
    from .errors import BadInput

    title, intro, sections = build(balance, md)
    if section is None:
        out = [title.upper(), intro, "", "Sections (model N, or model WORD, shows one):"]
        out += [f"  {i}. {s.title}" for i, s in enumerate(sections, 1)]
        return out
    pick = None
    if section.isdigit() and 1 <= int(section) <= len(sections):
        pick = sections[int(section) - 1]
    else:
        hits = [s for s in sections if section.lower() in s.title.lower()]
        pick = hits[0] if hits else None
    if pick is None:
        raise BadInput(f"no section of the model sheet matches {section!r} (model lists them)")
    out = [pick.title.upper()]
    for b in pick.blocks:
        if b.kind == "table":
            out.append("  " + " | ".join(b.cells))
        elif b.kind == "bullet":
            out.append("  " * (b.level + 1) + "- " + b.text)
        elif b.kind == "number":
            out.append("  " * (b.level + 1) + b.text)
        elif b.kind == "heading":
            out += ["", b.text.upper()]
        else:
            out.append(b.text)
    for note in pick.stale:
        out.append(f"  ! {note}")
    if pick.live:
        out += ["", "The game's numbers now (game/data/balance.toml):"]
        for lv in pick.live:
            out.append(f"  [{lv.table}] {lv.key} = {fmt(lv.value)}" + (f"  — {lv.note}" if lv.note else ""))
    return out
