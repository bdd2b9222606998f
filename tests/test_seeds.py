"""Consistency checks for the historical fact base in seeds/ (see seeds/README.md).

These tests read only the TOML data: every fact carries sources that resolve, ids are unique
and cross-reference cleanly, dates agree with their game quarters, and every leader a scenario
uses has a biography.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SCENARIOS = ROOT / "scenarios"

CONFIDENCE = {"H", "M", "C", "U"}
GENERAL = "GENERAL"
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
SOURCE_KEY = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")
# A source key cited in brackets inside prose, e.g. "[WP-BUKH]" or "[GSE12]"; the one-letter
# confidence tags [H] [M] [C] [U] do not match.
CITED_KEY = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|[A-Z]{2,}[0-9]*)\]")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QUARTER = re.compile(r"^(\d{4})Q([1-4])$")

KINDS = {
    "death", "enrolment", "office_gained", "office_lost", "politburo_joined", "politburo_left",
    "cc_left", "expelled", "exiled", "deported", "recanted", "readmitted", "congress", "plenum",
    "publication", "pact_formed",
}
OFFICES = {
    "general_secretary", "sovnarkom_chair", "war_commissar", "comintern_chair", "pravda_editor",
    "trade_unions_chair", "ogpu_chair", "ccc_chair", "vesenkha_chair", "leningrad_chief",
    "moscow_chief", "head_of_state", "sto_chair",
}
RANKS = {"full", "candidate"}
GAME_START, GAME_END = "1924Q1", "1929Q4"

LEADERS = {
    "stalin", "trotsky", "zinoviev", "kamenev", "bukharin", "rykov", "tomsky", "molotov",
    "kalinin", "voroshilov", "rudzutak", "kuibyshev", "kirov", "uglanov", "frunze",
    "dzerzhinsky", "lenin", "krupskaya", "sokolnikov", "ordzhonikidze", "kaganovich", "andreyev",
    "mikoyan", "petrovsky", "chubar", "kosior", "yagoda", "menzhinsky", "zelensky", "yevdokimov",
    "lashevich", "radek", "preobrazhensky", "pyatakov", "bauman", "syrtsov",
}
TESTAMENT_SUBJECTS = {"stalin", "trotsky", "zinoviev", "kamenev", "bukharin", "pyatakov"}
PERSON_FIELDS = (
    "id", "name", "full_name", "born", "died", "base", "line", "traits", "fate_1929", "later",
    "sources", "confidence",
)
REQUIRED_TERMS = {
    "politburo", "orgburo", "secretariat", "general_secretary", "central_committee",
    "central_control_commission", "party_congress", "party_conference", "plenum", "nomenklatura",
    "uchraspred", "orgraspred", "factionalism", "ban_on_factions", "nep", "scissors_crisis",
    "permanent_revolution", "socialism_in_one_country", "lenin_enrolment", "lenins_testament",
    "ogpu", "comintern", "sovnarkom", "vesenkha", "gosplan", "sto", "rabkrin", "trade_unions",
    "left_opposition", "new_opposition", "united_opposition", "right_deviation", "troika",
    "kulak", "grain_crisis", "procurement", "five_year_plan", "collectivisation", "shakhty_trial",
    "war_scare", "lessons_of_october", "declaration_of_46", "new_course", "recantation",
    "internal_exile", "deportation", "candidate_member", "old_bolsheviks", "platform",
}


# ---- loading ------------------------------------------------------------------------------------

@cache
def _load(name: str) -> dict:
    with (SEEDS / name).open("rb") as f:
        return tomllib.load(f)


def events() -> list[dict]:
    return _load("timeline.toml")["event"]


def people() -> list[dict]:
    return _load("people.toml")["person"]


def terms() -> list[dict]:
    return _load("glossary.toml")["term"]


def sources() -> dict[str, dict]:
    return _load("sources.toml")


def entries() -> list[tuple[str, dict]]:
    """Every sourced entry in the three fact files, labelled for error messages."""
    return (
        [(f"timeline:{e.get('id')}", e) for e in events()]
        + [(f"people:{p.get('id')}", p) for p in people()]
        + [(f"glossary:{t.get('id')}", t) for t in terms()]
    )


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def _quarter_of(date: str) -> tuple[int, int | None]:
    """(year, quarter) for a well-formed date; quarter is None for a bare year."""
    m = DATE.match(date)
    assert m, date
    year, month, day = m.groups()
    if day:
        dt.date(int(year), int(month), int(day))  # raises on 1924-02-30
    if month is None:
        return int(year), None
    assert 1 <= int(month) <= 12, date
    return int(year), (int(month) - 1) // 3 + 1


# ---- the files ---------------------------------------------------------------------------------

def test_files_load_and_are_not_empty():
    assert len(events()) >= 80
    assert len(people()) >= len(LEADERS)
    assert len(terms()) >= len(REQUIRED_TERMS)
    assert sources()


def test_readme_exists():
    assert (SEEDS / "README.md").is_file()


# ---- sources -------------------------------------------------------------------------------------

def test_every_entry_has_sources_that_resolve():
    known = set(sources())
    for label, entry in entries():
        srcs = entry.get("sources")
        assert isinstance(srcs, list) and srcs, f"{label}: empty or missing sources"
        assert len(srcs) == len(set(srcs)), f"{label}: duplicate source keys"
        for key in srcs:
            assert key == GENERAL or key in known, f"{label}: unknown source key {key!r}"


def test_keys_cited_in_prose_resolve():
    known = set(sources())
    for label, entry in entries():
        for text in _strings(entry):
            for key in CITED_KEY.findall(text):
                assert key in known, f"{label}: [{key}] in the text is not in sources.toml"


def test_source_tables_are_well_formed_and_all_cited():
    cited: set[str] = set()
    for _, entry in entries():
        cited.update(entry["sources"])
        for text in _strings(entry):
            cited.update(CITED_KEY.findall(text))
    assert GENERAL not in sources(), "GENERAL is a marker, not a source table"
    for key, table in sources().items():
        assert SOURCE_KEY.match(key), key
        assert isinstance(table.get("title"), str) and table["title"].strip(), key
        url = table.get("url")
        assert isinstance(url, str), key
        assert url == "" or url.startswith(("http://", "https://")), key
        assert key in cited, f"sources.toml: {key} is never cited"


# ---- ids, confidence -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["timeline", "people", "glossary"])
def test_ids_unique_and_snake_case(name):
    items = {"timeline": events, "people": people, "glossary": terms}[name]()
    ids = [item.get("id") for item in items]
    for i in ids:
        assert isinstance(i, str) and SNAKE.match(i), f"{name}: bad id {i!r}"
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"{name}: duplicate ids {sorted(dupes)}"


def test_confidence_tags():
    for label, entry in entries():
        assert entry.get("confidence") in CONFIDENCE, f"{label}: confidence {entry.get('confidence')!r}"
        if "date_confidence" in entry:
            assert entry["date_confidence"] in CONFIDENCE, label


def test_conflicting_and_unverified_entries_explain_themselves():
    for label, entry in entries():
        if entry["confidence"] in {"C", "U"} or entry.get("date_confidence") in {"C", "U"}:
            assert entry.get("note", "").strip(), f"{label}: a C/U entry needs a note"


# ---- timeline ------------------------------------------------------------------------------------

def test_dates_are_well_formed_and_agree_with_quarter():
    for e in events():
        label = f"timeline:{e['id']}"
        assert isinstance(e.get("date"), str) and DATE.match(e["date"]), f"{label}: date {e.get('date')!r}"
        qm = QUARTER.match(e.get("quarter", ""))
        assert qm, f"{label}: quarter {e.get('quarter')!r}"
        year, quarter = _quarter_of(e["date"])
        assert int(qm.group(1)) == year, f"{label}: {e['date']} is not in {e['quarter']}"
        if quarter is not None:
            assert int(qm.group(2)) == quarter, f"{label}: {e['date']} is not in {e['quarter']}"


def test_timeline_is_in_quarter_order():
    quarters = [e["quarter"] for e in events()]
    assert quarters == sorted(quarters)


def test_timeline_text_fields():
    for e in events():
        for field in ("title", "text"):
            assert isinstance(e.get(field), str) and e[field].strip(), f"timeline:{e['id']}: {field}"
        assert isinstance(e.get("who"), list), f"timeline:{e['id']}: who must be a list"


def test_timeline_people_resolve():
    known = {p["id"] for p in people()}
    for e in events():
        for lid in e["who"]:
            assert lid in known, f"timeline:{e['id']}: who {lid!r} has no people.toml entry"
        if "leader" in e:
            assert e["leader"] in known, f"timeline:{e['id']}: leader {e['leader']!r}"
            assert e["leader"] in e["who"], f"timeline:{e['id']}: leader missing from who"


def test_kinds_offices_and_ranks_are_known():
    for e in events():
        label = f"timeline:{e['id']}"
        if "kind" in e:
            assert e["kind"] in KINDS, f"{label}: kind {e['kind']!r}"
        if "office" in e:
            assert e["office"] in OFFICES, f"{label}: office {e['office']!r}"
            assert e.get("kind") in {"office_gained", "office_lost"}, label
        if "rank" in e:
            assert e["rank"] in RANKS, f"{label}: rank {e['rank']!r}"


def test_milestones():
    milestones = [e for e in events() if e.get("milestone")]
    assert len(milestones) >= 30
    for e in milestones:
        label = f"timeline:{e['id']}"
        assert e["milestone"] is True, label
        assert e.get("kind") in KINDS, f"{label}: milestone without a valid kind"
        assert e.get("leader"), f"{label}: milestone without a leader"
        assert GAME_START <= e["quarter"] <= GAME_END, f"{label}: milestone outside the game window"
        if e["kind"] in {"politburo_joined", "politburo_left"}:
            assert e.get("rank") in RANKS, f"{label}: Politburo milestone needs rank"
    kinds = {e["kind"] for e in milestones}
    for needed in ("death", "enrolment", "congress", "expelled", "exiled", "deported",
                   "recanted", "readmitted", "politburo_joined", "politburo_left"):
        assert needed in kinds, f"no milestone of kind {needed}"


def test_key_dates():
    by_id = {e["id"]: e for e in events()}
    assert by_id["lenin_death"]["date"] == "1924-01-21"
    assert by_id["lenin_enrolment"]["quarter"] == "1924Q1"
    assert by_id["testament_plenum"]["date"] == "1924-05-21"
    assert by_id["zinoviev_leaves_politburo"]["date"] == "1926-07-23"
    assert by_id["trotsky_leaves_politburo"]["date"] == "1926-10-23"
    assert by_id["bukharin_leaves_politburo"]["date"] == "1929-11-17"
    assert by_id["trotsky_deported"]["quarter"] == "1929Q1"


# ---- people --------------------------------------------------------------------------------------

def test_people_fields():
    for p in people():
        label = f"people:{p.get('id')}"
        for field in PERSON_FIELDS:
            assert field in p, f"{label}: missing {field}"
        for field in ("name", "full_name", "base", "line", "fate_1929", "later"):
            assert isinstance(p[field], str) and p[field].strip(), f"{label}: {field}"
        assert isinstance(p["traits"], list) and p["traits"], f"{label}: traits"
        assert all(isinstance(t, str) and t for t in p["traits"]), label
        assert isinstance(p["born"], int) and isinstance(p["died"], int), label
        assert 1860 <= p["born"] < p["died"] <= 2000, f"{label}: born/died"
        for field in p.get("unverified", []):
            assert field in p, f"{label}: unverified names unknown field {field!r}"


def test_testament_only_where_lenin_wrote_about_him():
    with_testament = {p["id"] for p in people() if "testament" in p}
    assert with_testament == TESTAMENT_SUBJECTS
    for p in people():
        if "testament" in p:
            assert p["testament"].strip(), p["id"]


def test_every_leader_id_has_a_person():
    known = {p["id"] for p in people()}
    assert known >= LEADERS, f"missing people: {sorted(LEADERS - known)}"


def test_every_scenario_leader_has_a_person():
    files = sorted(SCENARIOS.glob("*.toml"))
    assert files, "no scenarios found"
    known = {p["id"] for p in people()}
    for path in files:
        with path.open("rb") as f:
            scenario = tomllib.load(f)
        for leader in scenario.get("leaders", []):
            assert leader["id"] in known, f"{path.name}: leader {leader['id']!r} not in people.toml"


# ---- glossary ------------------------------------------------------------------------------------

def test_glossary_fields_and_cross_references():
    ids = {t["id"] for t in terms()}
    for t in terms():
        label = f"glossary:{t['id']}"
        for field in ("term", "definition"):
            assert isinstance(t.get(field), str) and t[field].strip(), f"{label}: {field}"
        see_also = t.get("see_also")
        assert isinstance(see_also, list), f"{label}: see_also must be a list"
        for ref in see_also:
            assert ref in ids, f"{label}: see_also {ref!r} is not a glossary id"
            assert ref != t["id"], f"{label}: refers to itself"
        if t["sources"] == [GENERAL]:
            assert t["confidence"] == "U", f"{label}: general knowledge only must be U"


def test_glossary_covers_the_required_terms():
    missing = REQUIRED_TERMS - {t["id"] for t in terms()}
    assert not missing, f"glossary lacks {sorted(missing)}"
