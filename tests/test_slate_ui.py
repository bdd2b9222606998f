"""The list editor in the window: drafting a Politburo list for the Central Committee through the
real pygame event loop (keys and clicks in, a DraftSlate out), with the rules' refusal and the
CC's expected vote shown before it goes in; and the Session's read-only helpers behind it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest

pygame = pytest.importorskip("pygame")

from uikit import click, key, make_app, shown  # noqa: E402

from game import actions as A  # noqa: E402
from game.errors import BadInput  # noqa: E402
from game.model import Pact  # noqa: E402
from game.rules import knowledge, slates  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui import screenshot  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.listdraft import ListDraft, bloc_lines  # noqa: E402


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def stalin_1924() -> Session:
    """1924, Lenin's death: Stalin (General Secretary, human) is the first to move."""
    s = Session.new("1924", 1, seats={"stalin": "human"})
    s.advance()
    assert s.current_actor() == "stalin" and s.pending() is None
    return s


def open_editor(app: App, session: Session):
    from game.ui.scenes.board import Board
    from game.ui.scenes.slate import SlateEditor

    board = Board(app, session, show_opening=False)
    app.set_handler(board)
    shown(app)
    assert board.snap.slate_ok and board.spots.find(("kind", "slate")) is not None
    key(app, pygame.K_l)
    editor = shown(app)
    assert isinstance(editor, SlateEditor)
    return board, editor


def drafts(session: Session) -> list[dict]:
    return [a for a in session.log if a["kind"] == "draft_slate"]


# ---- in the window ---------------------------------------------------------------------------------

def test_stalin_raises_molotov_sees_the_cc_vote_and_puts_the_list(home):
    from game.ui.scenes.board import Board

    s = stalin_1924()
    app = make_app()
    board, editor = open_editor(app, s)
    assert editor.refusal is None and not editor.draft.changed()  # the leadership as it is
    # raise Molotov, a candidate, to full member: by the mouse, on his FULL box
    cell = editor.spots.find(("cell", "molotov", "full"))
    assert cell is not None
    click(app, cell.rect.center)
    shown(app)
    assert editor.draft.place("molotov") == "full" and editor.draft.change("molotov") == "raised"
    assert editor.refusal is None and editor.submit_btn.enabled
    share = editor.forecast.share
    assert 0.5 < share < 1.0  # "about 60% of the CC would vote for this list"
    assert share == pytest.approx(slates.cc_approval(s.state, slates.Slate(
        "stalin", tuple(editor.draft.full), tuple(editor.draft.candidates), tuple(editor.draft.secretariat), ()),
        (list(s.state.politburo_full), list(s.state.politburo_candidates))))
    bar = next(sp for sp in editor.spots.items if sp.tip and "share of the Central Committee" in str(sp.tip))
    assert bar is not None
    ap = s.state.leaders["stalin"].ap
    key(app, pygame.K_RETURN)
    assert isinstance(app.handler, Board)
    (move,) = drafts(s)
    assert move["actor"] == "stalin" and "molotov" in move["full"].split(",")
    assert "molotov" not in move["candidates"].split(",")
    assert s.state.leaders["stalin"].ap == ap - 1
    assert board.message.startswith("Done")
    # one list a quarter: the chip is gone and L explains why
    shown(app)
    assert not board.snap.slate_ok and board.spots.find(("kind", "slate")) is None
    key(app, pygame.K_l)
    assert app.handler is board and "already drafted" in board.message


def test_an_invalid_list_shows_the_refusal_and_cannot_be_put(home):
    from game.ui.scenes.board import Board

    s = stalin_1924()
    app = make_app()
    board, editor = open_editor(app, s)
    # take full members off the Politburo with the keys until fewer than five remain
    while len(editor.draft.full) >= 5:
        row = next(i for i, r in enumerate(editor.rows) if getattr(r, "lid", None) == editor.draft.full[-1])
        while editor.sel != row:
            key(app, pygame.K_DOWN if editor.sel < row else pygame.K_UP)
        key(app, pygame.K_o)
    shown(app)
    assert "the Politburo needs 5 to 10 full members" in editor.refusal
    assert editor.forecast is None and not editor.submit_btn.enabled
    key(app, pygame.K_RETURN)  # refused: the editor stays, says why, and nothing is played
    assert app.handler is editor and "5 to 10 full members" in editor.flash
    shown(app)
    click(app, editor.submit_btn.rect.center)
    assert app.handler is editor and not drafts(s)
    # a man's dossier opens over the editor (D) and Escape comes back to it, the draft kept
    from game.ui.scenes.dossier import Dossier

    key(app, pygame.K_d)
    assert isinstance(app.handler, Dossier) and app.handler.lid == editor.selected().lid
    shown(app)
    key(app, pygame.K_ESCAPE)
    assert app.handler is editor and editor.refusal is not None
    # Reset brings the valid list back; Escape leaves without drafting anything
    key(app, pygame.K_r)
    assert editor.refusal is None and not editor.draft.changed()
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.handler, Board) and not drafts(s)
    assert s.state.leaders["stalin"].ap == 3


def test_at_a_congress_a_man_outside_the_cc_is_named_to_it_with_his_seat(home):
    s = screenshot.game_in_progress("1924", 1, quarters=1, table=False)  # the 13th Congress
    assert s.state.flags.get("congress_due")
    app = make_app()
    board, editor = open_editor(app, s)
    assert any(c[0] == "cc" for c in editor.cells)
    outsider = next(m for m in editor.draft.men if m.group == "outside" and m.tag == "your client")
    row = editor.rows.index(outsider)
    while editor.sel != row:
        key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)  # one rung up: a candidate, and named to the CC with it
    assert editor.draft.place(outsider.lid) == "candidate" and outsider.lid in editor.draft.new_cc
    assert editor.refusal is None
    key(app, pygame.K_n)  # not named after all: the rules refuse him a seat
    assert outsider.lid not in editor.draft.new_cc
    assert "must first be named to the Central Committee" in editor.refusal
    key(app, pygame.K_n)
    key(app, pygame.K_RETURN)
    (move,) = drafts(s)
    assert move["cc"] == outsider.lid and outsider.lid in move["candidates"].split(",")


def test_no_list_chip_for_a_seat_that_may_not_draft(home):
    from game.ui.scenes.board import Board

    s = Session.new("1924", 1, seats={"stalin": "human", "trotsky": "human"})
    for _ in range(50):
        s.advance()
        if s.current_actor() == "trotsky":
            break
        s.submit(A.EndTurn(s.current_actor()))
    assert s.current_actor() == "trotsky" and not s.state.flags.get("congress_due")
    app = make_app()
    board = Board(app, s, show_opening=False)
    board.viewer = "trotsky"
    board.refresh()
    app.set_handler(board)
    shown(app)
    assert not board.snap.slate_ok and board.spots.find(("kind", "slate")) is None
    key(app, pygame.K_l)
    assert app.handler is board and "General Secretary" in board.message


# ---- the Session's read-only helpers -----------------------------------------------------------------

def test_slate_refusal_names_the_seat_not_the_list():
    s = stalin_1924()
    assert s.slate_refusal("stalin") is None
    assert "Stalin's move" in s.slate_refusal("trotsky")
    assert "no leader" in s.slate_refusal("nobody")
    s.state.leaders["stalin"].ap = 0
    assert "action points" in s.slate_refusal("stalin")


def test_slate_forecast_is_the_plenums_count_and_reads_nothing_in():
    s = stalin_1924()
    st = s.state
    before = st.state_hash()
    dropped = A.DraftSlate("stalin", full="stalin,zinoviev,kamenev,rykov,tomsky,molotov",
                           candidates="bukharin,kalinin,rudzutak", secretariat="stalin,molotov,andreyev")
    f = s.slate_forecast(dropped, "stalin")
    assert st.state_hash() == before
    assert f.dropped == frozenset({"trotsky"})
    slate = slates.Slate("stalin", tuple(dropped.full.split(",")), tuple(dropped.candidates.split(",")),
                         tuple(dropped.secretariat.split(",")), ())
    assert f.share == pytest.approx(slates.cc_approval(st, slate, (list(st.politburo_full), list(st.politburo_candidates))))
    # the blocs add up to the whole CC, and their weighted shares to the total
    named = sum(1 for ld in st.leaders.values() if ld.in_cc and ld.active)
    assert sum(n for _, n, _ in f.blocs) == len(st.cc) + named
    assert sum(n * yes for _, n, yes in f.blocs) / (len(st.cc) + named) == pytest.approx(f.share)
    trotsky = next(b for b in f.blocs if b[0] == "trotsky")
    assert trotsky[2] < 0.5
    lines = bloc_lines(knowledge.view(st, "stalin"), f.blocs, "stalin", f.dropped, against=True)
    assert any(line.startswith("Trotsky and his men") and "the list drops him" in line for line in lines)
    with pytest.raises(BadInput):
        s.slate_forecast(A.DraftSlate("stalin", full="stalin,nobody", secretariat="stalin"), "stalin")


def test_slate_forecast_uses_only_what_the_seat_knows():
    """A secret pact between two others makes their blocs friends, and a friend of a dropped man
    votes by that: the men in it reckon with it, Stalin cannot."""
    s = stalin_1924()
    st = s.state
    st.pacts.append(Pact(st.new_id(), ("trotsky", "tomsky"), secret=True, strength=0.9, formed=st.turn))
    drop = A.DraftSlate("stalin", full="stalin,zinoviev,kamenev,rykov,tomsky,molotov",
                        candidates="bukharin,kalinin,rudzutak", secretariat="stalin,molotov,andreyev")
    slate = slates.Slate("stalin", tuple(drop.full.split(",")), tuple(drop.candidates.split(",")),
                         tuple(drop.secretariat.split(",")), ())
    before = (list(st.politburo_full), list(st.politburo_candidates))
    mine, known = s.slate_forecast(drop, "stalin"), s.slate_forecast(drop, None)
    assert mine.share == pytest.approx(slates.cc_approval(knowledge.view(st, "stalin"), slate, before))
    assert known.share == pytest.approx(slates.cc_approval(st, slate, before))
    assert mine.share != pytest.approx(known.share)
    assert s.slate_forecast(drop, "tomsky").share == pytest.approx(known.share)


def test_list_draft_moves_men_and_names_what_changed():
    s = stalin_1924()
    d = ListDraft(knowledge.view(s.state, "stalin"), "stalin")
    assert [m.group for m in d.men][:1] == ["politburo"] and not d.congress
    d.step("molotov", 1)
    d.set_place("trotsky", None)
    d.toggle_place("kalinin", "candidate")  # he is a candidate: the click takes him off
    d.toggle_secretariat("andreyev")
    assert d.change("molotov") == "raised" and d.change("trotsky") == "dropped"
    assert d.change("kalinin") == "dropped" and d.change("andreyev") == "off Sec."
    assert not d.toggle_cc("kirov")  # no Congress: nobody is newly named to the CC
    a = d.action()
    assert "trotsky" not in a.full and "molotov" in a.full.split(",") and a.secretariat == "stalin,molotov"
    d.reset()
    assert not d.changed()
