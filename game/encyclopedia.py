"""The encyclopedia: people, terms and sources from seeds/, for the window and the terminal.
Everything here is in our own words, with the source keys of ../shared/history/history.md."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from .scenario import ROOT

# ---- the encyclopedia's seeds -------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    id: str
    kind: str  # person | term
    title: str
    subtitle: str
    fields: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    confidence: str
    see_also: tuple[str, ...] = ()

    @property
    def haystack(self) -> str:
        return " ".join([self.title, self.subtitle, *(v for _, v in self.fields)]).lower()


def _seeds_dir():
    return ROOT / "seeds"


@cache
def _load(name_: str) -> dict[str, Any]:
    try:
        return tomllib.loads((_seeds_dir() / name_).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def sources() -> dict[str, dict[str, str]]:
    return {k: v for k, v in _load("sources.toml").items() if isinstance(v, dict)}


@cache
def encyclopedia() -> tuple[Entry, ...]:
    out: list[Entry] = []
    for p in _load("people.toml").get("person", []):
        years = f"{p.get('born', '?')}–{p.get('died', '?')}" if p.get("born") else ""
        fields = [
            ("Base of power", p.get("base", "")),
            ("Line", p.get("line", "")),
            ("Traits", ", ".join(p.get("traits", []))),
            ("Lenin's Testament", p.get("testament", "")),
            ("By the end of 1929", p.get("fate_1929", "")),
            ("Later", p.get("later", "")),
            ("Note", p.get("note", "")),
        ]
        out.append(Entry(p["id"], "person", p.get("name", p["id"]),
                         " · ".join(x for x in (p.get("full_name", ""), years) if x),
                         tuple((k, v) for k, v in fields if v), tuple(p.get("sources", [])),
                         p.get("confidence", "")))
    for term in _load("glossary.toml").get("term", []):
        fields = [("Definition", term.get("definition", "")), ("Note", term.get("note", ""))]
        out.append(Entry(term["id"], "term", term.get("term", term["id"]), "Glossary",
                         tuple((k, v) for k, v in fields if v), tuple(term.get("sources", [])),
                         term.get("confidence", ""), tuple(term.get("see_also", []))))
    return tuple(out)


CONFIDENCE = {"H": "high — two or more sources agree", "M": "medium — one secondary source",
              "C": "conflicting sources", "U": "unverified general knowledge"}




def search(query: str, limit: int = 12) -> list[Entry]:
    """Entries whose id or title starts with the query first, then those that mention it."""
    q = query.lower().strip()
    if not q:
        return []
    entries = encyclopedia()
    exact = [e for e in entries if e.id == q or e.title.lower() == q]
    starts = [e for e in entries if e not in exact and (e.id.startswith(q) or e.title.lower().startswith(q))]
    mentions = [e for e in entries if e not in exact and e not in starts and q in e.haystack]
    return (exact + starts + mentions)[:limit]
