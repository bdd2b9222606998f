"""Quarters from 1924Q1 to 1929Q4. A turn is one quarter."""

from __future__ import annotations

import re

_QUARTER = re.compile(r"^(19\d\d)Q([1-4])$")
MONTHS = {1: "January–March", 2: "April–June", 3: "July–September", 4: "October–December"}


def parse_quarter(text: str) -> tuple[int, int]:
    """'1925Q3' -> (1925, 3). Raises ValueError with a readable message."""
    match = _QUARTER.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"not a quarter like 1924Q1 (got {text!r})")
    return int(match.group(1)), int(match.group(2))


def quarter_index(text: str) -> int:
    """Absolute index: quarters since 1900Q1, so quarters compare and subtract."""
    year, q = parse_quarter(text)
    return (year - 1900) * 4 + (q - 1)


def quarter_name(index: int) -> str:
    return f"{1900 + index // 4}Q{index % 4 + 1}"


def add_quarters(text: str, n: int) -> str:
    return quarter_name(quarter_index(text) + n)


def quarters_between(start: str, end: str) -> int:
    """Number of turns from start to end inclusive."""
    return quarter_index(end) - quarter_index(start) + 1


def long_date(text: str) -> str:
    year, q = parse_quarter(text)
    return f"{MONTHS[q]} {year}"
