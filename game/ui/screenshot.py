"""Render any screen of the window to a PNG, headless, from a real game state.

    from game.ui.screenshot import render
    render("board", Path("board.png"))                 # 1280×800
    render("vote", Path("vote.png"), size=(1024, 640), large_text=True, colour_blind=True)

Screens: menu, setup, board, vote, event, dossier, encyclopedia, report, lab, settings, model,
historian, branch, lab_compare, slate (the list editor at the 1924 Congress, a candidate raised).
The board, vote, event and dossier come from a game of the scenario played for a few quarters
with a human seat; the report from a whole game played by the AI; the lab from a real batch.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

SCREENS = ("menu", "setup", "board", "vote", "event", "dossier", "encyclopedia", "report", "lab", "settings", "model",
           "historian", "branch", "lab_compare", "slate")


def _headless() -> None:
    """Use SDL's dummy drivers unless a video driver was chosen already."""
    import pygame

    if not pygame.display.get_init():
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def make_app(size: tuple[int, int] = (1280, 800), large_text: bool = False, colour_blind: bool = False):
    _headless()
    from .app import App
    from .theme import Settings

    settings = Settings(text_size="large" if large_text else "normal", colour_blind=colour_blind, window=tuple(size))
    return App(size=size, settings=settings, persist=False)


# ---- real game states ---------------------------------------------------------------------------

def game_in_progress(scenario: str = "1924", seed: int = 1, quarters: int = 3, leader: str | None = None,
                     table: bool = True):
    """A game with a human seat, played (ending turns, default answers) for a few quarters,
    stopped at the human's move; he has tabled one motion so the agenda has a whip count."""
    from .. import actions as A
    from ..session import Session

    probe = Session.new(scenario, seed)
    leader = leader or probe.state.world.playable[0]
    s = Session.new(scenario, seed, seats={leader: "human"})
    target = s.state.start + quarters
    for _ in range(2000):
        s.advance()
        if s.over:
            break
        actor = s.current_actor()
        d = s.pending()
        if d is not None:
            s.submit(A.Decide(actor, d.id, d.default))
            continue
        if s.state.turn >= target:
            break
        s.submit(A.EndTurn(actor))
    if table and not s.over and s.pending() is None:
        legal = s.legal_actions(leader)
        motions = [a for a in legal if isinstance(a, A.TableMotion) and a.motion == "remove_office"
                   and a.target in s.state.world.playable]
        motions = motions or [a for a in legal if isinstance(a, A.TableMotion)]
        if motions:
            s.submit(motions[0])
    return s


def until_ballot(s):
    """Play on (ending the human's turns) until he is asked for his ballot in a Politburo vote."""
    from .. import actions as A

    for _ in range(4000):
        s.advance()
        if s.over:
            return None
        d = s.pending()
        actor = s.current_actor()
        if d is not None:
            if d.kind == "vote":
                return d
            s.submit(A.Decide(actor, d.id, d.default))
            continue
        s.submit(A.EndTurn(actor))
    return None


def finished_game(scenario: str = "1924", seed: int = 1):
    from ..session import Session

    s = Session.new(scenario, seed)
    s.advance()
    return s


def finished_hotseat(scenario: str = "1924", seed: int = 1, seats: tuple[str, ...] = ("stalin", "trotsky")):
    """A whole hot-seat game in which the players end their turns and take the default answers."""
    from .. import actions as A
    from ..session import Session

    s = Session.new(scenario, seed, seats={lid: "human" for lid in seats})
    while not s.over:
        s.run_ai()
        if s.over:
            break
        actor, d = s.current_actor(), s.pending()
        s.act(A.Decide(actor, d.id, d.default) if d else A.EndTurn(actor))
    return s


def build(screen: str, app, scenario: str = "1924", seed: int = 1):
    """The handler showing `screen`, on a real game state."""
    if screen not in SCREENS:
        raise ValueError(f"unknown screen {screen!r} (screens: {', '.join(SCREENS)})")
    from .scenes.board import Board

    if screen == "menu":
        from .scenes.menu import TitleMenu

        return TitleMenu(app)
    if screen == "setup":
        from .scenes.setup import Setup

        return Setup(app, scenario=scenario)
    if screen == "encyclopedia":
        from .scenes.encyclopedia import Encyclopedia

        return Encyclopedia(app, select="stalin")
    if screen == "settings":
        from .scenes.settings import SettingsScreen

        return SettingsScreen(app)
    if screen == "lab":
        from .scenes.lab import Lab

        lab = Lab(app)
        lab.sid = scenario if scenario in lab.ids else lab.sid
        lab.load()
        lab.toggles = set()
        lab.run_now(6)
        first = list(lab.world(lab.sid).toggles)[:1]
        lab.toggles = set(first)
        lab.fill()
        lab.run_now(6)
        return lab
    if screen == "model":
        from .scenes.modelsheet import ModelSheet
        from .scenes.setup import Setup

        sheet = ModelSheet(app, back=None, balance=Setup(app, scenario=scenario).world(scenario).balance)
        sheet.select(2)  # the votes: a formula table and the live weights
        return sheet
    if screen == "historian":
        from .scenes.historian import Historian

        s = finished_hotseat(scenario, seed)
        return Historian(app, s)
    if screen == "branch":
        from .scenes.branch import BranchScreen

        s = finished_hotseat(scenario, seed, ("stalin",))
        return BranchScreen.for_session(app, s, "demo-game")
    if screen == "lab_compare":
        from .scenes.lab import Lab

        lab = Lab(app)
        lab.sid = scenario if scenario in lab.ids else lab.sid
        lab.load()
        lab.set_compare(True)  # B starts as A; give B the first what-if switch
        lab.toggles = set(list(lab.world(lab.sid).toggles)[:1])
        lab.fill()
        lab.run_now(5)
        return lab
    if screen == "report":
        from .scenes.report import Report

        rep = Report(app, finished_game(scenario, seed), prepare=False)
        rep.prepare_now()
        return rep
    if screen == "slate":
        from .scenes.slate import SlateEditor

        s = game_in_progress(scenario, seed, quarters=1, table=False)  # in 1924: the quarter of the 13th Congress
        board = Board(app, s, show_opening=False)
        editor = SlateEditor(app, board)
        raised = next((m.lid for m in editor.draft.men if m.was == "candidate" and m.tag.startswith("your")), None)
        if raised is not None:
            editor.edit(editor.draft.step, raised, 1)
        return editor
    s = game_in_progress(scenario, seed)
    board = Board(app, s, show_opening=False)
    if screen == "board":
        return board
    if screen == "event":
        from .scenes.event import EventCard

        events = [e for e in s.events_for(board.viewer) if e.kind == "event" and e.detail.get("note")]
        return EventCard(app, board, events[-1] if events else s.chronicle[0])
    if screen == "dossier":
        from .scenes.dossier import Dossier

        rival = next((x for x in s.state.world.playable if x != board.viewer), board.viewer)
        return Dossier(app, board, "trotsky" if "trotsky" in s.state.leaders and board.viewer != "trotsky" else rival)
    if screen == "vote":
        from .scenes.vote import VoteScreen

        d = until_ballot(s)
        board.refresh()
        if d is None:
            votes = [e for e in s.chronicle if e.kind == "vote" and e.detail.get("votes")]
            return VoteScreen(app, board, event=votes[-1], instant=True)
        return VoteScreen(app, board, decision=d)
    raise AssertionError(screen)


def render(screen: str, out: Path, scenario: str = "1924", seed: int = 1, size: tuple[int, int] = (1280, 800),
           large_text: bool = False, colour_blind: bool = False) -> Path:
    """Render one screen to a PNG and return its path."""
    import pygame

    app = make_app(size, large_text, colour_blind)
    handler = build(screen, app, scenario, seed)
    app.set_handler(handler)
    app.draw()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.screen, str(out))
    return out


def board_frame_times(frames: int = 300, size: tuple[int, int] = (1280, 800), scenario: str = "1924",
                      seed: int = 1) -> dict[str, float]:
    """Milliseconds per board frame (input, draw, tooltip and flip) while the pointer wanders over
    the Politburo, the Central Committee and the map: every few frames it reaches another element
    (the board is redrawn, with its tooltip), in between it moves within one (the tooltip follows).
    `full_ms_*` are the frames that redrew the whole board."""
    import pygame

    from .scenes.board import Board

    app = make_app(size)
    board = Board(app, game_in_progress(scenario, seed), show_opening=False)
    app.set_handler(board)
    app.draw()
    targets = [spot.rect.center for spot in board.spots.items if spot.tip] or [(size[0] // 2, size[1] // 2)]
    times, full = [], []
    for i in range(frames):
        x, y = targets[(i // 3 * 7) % len(targets)]
        pos = (x + i % 3 - 1, y)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 0), buttons=(0, 0, 0)))
        key = board._frame_key
        t0 = time.perf_counter()
        for ev in pygame.event.get():
            app.dispatch(ev)
        app.draw()
        ms = (time.perf_counter() - t0) * 1000
        times.append(ms)
        if board._frame_key != key:
            full.append(ms)

    def p99(xs):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))] if xs else 0.0

    return {"frame_ms_mean": round(statistics.fmean(times), 3), "frame_ms_p99": round(p99(times), 3),
            "frame_ms_max": round(max(times), 3), "full_ms_mean": round(statistics.fmean(full), 3) if full else 0.0,
            "full_ms_p99": round(p99(full), 3), "frames": frames, "full_frames": len(full)}


def startup_to_board() -> float:
    """Seconds from nothing to the first board frame of a new game (fonts, scenario, first quarter)."""
    t0 = time.perf_counter()
    from ..session import Session
    from .scenes.board import Board

    app = make_app()
    s = Session.new("1924", 1, seats={"stalin": "human"})
    s.advance()
    app.set_handler(Board(app, s, show_opening=False))
    app.draw()
    return time.perf_counter() - t0


if __name__ == "__main__":  # pragma: no cover - a quick way to look at every screen
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
    for name in SCREENS:
        print(render(name, folder / f"ui_{name}.png"))
