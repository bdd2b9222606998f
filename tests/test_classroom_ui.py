"""The classroom features in the window, driven headless through the real pygame event loop:
presets and the class's name on the setup screen, the turn timer and the cap on the board, the
demonstration's pace, the model sheet, the historian's view, branching a save, and the lab's
comparison and CSV export."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


import pytest

pygame = pytest.importorskip("pygame")

from uikit import click, key, make_app, shown, type_text, until  # noqa: E402

from game import actions as A  # noqa: E402
from game import classroom, saves  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui import screenshot  # noqa: E402
from game.whatif import plan_flip  # noqa: E402


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def finished_hotseat():
    return screenshot.finished_hotseat("1924", 1)


# ---- the setup screen ------------------------------------------------------------------------------

def test_setup_one_period_with_a_class_name_and_a_timer(home):
    from game.ui.scenes.board import Board
    from game.ui.scenes.setup import Setup

    app = make_app()
    setup = Setup(app)
    app.set_handler(setup)
    shown(app)
    click(app, setup.preset_btns[1].rect.center)  # One period
    assert setup.preset == "one_period" and setup.sid == "1926"
    click(app, setup.class_box.rect.center)
    assert setup.focus == "class" and setup.wants_text
    type_text(app, "9B")
    key(app, pygame.K_r)  # typing an R must not re-seed: it is the class box's key now
    assert setup.seed == 1
    shown(app)
    for _ in range(3):  # off, 1, 2, 3 minutes
        click(app, setup.timer_btn.rect.center)
    assert setup.timer == 180
    key(app, pygame.K_RETURN)
    board = app.handler
    board = getattr(board, "parent", board)
    assert isinstance(board, Board)
    opts = board.session.classroom
    assert (opts.preset, opts.class_name, opts.ap_limit, opts.timer) == ("one_period", "9B", 1, 180)
    assert board.session.autosave_path == home / "data" / "saves" / "9b-1926.json"
    assert board.session.state.scenario_id == "1926"


def test_setup_demo_preset_spectates_and_has_no_timer():
    from game.ui.scenes.board import Board
    from game.ui.scenes.setup import Setup

    app = make_app()
    setup = Setup(app)
    app.set_handler(setup)
    shown(app)
    click(app, setup.preset_btns[3].rect.center)  # Demo
    assert setup.spectate and setup.timer == 0
    key(app, pygame.K_RETURN)
    board = getattr(app.handler, "parent", app.handler)
    assert isinstance(board, Board) and board.spectator and board.autoplay


# ---- the board -----------------------------------------------------------------------------------------

def test_turn_timer_ends_the_seat_turn_on_the_board():
    from game.ui.scenes.board import Board

    app = make_app()
    s = Session.new("1927", 1, seats={"stalin": "human"})
    s.classroom = classroom.options_for("one_period", "", 0).copy(timer=1)
    s.run_ai()
    board = Board(app, s, show_opening=False)
    app.set_handler(board)
    shown(app)
    assert s.current_actor() == "stalin"
    turn = s.state.turn
    assert until(app, lambda: board.timer.left is not None, 5)
    app.draw()  # the countdown is drawn in the top bar
    assert until(app, lambda: any(e == {"kind": "end_turn", "actor": "stalin"} for e in s.log) or s.state.turn != turn, 10)


def test_the_cap_ends_the_turn_after_two_points_on_the_board():
    from game.ui.scenes.board import Board

    app = make_app()
    s = Session.new("1927", 1, seats={"stalin": "human"})
    s.classroom = classroom.options_for("one_period").copy(ap_limit=2)
    s.run_ai()
    board = Board(app, s, show_opening=False)
    app.set_handler(board)
    shown(app)
    assert board.snap.me["ap"] == 2
    publishes = [a for a in board.snap.legal if a.kind == "publish"]
    assert board.take(publishes[0])
    assert board.snap.me["ap"] == 1
    assert board.take([a for a in s.legal_for("stalin") if a.kind == "publish"][0])
    assert {"kind": "end_turn", "actor": "stalin"} in s.log[-3:]


def test_demo_plays_quarters_by_itself_and_turns_its_own_cards():
    from game.ui.scenes.board import Board

    app = make_app()
    s = Session.new("1928", 1)
    s.classroom = classroom.options_for("demo").copy(pace=0.05)
    board = Board(app, s, show_opening=True)
    app.set_handler(board)
    turn = s.state.turn
    assert until(app, lambda: s.state.turn >= turn + 2, 40), "the demonstration stalled"
    key(app, pygame.K_SPACE)  # Space pauses it
    while app.handler is not board:
        key(app, pygame.K_ESCAPE)
    assert not board.autoplay


def test_model_sheet_from_the_board_key_and_the_menu(midgame_copy):
    from game.ui.scenes.board import Board
    from game.ui.scenes.menu import PauseMenu
    from game.ui.scenes.modelsheet import ModelSheet

    app = make_app()
    board = Board(app, midgame_copy, show_opening=False)
    app.set_handler(board)
    shown(app)
    key(app, pygame.K_m)
    sheet = shown(app)
    assert isinstance(sheet, ModelSheet) and len(sheet.list.rows) >= 8
    key(app, pygame.K_3)
    assert "Votes" in sheet._sections[sheet.list.current().data][0]
    key(app, pygame.K_PAGEDOWN)
    assert sheet.view.offset > 0
    key(app, pygame.K_ESCAPE)
    assert app.handler is board
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.handler, PauseMenu)
    shown(app)
    key(app, pygame.K_7)
    assert isinstance(app.handler, ModelSheet)


@pytest.fixture
def midgame_copy():
    return screenshot.game_in_progress("1924", 1, quarters=1, table=False)


def test_help_card_opens_the_model_sheet(midgame_copy):
    from game.ui.scenes.board import Board
    from game.ui.scenes.modelsheet import ModelSheet

    app = make_app()
    board = Board(app, midgame_copy, show_opening=False)
    app.set_handler(board)
    shown(app)
    key(app, pygame.K_F1)
    help_card = shown(app)
    click(app, help_card.buttons[1].rect.center)
    assert isinstance(app.handler, ModelSheet)


# ---- the historian's view ----------------------------------------------------------------------------

def test_hot_seat_ending_shows_the_historian_then_the_report(finished_hotseat):
    from game.ui.scenes.board import Board
    from game.ui.scenes.historian import Historian
    from game.ui.scenes.report import Report

    app = make_app()
    board = Board(app, finished_hotseat, show_opening=False)
    app.set_handler(board)
    assert until(app, lambda: isinstance(app.handler, Historian), 10)
    hist = shown(app)
    assert [title for title, _ in hist._sections][0] == "Secret pacts"
    key(app, pygame.K_2)
    key(app, pygame.K_t)
    assert "Saved" in hist.note
    key(app, pygame.K_RETURN)
    report = shown(app)
    assert isinstance(report, Report)
    key(app, pygame.K_h)
    assert isinstance(shown(app), Historian)
    key(app, pygame.K_ESCAPE)
    assert app.handler is report


# ---- saves named by the class, and branches --------------------------------------------------------------

def test_load_screen_lists_the_class_save_and_branches_from_a_quarter(finished_hotseat, home):
    from game.ui.scenes.board import Board
    from game.ui.scenes.branch import BranchScreen
    from game.ui.scenes.saves import LoadScreen

    s = Session.new("1924", 1, seats={"stalin": "human", "trotsky": "human"})
    s.classroom = classroom.options_for("full_campaign", "9B")
    for raw in finished_hotseat.log:
        s.submit(A.from_dict(raw))
    path = classroom.class_save_path("9B", "1924")
    s.save(path)
    app = make_app()
    screen = LoadScreen(app)
    app.set_handler(screen)
    shown(app)
    assert any("Class 9B" in row.text for row in screen.list.rows)
    screen.list.selected = next(i for i, r in enumerate(screen.list.rows) if r.data == path)
    key(app, pygame.K_b)
    assert until(app, lambda: isinstance(app.handler, BranchScreen), 20)
    branch = shown(app)
    for _ in range(8):
        key(app, pygame.K_DOWN)  # 1926Q1
    assert branch.quarters.current().data == "1926Q1"
    key(app, pygame.K_RETURN)
    assert until(app, lambda: isinstance(app.handler, Board), 20)
    board = app.handler
    assert board.session.state.quarter == "1926Q1" and board.session.classroom.origin["quarter"] == "1926Q1"
    assert board.session.autosave_path.is_file() and board.session.autosave_path != path
    assert path.read_bytes() == path.read_bytes()  # the original is untouched (still readable)
    assert saves.read_save(path)["actions"] == finished_hotseat.log


def test_branch_screen_reverses_a_vote(finished_hotseat):
    from game.ui.scenes.board import Board
    from game.ui.scenes.branch import BranchScreen

    app = make_app()
    screen = BranchScreen.for_session(app, finished_hotseat, "class-game")
    app.set_handler(screen)
    shown(app)
    waver = finished_hotseat.state.world.balance["vote"]["waver"]
    target = next(i for i, e in enumerate(finished_hotseat.past_votes()) if plan_flip(e, waver).possible)
    key(app, pygame.K_TAB)  # the quarters, the what-if switches, then the votes
    key(app, pygame.K_TAB)
    for _ in range(target):
        key(app, pygame.K_DOWN)
    motion = screen.votes.current().data
    shown(app)
    assert screen.flip_btn.enabled
    key(app, pygame.K_v)
    assert until(app, lambda: isinstance(app.handler, Board), 20)
    s = app.handler.session
    before = next(e for e in finished_hotseat.past_votes() if e.detail["motion"] == motion)
    after = next(e for e in s.past_votes() if e.detail["motion"] == motion)
    assert after.detail["passed"] != before.detail["passed"] and s.state.forced


def test_branch_screen_ticks_the_switches_still_ahead_and_plays_with_them(finished_hotseat):
    from game.ui.scenes.board import Board
    from game.ui.scenes.branch import BranchScreen

    app = make_app()
    screen = BranchScreen.for_session(app, finished_hotseat, "class-game")
    app.set_handler(screen)
    shown(app)
    for _ in range(8):
        key(app, pygame.K_DOWN)  # 1926Q1: Dzerzhinsky's death (1926Q3) lies ahead, the Testament does not
    assert screen.quarters.current().data == "1926Q1"
    rows = {r.data: r for r in screen.switches.rows}
    assert rows["dzerzhinsky_lives"].enabled and not rows["testament_published"].enabled
    assert "Krupskaya hands over the Testament" in rows["testament_published"].tip
    click(app, screen.switches.rect.move(5, 5).topleft)  # the first row: the Testament, too late
    assert "Too late" in screen.error and not screen.chosen and screen.focus == "switches"
    while screen.switches.current() is None or screen.switches.current().data != "dzerzhinsky_lives":
        key(app, pygame.K_DOWN)
    key(app, pygame.K_SPACE)
    assert screen.chosen == {"dzerzhinsky_lives"} and [r.data for r in screen.switches.rows if r.mark] == ["dzerzhinsky_lives"]
    key(app, pygame.K_RETURN)
    assert until(app, lambda: isinstance(app.handler, Board), 20)
    s = app.handler.session
    assert s.state.quarter == "1926Q1" and s.switches and s.switches[0][1] == ("dzerzhinsky_lives",)
    assert s.classroom.origin["toggles"] == ["dzerzhinsky_lives"]


# ---- the lab ----------------------------------------------------------------------------------------------

def test_lab_compares_two_settings_and_exports_both_csvs(home):
    from game.ui.scenes.lab import Lab

    app = make_app()
    lab = Lab(app)
    lab.sid = "1929"  # the shortest scenario: a quick batch
    lab.load()
    app.set_handler(lab)
    shown(app)
    key(app, pygame.K_c)  # compare: now editing B, a copy of A
    assert lab.compare and lab.editing == "B"
    lab.focus = "toggles"
    key(app, pygame.K_SPACE)  # B gets the first switch
    first = lab.toggle_list.rows[0].data
    a, b = lab.settings()
    assert a[1] == () and b[1] == (first,)
    key(app, pygame.K_a)  # editing A shows A's (empty) switches
    assert lab.editing == "A" and not lab.toggles
    lab.runs = 3
    key(app, pygame.K_RETURN)
    assert until(app, lambda: lab.pair is not None, 60)
    shown(app)
    ra, rb, _, _ = lab.pair
    assert [r["seed"] for r in ra["rows"]] == [r["seed"] for r in rb["rows"]]
    assert rb["toggles"] == [first]
    key(app, pygame.K_x)
    assert lab.note.startswith("CSV written")
    written = sorted(classroom.exports_dir().glob("*.csv"))
    assert len(written) == 2 and all(p.read_text().startswith("run,seed,outcome") for p in written)


def test_a_class_name_that_cannot_name_a_file_is_refused_on_screen():
    from game.ui.scenes.setup import Setup

    app = make_app()
    setup = Setup(app)
    app.set_handler(setup)
    shown(app)
    click(app, setup.class_box.rect.center)
    type_text(app, "!!!")
    key(app, pygame.K_RETURN)
    assert app.handler is setup and "letter or digit" in setup.error
    shown(app)  # the error is drawn, not raised
