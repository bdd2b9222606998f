"""The pygame window, driven headless through the real pygame event queue (clicks and keys in,
actions out), and a screenshot of every screen checked for not being blank."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pygame = pytest.importorskip("pygame")

from uikit import shown, type_text  # noqa: E402

from game import actions as A  # noqa: E402
from game.session import Session  # noqa: E402
from game.ui import screenshot  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.theme import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


# ---- helpers ------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Settings, saves and the autosave go to a folder of the test's own."""
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def make_app(size=(1280, 800), persist=False, **settings) -> App:
    s = Settings(reveal="instant", **settings)
    return App(size=size, settings=s, persist=persist)


def key(app: App, k: int, mod: int = 0, unicode: str = "", steps: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=unicode, scancode=0))
    for _ in range(steps):
        app.step()


def click(app: App, pos, button: int = 1, steps: int = 1) -> None:
    pos = (int(pos[0]), int(pos[1]))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    for _ in range(steps):
        app.step()


@pytest.fixture(scope="module")
def midgame() -> Session:
    """A 1924 game with Stalin human, a few quarters in, at his move (shared, never mutated:
    tests take a copy through the save format)."""
    return screenshot.game_in_progress("1924", 1, quarters=2, table=False)


def copy_of(session: Session) -> Session:
    """An independent copy of a session, replayed from its action log."""
    st = session.state
    copy = Session.new(session.scenario_ref, st.seed, tuple(st.toggles), {h: "human" for h in session.humans()},
                       session.difficulty)
    for raw in session.log:
        copy.submit(A.from_dict(raw))
    return copy


def board_for(app: App, session: Session):
    from game.ui.scenes.board import Board

    board = Board(app, session, show_opening=False)
    app.set_handler(board)
    app.draw()
    return board


# ---- the title menu -----------------------------------------------------------------------------

def test_menu_keys_and_clicks_open_every_screen():
    from game.ui.scenes.encyclopedia import Encyclopedia
    from game.ui.scenes.lab import Lab
    from game.ui.scenes.menu import TitleMenu
    from game.ui.scenes.saves import LoadScreen
    from game.ui.scenes.settings import SettingsScreen
    from game.ui.scenes.setup import Setup

    app = make_app()
    menu = TitleMenu(app)
    app.set_handler(menu)
    shown(app)
    assert not menu.items[1].enabled  # no autosave yet: Continue is greyed
    key(app, pygame.K_1)
    assert isinstance(app.handler, Setup)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.handler, TitleMenu)
    for number, kind in ((pygame.K_3, LoadScreen), (pygame.K_5, Lab), (pygame.K_6, Encyclopedia),
                         (pygame.K_7, SettingsScreen)):
        key(app, number)
        assert isinstance(app.handler, kind), kind
        key(app, pygame.K_ESCAPE)
        assert isinstance(app.handler, TitleMenu)
    shown(app)
    click(app, app.handler.items[5].rect.center)  # the mouse: Encyclopedia
    assert isinstance(app.handler, Encyclopedia)
    key(app, pygame.K_ESCAPE)
    # arrows and Enter: up from the top wraps round to Quit
    key(app, pygame.K_HOME)
    app.handler.index = 0
    key(app, pygame.K_UP)
    assert app.handler.items[app.handler.index].label == "Quit"
    key(app, pygame.K_RETURN)
    assert not app.running and app.exit_code == 0


def test_replay_history_opens_the_report():
    from game.ui.scenes.menu import TitleMenu
    from game.ui.scenes.report import Report

    app = make_app()
    app.set_handler(TitleMenu(app))
    shown(app)
    key(app, pygame.K_4)
    app.settle(30)
    assert isinstance(app.handler, Report) and app.handler.replay


# ---- new game -----------------------------------------------------------------------------------

def test_setup_keyboard_picks_leader_switch_and_starts():
    from game.ui.scenes.board import Board
    from game.ui.scenes.setup import Setup

    app = make_app()
    app.set_handler(Setup(app))
    shown(app)
    key(app, pygame.K_RIGHT)  # Stalin -> Trotsky
    assert app.handler.leader == "trotsky"
    key(app, pygame.K_TAB)  # difficulty
    key(app, pygame.K_RIGHT)  # normal -> hard
    key(app, pygame.K_TAB)  # the class presets
    key(app, pygame.K_TAB)  # the what-if switches
    key(app, pygame.K_SPACE)
    first = next(iter(app.handler.world("1924").toggles))
    assert first in app.handler.toggles
    key(app, pygame.K_RETURN)
    board = app.handler
    board = getattr(board, "parent", board)  # the opening news cards sit over the board
    assert isinstance(board, Board)
    st = board.session.state
    assert st.seats.get("trotsky") == "human" and first in st.toggles and board.session.difficulty == "hard"


def test_setup_mouse_hot_seat():
    from game.ui.scenes.setup import Setup

    app = make_app()
    setup = Setup(app)
    app.set_handler(setup)
    shown(app)
    row = next(i for i, r in enumerate(setup.seat_list.rows) if r.data == "zinoviev")
    rr = setup.seat_list.rect
    click(app, (rr.x + 20, rr.y + (row - setup.seat_list.top) * setup.seat_list.row_h + setup.seat_list.row_h // 2))
    assert setup.seats() == {"stalin": "human", "zinoviev": "human"}


# ---- the board ----------------------------------------------------------------------------------

def test_board_keyboard_appoint_adds_the_action_to_the_log(midgame):
    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    assert board.snap.my_move and board.kind == "appoint"
    before = len(s.log)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_2)  # the second appointment on the visible page
    chosen = board.options.current().data
    key(app, pygame.K_RETURN)
    assert len(s.log) == before + 1
    assert s.log[-1]["kind"] == "appoint" and s.log[-1]["region"] == chosen.region


def test_board_mouse_kind_chip_then_double_click_an_option(midgame):
    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    chip = board.spots.find(("kind", "campaign"))
    click(app, chip.rect.center)
    assert board.kind == "campaign"
    app.draw()
    sel = board.options.selectable()[0]
    y = board.options.rect.y + (sel - board.options.top) * board.options.row_h + board.options.row_h // 2
    before = len(s.log)
    click(app, (board.options.rect.x + 40, y))
    click(app, (board.options.rect.x + 40, y))
    assert len(s.log) == before + 1 and s.log[-1]["kind"] == "campaign"


def test_board_region_click_offers_its_actions(midgame):
    from game.ui.scenes.event import RegionPopup

    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    spot = board.spots.find(("region", "moscow"))
    click(app, spot.rect.center)
    popup = app.handler
    assert isinstance(popup, RegionPopup) and popup.rid == "moscow"
    before = len(s.log)
    key(app, pygame.K_1)
    assert app.handler is board
    assert len(s.log) == before + 1 and s.log[-1].get("region") == "moscow"


def test_board_illegal_kind_is_explained(midgame):
    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    greyed = [k for k, _, n, reason in board.snap.kinds if not n]
    assert greyed, "some kind of action is impossible at the start"
    kind = greyed[0]
    while board.kind != kind:
        key(app, pygame.K_RIGHT)
    before = len(s.log)
    key(app, pygame.K_RETURN)
    reason = next(r for k, _, _, r in board.snap.kinds if k == kind)
    assert len(s.log) == before and reason in board.message
    # and an illegal action submitted directly comes back with the rules' reason
    assert not board.take(A.Appoint("stalin", "nowhere"))
    assert "Refused" in board.message


def test_board_lists_a_refused_line_reversal_greyed_with_its_reason(midgame):
    """A line just changed cannot be moved back: the palette shows that motion greyed after the legal
    ones, its tip says why, and choosing it is refused with the rule's reason."""
    app = make_app()
    s = copy_of(midgame)
    s.state.flags["line_moved:econ"] = [s.state.turn, 1]  # the Politburo has just moved it this quarter
    board = board_for(app, s)
    board.refresh()
    board.set_kind("table_motion")
    app.draw()
    greyed = [i for i, r in enumerate(board.options.rows) if not r.header and not r.enabled]
    assert greyed, "the refused reversal is listed"
    row = board.options.rows[greyed[0]]
    assert row.data.axis == "econ" and row.data.direction == -1 and "cannot be moved back" in row.tip
    header = max(i for i in range(greyed[0]) if board.options.rows[i].header)
    assert board.options.rows[header].text == "Refused now: the party line"
    assert all(r.enabled for r in board.options.rows[:header]), "the legal rows come first and keep the numbers"
    board.options.selected = greyed[0]
    before = len(s.log)
    key(app, pygame.K_RETURN)
    assert len(s.log) == before and "cannot be moved back" in board.message


def test_board_tooltips_answer_why(midgame):
    app = make_app()
    board = board_for(app, copy_of(midgame))
    seat = board.spots.find(("seat", "zinoviev"))
    assert seat is not None and "Zinoviev" in seat.tooltip() and "Line:" in seat.tooltip()
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=seat.rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    app.step()
    region = board.spots.find(("region", "leningrad"))
    assert "Loyalty" in region.tooltip()


def test_board_tab_reaches_seats_and_dossier(midgame):
    from game.ui.scenes.dossier import Dossier

    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    key(app, pygame.K_TAB)
    assert board.focus == "seats"
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RETURN)
    assert isinstance(app.handler, Dossier)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_TAB)
    assert board.focus == "regions"
    key(app, pygame.K_RETURN)
    assert app.handler is not board
    key(app, pygame.K_ESCAPE)
    assert app.handler is board


def test_board_resizes_and_redraws(midgame):
    app = make_app()
    board = board_for(app, copy_of(midgame))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1024, h=640, size=(1024, 640)))
    app.step()
    app.draw()
    assert app.screen.get_size() == (1024, 640)
    assert board.r_map.right <= 1024 and board.r_chr.bottom <= 640


def test_ai_moves_in_a_worker_thread_and_frames_keep_coming(midgame):
    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    turn = s.state.turn
    key(app, pygame.K_e)  # end the turn: the others move in the background
    frames = app.frames
    deadline = time.perf_counter() + 20
    while (board.busy or board.job is None) and time.perf_counter() < deadline and s.state.turn == turn:
        app.step()
        if board.busy:
            break
    app.settle(20)
    assert app.frames > frames
    assert s.state.turn > turn or s.pending() is not None


def test_hot_seat_shows_a_privacy_screen_between_players():
    from game.ui.scenes.event import PrivacyScreen

    app = make_app()
    s = Session.new("1924", 1, seats={"stalin": "human", "zinoviev": "human"})
    s.advance()
    board = board_for(app, s)
    assert board.hotseat and board.viewer == "stalin"
    key(app, pygame.K_e)
    deadline = time.perf_counter() + 20
    while not isinstance(app.handler, PrivacyScreen) and time.perf_counter() < deadline:
        app.settle(5)
        if isinstance(app.handler, PrivacyScreen):
            break
        if app.handler is board and board.snap.my_move and board.snap.pending is None:
            key(app, pygame.K_e)
        elif app.handler is not board:
            key(app, pygame.K_RETURN) if getattr(app.handler, "phase", None) != "whip" else key(app, pygame.K_y)
    assert isinstance(app.handler, PrivacyScreen)
    shown(app)
    who = board.viewer
    key(app, pygame.K_RETURN)
    # the board, or the news of the quarter for the new player, over the board
    assert getattr(app.handler, "parent", app.handler) is board
    assert board.viewer == who == s.current_actor()


def test_spectator_plays_a_quarter_on_space():
    app = make_app()
    s = Session.new("1924", 1)  # nobody human: the AI plays every seat
    board = board_for(app, s)
    assert board.spectator
    turn = s.state.turn
    app.step()
    assert s.state.turn == turn and board.job is None  # waits for the teacher
    key(app, pygame.K_SPACE)
    app.settle(20)
    while app.handler is not board:  # the quarter's news
        key(app, pygame.K_ESCAPE)
        app.settle(5)
    assert s.state.turn == turn + 1


def test_pact_offer_is_answered_in_a_popup():
    from game.ui.scenes.event import DecisionPopup

    app = make_app()
    s = Session.new("1924", 1, seats={"zinoviev": "human"})
    s.advance()
    while s.current_actor() == "zinoviev" or s.pending() is not None:
        actor = s.current_actor()
        d = s.pending()
        s.submit(A.Decide(actor, d.id, d.default) if d else A.EndTurn(actor))
        s.advance(max_actions=0)
    proposer = s.current_actor()
    s.submit(A.ProposePact(proposer, "zinoviev", True))
    d = s.pending()
    assert d is not None and d.kind == "pact_offer"
    board = board_for(app, s)
    app.step()
    popup = app.handler
    assert isinstance(popup, DecisionPopup)
    shown(app)
    key(app, pygame.K_2)  # decline
    assert getattr(app.handler, "parent", app.handler) is board
    board.job and board.job.wait(20)
    assert {"kind": "decide", "actor": "zinoviev", "decision": d.id, "choice": "decline"} in s.log


# ---- votes, events, dossier ----------------------------------------------------------------------

def test_vote_ballot_cast_with_the_keyboard(midgame):
    from game.ui.scenes.vote import VoteScreen

    app = make_app()
    s = copy_of(midgame)
    d = screenshot.until_ballot(s)
    assert d is not None, "no ballot for the human in this game"
    board_for(app, s)
    app.step()  # the board opens the vote awaiting the ballot
    vote = app.handler
    assert isinstance(vote, VoteScreen) and vote.phase == "whip"
    shown(app)
    key(app, pygame.K_DOWN)
    assert vote.selected == 1
    key(app, pygame.K_n)
    assert s.log[-1] == {"kind": "decide", "actor": "stalin", "decision": d.id, "choice": "no"}
    assert vote.phase in ("reveal", "cast")
    if vote.phase == "reveal":
        app.step()
        assert vote.revealed == len(vote.rows)
        assert vote.result[0] in (True, False)
    key(app, pygame.K_RETURN)
    assert app.handler is not vote or vote.phase == "reveal"


def test_vote_reveal_one_by_one_and_click_a_voter(midgame):
    from game.ui.scenes.vote import VoteScreen

    app = make_app()
    app.settings.reveal = "fast"
    s = copy_of(midgame)
    board = board_for(app, s)
    ev = next(e for e in reversed(s.chronicle) if e.kind == "vote" and e.detail.get("votes"))
    vote = VoteScreen(app, board, event=ev)
    app.set_handler(vote)
    app.step()
    assert vote.revealed < len(vote.rows)
    app.settle(10)
    assert vote.revealed == len(vote.rows)
    shown(app)
    row_spot = next(sp for sp in vote.spots.items if sp.rect.colliderect(vote.r_list) and sp.click)
    click(app, row_spot.rect.center)
    assert "YES" in (row_spot.tooltip() or "") or "NO" in (row_spot.tooltip() or "")
    key(app, pygame.K_ESCAPE)
    assert app.handler is board


def test_event_cards_at_the_start_then_skip():
    from game.ui.scenes.board import Board
    from game.ui.scenes.event import EventCard

    app = make_app()
    s = Session.new("1924", 1, seats={"stalin": "human"})
    s.advance()
    board = Board(app, s)
    app.set_handler(board)
    app.step()
    card = app.handler
    assert isinstance(card, EventCard) and card.event.kind == "event"
    shown(app)
    key(app, pygame.K_RETURN)
    assert isinstance(app.handler, EventCard) and app.handler is not card
    key(app, pygame.K_ESCAPE)  # skip the rest of the news
    app.step()
    assert app.handler is board and not board.queue


def test_dossier_cycles_and_acts(midgame):
    from game.ui.scenes.dossier import Dossier

    app = make_app()
    s = copy_of(midgame)
    board = board_for(app, s)
    click(app, board.spots.find(("seat", "zinoviev")).rect.center)
    dossier = app.handler
    assert isinstance(dossier, Dossier) and dossier.lid == "zinoviev"
    key(app, pygame.K_RIGHT)
    assert dossier.lid != "zinoviev"
    key(app, pygame.K_LEFT)
    assert dossier.lid == "zinoviev"
    if dossier.actions.rows:
        before = len(s.log)
        key(app, pygame.K_RETURN)
        assert len(s.log) == before + 1 and app.handler is board
    else:
        key(app, pygame.K_ESCAPE)
        assert app.handler is board


# ---- encyclopedia, report, lab, settings, saves --------------------------------------------------

def test_encyclopedia_filters_as_you_type():
    from game.ui.scenes.encyclopedia import Encyclopedia

    app = make_app()
    enc = Encyclopedia(app)
    app.set_handler(enc)
    shown(app)
    everything = len(enc.list.selectable())
    type_text(app, "trotsk")
    found = [enc.list.rows[i].data for i in enc.list.selectable()]
    assert 0 < len(found) < everything and found[0] == "trotsky" and enc.shown_id == "trotsky"
    key(app, pygame.K_BACKSPACE)
    assert enc.search.text == "trots"
    key(app, pygame.K_TAB)  # people only
    assert all(e.kind == "person" for e in enc.matches())
    key(app, pygame.K_ESCAPE)  # clears the search
    assert enc.search.text == "" and app.handler is enc
    type_text(app, "zzzzqq")
    assert enc.list.selectable() == []
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert app.handler is not enc


def test_report_tabs_and_png(home):
    from game.ui.scenes.menu import TitleMenu
    from game.ui.scenes.report import Report

    app = make_app()
    s = screenshot.finished_game("1924", 2)
    rep = Report(app, s)
    app.set_handler(rep)
    app.settle(20)
    assert rep.snaps and rep.snaps[-1].quarter == "end"
    shown(app)
    key(app, pygame.K_TAB)
    assert rep.tab == "ledger"
    key(app, pygame.K_p)
    assert list((home / "data" / "reports").glob("*.png"))
    key(app, pygame.K_d)  # the debrief pack, from the end-of-game screen
    packs = list((home / "data" / "reports").glob("debrief-*/index.html"))
    assert packs and "Debrief pack written" in rep.note
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.handler, TitleMenu)


def test_lab_runs_in_the_background_with_a_progress_bar():
    from game.ui.scenes.lab import Lab

    app = make_app()
    lab = Lab(app)
    app.set_handler(lab)
    shown(app)
    key(app, pygame.K_SPACE)  # the first what-if switch
    assert lab.toggles
    lab.runs = 3
    key(app, pygame.K_RETURN)
    assert lab.busy or lab.result is not None
    app.draw()  # the progress bar frame
    app.settle(30)
    assert lab.result is not None and lab.result["runs"] == 3
    assert abs(sum(lab.result["top_leader"].values()) - 1) < 1e-6
    app.draw()
    # O, or its button, switches the chart to each man's own objective and back.
    assert not lab.objectives and set(lab.result["objective_met"]) == set(lab.result["top_leader"])
    key(app, pygame.K_o)
    assert lab.objectives and lab.metric_btn.label == "Who ends on top"
    app.draw()
    click(app, lab.metric_btn.rect.center)
    assert not lab.objectives
    app.draw()


def test_settings_change_and_persist(home):
    from game.ui.scenes.settings import SettingsScreen

    app = make_app(persist=True)
    app.set_handler(SettingsScreen(app))
    shown(app)
    version = app.theme.version
    key(app, pygame.K_RIGHT)  # text size: normal -> large
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)  # colour-blind palette on
    saved = json.loads((home / "config" / "settings.json").read_text())
    assert saved["text_size"] == "large" and saved["colour_blind"] is True
    assert app.theme.version > version
    assert Settings.load().text_size == "large"
    for _ in range(2):
        key(app, pygame.K_DOWN)
    key(app, pygame.K_LEFT)  # window size: 1280x800 -> 1024x640
    assert app.screen.get_size() == (1024, 640)


def test_settings_file_damage_is_ignored(home):
    path = home / "config" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert Settings.load() == Settings()
    path.write_text(json.dumps({"text_size": "gigantic", "window": [5, 5], "colour_blind": "yes"}))
    assert Settings.load() == Settings()


def test_save_from_the_menu_and_load_it_back(midgame):
    from game.ui.scenes.board import Board
    from game.ui.scenes.saves import LoadScreen

    app = make_app()
    s = copy_of(midgame)
    board_for(app, s)
    key(app, pygame.K_ESCAPE)  # the pause menu
    key(app, pygame.K_2)  # save
    assert "Saved" in app.handler.note
    key(app, pygame.K_3)  # load
    assert isinstance(app.handler, LoadScreen) and app.handler.list.rows
    key(app, pygame.K_RETURN)
    app.settle(20)
    assert isinstance(app.handler, Board)
    assert app.handler.session.state.state_hash() == s.state.state_hash()


def test_game_over_opens_the_report_and_continue_resumes_the_autosave(home):
    from game.ui.scenes.board import Board
    from game.ui.scenes.menu import TitleMenu
    from game.ui.scenes.report import Report

    app = make_app()
    finished = screenshot.finished_game("1924", 3)
    board_for(app, finished)
    app.step()
    assert isinstance(app.handler, Report) and app.handler.session is finished
    # an autosave written by a game in progress is offered by Continue
    s = Session.new("1924", 4, seats={"bukharin": "human"})
    s.advance()
    s.save(home / "data" / "autosave.json")
    menu = TitleMenu(app)
    app.set_handler(menu)
    shown(app)
    assert menu.items[1].enabled
    key(app, pygame.K_2)
    app.settle(20)
    board = app.handler
    assert isinstance(board, Board) and board.viewer == "bukharin"
    assert board.session.state.state_hash() == s.state.state_hash()


def test_run_window_returns_an_exit_code():
    from game.ui.app import run_window

    pygame.display.init()
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert run_window() == 0


# ---- a whole game with the keyboard only ---------------------------------------------------------

def _play(app: App, board, mode: str, until, limit: float = 60.0) -> None:
    """Answer whatever the window asks, with the keyboard only or the mouse only."""
    deadline = time.perf_counter() + limit
    while not until() and time.perf_counter() < deadline:
        app.settle(10)
        if until():
            break
        h = app.handler
        app.draw()
        name = type(h).__name__
        if mode == "keys":
            if h is board:
                if board.snap.my_move and board.snap.pending is None:
                    key(app, pygame.K_e)  # end the turn
                elif board.snap.pending is not None:
                    key(app, pygame.K_v)  # open the vote awaiting a ballot
            elif getattr(h, "phase", None) == "whip":
                key(app, pygame.K_y)  # a ballot
            else:
                key(app, pygame.K_RETURN)  # event cards, vote results, questions, privacy screens
        else:
            if h is board:
                if board.snap.my_move and board.snap.pending is None:
                    click(app, board.end_btn.rect.center)
                elif board.snap.pending is not None:
                    click(app, board.take_btn.rect.center)
            elif name == "VoteScreen":
                click(app, (h.yes_btn if h.phase == "whip" else h.cont_btn).rect.center)
            elif name in ("EventCard", "DecisionPopup", "MessagePopup"):
                click(app, h.buttons[0].rect.center)
            elif name == "PrivacyScreen":
                click(app, (10, 10))
            else:
                raise AssertionError(f"unexpected screen {name}")


def _new_game(app: App, mode: str):
    from game.ui.scenes.board import Board
    from game.ui.scenes.menu import TitleMenu

    menu = TitleMenu(app)
    app.set_handler(menu)
    shown(app)
    if mode == "keys":
        key(app, pygame.K_1)  # new game
        key(app, pygame.K_RETURN)  # start as Stalin
    else:
        click(app, menu.items[0].rect.center)
        app.draw()
        click(app, app.handler.start_btn.rect.center)
    board = getattr(app.handler, "parent", app.handler)  # the opening news cards sit over the board
    assert isinstance(board, Board)
    return board


def test_keyboard_only_game_passes_quarters_and_ends(home):
    from game.ui.scenes.report import Report

    app = make_app()
    board = _new_game(app, "keys")
    s = board.session
    start = s.state.turn
    autosave = home / "data" / "autosave.json"
    # The AI's thread turns the quarter inside a move and writes the autosave when the move is
    # done: wait for both, not just the turn, or the file is looked for in between.
    _play(app, board, "keys", lambda: (s.state.turn >= start + 2 and autosave.is_file()) or s.over)
    assert s.state.turn >= start + 2, "two quarters passed with the keyboard only"
    assert autosave.is_file()
    _play(app, board, "keys", lambda: isinstance(app.handler, Report))
    assert s.over and isinstance(app.handler, Report)


def test_mouse_only_game_to_the_end():
    from game.ui.scenes.report import Report

    app = make_app()
    board = _new_game(app, "mouse")
    s = board.session
    _play(app, board, "mouse", lambda: isinstance(app.handler, Report))
    assert s.over and isinstance(app.handler, Report)
    assert any(e["kind"] == "decide" for e in s.log) or all(e["actor"] != "stalin" or e["kind"] == "end_turn" for e in s.log)


# ---- screenshots ----------------------------------------------------------------------------------

@pytest.mark.parametrize("screen", screenshot.SCREENS)
def test_screenshot_is_not_blank(screen, tmp_path):
    out = screenshot.render(screen, tmp_path / f"{screen}.png")
    img = pygame.image.load(str(out))
    assert img.get_size() == (1280, 800)
    small = pygame.transform.scale(img, (160, 100))
    colours = {tuple(small.get_at((x, y)))[:3] for x in range(160) for y in range(100)}
    assert len(colours) > 40, f"{screen}: only {len(colours)} colours"


@pytest.mark.parametrize("screen", ("board", "vote", "dossier", "slate"))
def test_screenshot_small_large_colour_blind(screen, tmp_path):
    out = screenshot.render(screen, tmp_path / f"{screen}.png", size=(1024, 640), large_text=True, colour_blind=True)
    img = pygame.image.load(str(out))
    assert img.get_size() == (1024, 640)


def test_board_frame_time_is_measured():
    times = screenshot.board_frame_times(300)
    print(f"\nboard frame at 1280x800: mean {times['frame_ms_mean']:.2f} ms, p99 {times['frame_ms_p99']:.2f} ms "
          f"(max {times['frame_ms_max']:.2f} ms over {times['frames']} frames); full redraws "
          f"({times['full_frames']}): mean {times['full_ms_mean']:.2f} ms, p99 {times['full_ms_p99']:.2f} ms")
    assert times["frames"] == 300


# ---- the guard rails -------------------------------------------------------------------------------

def test_engine_never_imports_pygame():
    code = "import sys, game.session, game.cli, game.tui, game.simulate; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_upstream_pygame_is_refused(tmp_path):
    fake = tmp_path / "pygame"
    fake.mkdir()
    (fake / "__init__.py").write_text("version = '2.6.1'\n")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    out = subprocess.run([sys.executable, "-c", "import game.ui"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode != 0
    assert "pip uninstall" in out.stderr and "pygame-ce" in out.stderr


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_real_window_under_xvfb(tmp_path):
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER",)}
        env.update(DISPLAY=display, SDL_VIDEODRIVER="x11", POLITBURO_HOME=str(tmp_path))
        code = ("from pathlib import Path; from game.ui.screenshot import render; "
                f"render('board', Path(r'{tmp_path / 'x.png'}'))")
        subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, timeout=60)
        assert (tmp_path / "x.png").stat().st_size > 10_000
    finally:
        xvfb.terminate()
        xvfb.wait(5)


def test_the_board_shows_the_politburo_seats_that_stand_empty():
    """Before the 13th Congress Lenin's seat stands empty: the only seat a motion can fill until
    a Congress elects a larger Politburo, so the board says so in the Politburo panel's header."""
    app = make_app()
    board = board_for(app, screenshot.game_in_progress("1924", 1, quarters=1, table=False))
    assert board.snap.empty_seats == (1, 0)
    st = board.session.state
    st.politburo_candidates.remove("molotov")
    st.politburo_full.append("molotov")  # the seat filled, and a candidate's seat emptied
    board.refresh()
    assert board.snap.empty_seats == (0, 1)
