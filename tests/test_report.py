"""The debrief pack (game/report.py): a finished game saved, loaded and written to a folder; every
file is there, says what happened in this game, and comes out byte-identical the second time."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import csv
import html
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")

from game import history, report  # noqa: E402
from game.session import Session  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = ("index.html", "report.md", "power.png", "politburo.png", "cc_share.png", "mood.png",
         "votes.csv", "decisions.csv", "ledger.csv")


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    """A short finished game (1928, all seats AI), saved and loaded back as a teacher would."""
    folder = tmp_path_factory.mktemp("report")
    played = Session.new("1928", seed=3)
    played.advance()
    assert played.over
    save = played.save(folder / "class.json")
    session = Session.load(save)
    assert session.over and session.state.outcome is not None
    written = report.write_pack(session, folder / "pack")
    return session, folder / "pack", written


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


class Questions(HTMLParser):
    """The items of the questions list, and a check that every element is closed."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.items: list[str] = []
        self.in_questions = False
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "ol" and ("class", "questions") in attrs:
            self.in_questions = True
        if tag == "li" and self.in_questions:
            self.items.append("")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if tag == "ol":
            self.in_questions = False

    def handle_data(self, data):
        if self.in_questions and self.items:
            self.items[-1] += data


# ---- the files --------------------------------------------------------------------------------

def test_every_file_is_written_inside_the_folder(game):
    session, out, written = game
    assert [p.name for p in written] == list(FILES)
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    for p in written:
        assert p.parent == out and p.stat().st_size > 0


def test_the_module_does_not_import_pygame():
    code = "import sys, game.report; sys.exit('pygame' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_the_page_tells_this_game(game):
    session, out, _ = game
    st = session.state
    w = st.world
    page = (out / "index.html").read_text(encoding="utf-8")
    o = st.outcome
    assert html.escape(report.OUTCOME_WORDS[o["outcome"]]) in page
    assert f"{w.name(o['top_leader'])} on top" in page
    assert o["decided"] in page
    for lid in w.playable:
        assert w.name(lid) in page
        assert html.escape(o["grades"][lid]["grade"]) in page
    rows = history.ledger(session.chronicle, st.start, st.end, st.turn, over=True)
    assert rows
    for r in rows:
        assert html.escape(r.milestone.title) in page
    for name in ("power.png", "politburo.png", "cc_share.png", "mood.png"):
        assert f'<img src="{name}"' in page
    # the fates: every leader's game fate beside his real fate at the end of 1929
    people = report.people()
    for lid in o["fates"]:
        assert html.escape(people[lid]["fate_1929"]) in page
    # every Politburo vote is in the table
    for e in report.politburo_votes(session.chronicle):
        assert html.escape(e.detail["title"]) in page
    parser = Questions()
    parser.feed(page)
    assert not parser.problems and not parser.stack


def test_the_page_works_offline(game):
    _, out, _ = game
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r'src="(?!power|politburo|cc_share|mood)', page)
    urls = {html.escape(s["url"], quote=True) for s in report.sources().values() if s.get("url")}
    found = re.findall(r"https?://[^\s\"<]+", page)
    assert found, "the sources' addresses are listed"
    for url in found:
        assert url in urls, url


def test_markdown_has_the_same_content(game):
    session, out, _ = game
    st = session.state
    md = (out / "report.md").read_text(encoding="utf-8")
    for lid in st.world.playable:
        assert st.world.name(lid) in md
    for name in ("power.png", "politburo.png", "cc_share.png", "mood.png"):
        assert f"]({name})" in md
    assert "## Questions for discussion" in md and "## The game against history" in md
    assert "<" not in md.replace("\\<", "")


def test_votes_csv_has_one_row_per_voter_per_vote(game):
    session, out, _ = game
    rows = read_csv(out / "votes.csv")
    assert list(rows[0]) == ["quarter", "motion", "title", "passed", "yes", "no", "voter", "voter_name", "vote",
                             "lean", "waver", "human", "reasons"]
    events = [e for e in session.chronicle if e.kind == "vote" and "votes" in e.detail]
    assert events
    assert len(rows) == sum(len(e.detail["votes"]) for e in events)
    first = events[0]
    voter, info = next(iter(first.detail["votes"].items()))
    row = rows[0]
    assert (row["quarter"], row["motion"], row["title"], row["voter"], row["vote"]) == \
        (first.turn, str(first.detail["motion"]), first.detail["title"], voter, info["vote"])
    label, value = info["reasons"][0]
    assert row["reasons"].startswith(f"{label} {value:+.1f}")
    for r in rows:
        assert r["vote"] in ("yes", "no") and r["passed"] in ("true", "false")
        float(r["lean"])


def test_decisions_csv_has_one_row_per_action_with_its_quarter(game):
    session, out, _ = game
    st = session.state
    rows = read_csv(out / "decisions.csv")
    assert len(rows) == len(session.log)
    quarters = [r["quarter"] for r in rows]
    assert quarters[0] == "1928Q1"
    assert quarters == sorted(quarters) and quarters[-1] <= "1929Q4"
    for i, (row, action) in enumerate(zip(rows, session.log, strict=True)):
        assert row["index"] == str(i) and row["kind"] == action["kind"] and row["actor"] == action["actor"]
        for key, value in action.items():
            if key not in ("kind", "actor"):
                assert row[key] == ({True: "true", False: "false"}.get(value, str(value)) if isinstance(value, bool) else str(value))
    # the quarter of each action agrees with the chronicle: a tour and a charge are reported in
    # the quarter they were made
    for kind, event in (("campaign", "campaign"), ("accuse", "accusation")):
        acted = Counter(r["quarter"] for r in rows if r["kind"] == kind)
        reported = Counter(e.turn for e in session.chronicle if e.kind == event)
        assert acted == reported, kind
    assert st.over


def test_ledger_csv(game):
    session, out, _ = game
    st = session.state
    rows = read_csv(out / "ledger.csv")
    ledger = history.ledger(session.chronicle, st.start, st.end, st.turn, over=True)
    assert [r["milestone"] for r in rows] == [r.milestone.id for r in ledger]
    for row, r in zip(rows, ledger, strict=True):
        assert row["status"] == r.status and row["real_quarter"] == r.milestone.quarter
        assert row["game_quarter"] == (r.game_quarter or "")
        assert row["sources"] == "; ".join(r.milestone.sources)


def test_charts_are_real_pictures(game):
    _, out, _ = game
    for name in ("power.png", "politburo.png", "cc_share.png", "mood.png"):
        img = pygame.image.load(str(out / name))
        assert img.get_size() == report.CHART_SIZE
        raw = pygame.image.tobytes(img, "RGB")
        colours = {raw[i:i + 3] for i in range(0, len(raw), 3 * 7)}
        assert len(colours) > 12, name


def test_questions_come_from_this_game(game):
    session, out, _ = game
    st = session.state
    parser = Questions()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    items = [" ".join(x.split()) for x in parser.items]
    assert 5 <= len(items) <= 8
    names = {info.name for lid, info in st.world.leaders.items() if lid in st.leaders}
    for q in items:
        assert q.endswith("?")
        assert any(n in q for n in names), q
    assert len(set(items)) == len(items)
    # they are about this game: its outcome, and the milestones it got wrong
    assert any(st.outcome["decided"] in q for q in items)
    rows = history.ledger(session.chronicle, st.start, st.end, st.turn, over=True)
    off = [r.milestone.title for r in rows if r.status in ("earlier", "later", "diverged")]
    if off:
        assert any(t in q for t in off for q in items)
    # the pact betrayed, the closest vote
    betrayals = [e for e in session.chronicle if e.kind == "betrayal"]
    if betrayals:
        assert any("against his own ally" in q for q in items)
    assert any("closest Politburo vote" in q for q in items)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\d\. ", md.split("## Questions for discussion")[1], re.M)) == len(items)


def test_the_pack_is_byte_identical_every_time(game, tmp_path):
    session, out, _ = game
    again = report.write_pack(session, tmp_path / "again")
    for p in again:
        assert p.read_bytes() == (out / p.name).read_bytes(), p.name


def test_a_game_in_progress_and_a_human_seat(tmp_path):
    s = Session.new("1928", seed=4, seats={"bukharin": "human"})
    s.advance()
    assert not s.over and s.current_actor() == "bukharin"
    written = report.write_pack(s, tmp_path / "pack")
    page = (tmp_path / "pack" / "index.html").read_text(encoding="utf-8")
    assert "The struggle so far" in page and "Bukharin (the class)" in page
    assert len(read_csv(tmp_path / "pack" / "decisions.csv")) == len(s.log)
    assert len(written) == len(FILES)


def test_text_is_escaped():
    blocks = [report.Para(["<script>alert(1)</script> & ", ("b", "Stalin's <b>")]),
              report.Table(["a|b"], [["x | y"]])]
    page = report.render_html("T <i>", "band", blocks)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    md = report.render_md("T", blocks)
    assert "x \\| y" in md and "\\<script\\>" in md and "<script>" not in md


def test_the_historians_view_is_in_the_page_and_the_markdown(game):
    """Everything hidden during play — secret pacts, hidden moves, private loyalties, chance votes,
    the AI's intentions — has its section in both files, with the game's own secret pacts."""
    from game import historian

    session, out, _ = game
    page = (out / "index.html").read_text(encoding="utf-8")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert '<h2 id="historian">' in page and '<a href="#historian">' in page and "## The historian's view" in md
    sections = historian.reveal(session)
    for sec in sections:
        assert f'<h3 id="historian-{sec.key}">{html.escape(sec.title)}</h3>' in page
        assert f"### {sec.title}" in md
    heads = [line.text for line in sections[0].lines if line.style == "head"]
    assert heads, "a 1928 AI game makes secret pacts"
    for text in heads:
        assert f"<strong>{html.escape(text)}</strong>" in page and text in md
    # the historian's view sits before the questions
    assert page.index('id="historian"') < page.index('id="questions"')
