"""The command line (DESIGN §5). Exit codes: 0 ok, 2 bad input (one line per problem on stderr,
never a traceback), 1 internal error (traceback to a log file, a short message, autosave first)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import BadInput

COMMANDS = ("play", "load", "continue", "replay", "simulate", "scenarios", "validate", "report", "screenshot")
_ACTIVE_SESSION = None  # the session to autosave if something goes wrong


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one clear line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise BadInput(f"{self.prog}: {message}")


def build_parser() -> Parser:
    p = Parser(prog="politburo", description="Politburo: the struggle for Lenin's succession, 1924-1929.")
    p.add_argument("--version", action="version", version=f"politburo {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=Parser)

    play = sub.add_parser("play", help="play a game (the default command)")
    play.add_argument("--scenario", help="scenario id or path to a scenario file")
    play.add_argument("--as", dest="leader", help="the leader you play")
    play.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal")
    play.add_argument("--seed", type=int, default=1)
    play.add_argument("--toggle", action="append", default=[], metavar="NAME", help="a what-if toggle (repeatable)")
    play.add_argument("--hotseat", help="several human seats: LEADER,LEADER,...")
    play.add_argument("--autoplay", action="store_true", help="every seat to the AI (a spectator game)")
    play.add_argument("--save", type=Path, help="write the save here when the game ends or is quit")
    play.add_argument("--ui", choices=("window", "terminal"), help="window or terminal (default: window when a display exists)")
    play.add_argument("--preset", choices=("custom", "one_period", "full_campaign", "demo"),
                      help="a class preset: one_period (1927, 2 action points a quarter), full_campaign (1924), "
                           "demo (the AI plays every seat at a readable pace)")
    play.add_argument("--class", dest="class_name", metavar="NAME",
                      help="the class's name: the game saves itself as <class>-<scenario>.json in the saves folder")
    play.add_argument("--timer", type=int, metavar="SECONDS",
                      help="a turn timer for each seat (the window shows the countdown; 0 = off)")

    load = sub.add_parser("load", help="resume a saved game (without SAVE: list the saved games)")
    load.add_argument("save", nargs="?", help="a save file, or a save's name in the saves folder (e.g. 9b-1927)")
    load.add_argument("--ui", choices=("window", "terminal"))
    load.add_argument("--votes", action="store_true",
                      help="list the game's Politburo votes and whether chance could have reversed each")
    load.add_argument("--branch", metavar="QUARTER", help="start a new game from the start of this quarter of the save")
    load.add_argument("--toggle", action="append", default=[], metavar="NAME",
                      help="with --branch: switch a what-if on at the branch point (repeatable; only one whose "
                           "events still lie ahead)")
    load.add_argument("--reverse-vote", type=int, metavar="MOTION",
                      help="start a new game just after this vote, with its waverers forced the other way")

    cont = sub.add_parser("continue", help="resume the newest unfinished saved game (with --class: that class's)")
    cont.add_argument("--class", dest="class_name", metavar="NAME", help="the class whose newest game to resume")
    cont.add_argument("--ui", choices=("window", "terminal"))

    replay = sub.add_parser("replay", help="replay the real history of a scenario")
    replay.add_argument("--scenario", required=True)
    replay.add_argument("--until")
    replay.add_argument("--json", action="store_true")

    sim = sub.add_parser("simulate", help="run AI-vs-AI games and report the odds")
    sim.add_argument("--scenario", required=True)
    sim.add_argument("--runs", type=int, required=True)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--toggle", action="append", default=[])
    sim.add_argument("--workers", type=int)
    sim.add_argument("--json", action="store_true")
    sim.add_argument("--csv", type=Path)
    sim.add_argument("--difficulty", choices=("easy", "normal", "hard"), default="normal",
                     help="every seat's AI level (hard plays each quarter out: seconds a game)")
    sim.add_argument("--omniscient", action="store_true",
                     help="a test setting: every AI reads the whole board, other men's secret pacts included")

    sc = sub.add_parser("scenarios", help="list the scenarios")
    sc.add_argument("--json", action="store_true")

    val = sub.add_parser("validate", help="check a scenario file")
    val.add_argument("path")

    rep = sub.add_parser("report", help="write a debrief pack for a saved game")
    rep.add_argument("save", type=Path)
    rep.add_argument("--out", type=Path, required=True)

    shot = sub.add_parser("screenshot", help="render a screen of the window to PNG")
    shot.add_argument("screen")
    shot.add_argument("--out", type=Path, required=True)
    shot.add_argument("--scenario", default="1924")
    shot.add_argument("--seed", type=int, default=1)
    shot.add_argument("--size", default="1280x800")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "play")
    try:
        args = build_parser().parse_args(argv)
        return dispatch(args)
    except BadInput as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        _autosave_quietly()
        print("\nInterrupted; the game was autosaved.", file=sys.stderr)
        return 0
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except BrokenPipeError:
        return 0
    except Exception:  # noqa: BLE001 - the last line of defence: log, autosave, one line
        _autosave_quietly()
        log = _write_crash_log()
        print(f"politburo: internal error; the game was autosaved. Details: {log}", file=sys.stderr)
        return 1


def _autosave_quietly() -> None:
    if _ACTIVE_SESSION is not None and _ACTIVE_SESSION.autosave_path is not None:
        # Never let a failed autosave hide the real error.
        with contextlib.suppress(Exception):
            _ACTIVE_SESSION.save(_ACTIVE_SESSION.autosave_path, keep_previous=True)


def _write_crash_log() -> Path:
    from .paths import log_dir

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "crash.log"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(traceback.format_exc() + "\n")
    return path


def dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "play":
        return cmd_play(args)
    if command == "load":
        return cmd_load(args)
    if command == "continue":
        return cmd_continue(args)
    if command == "scenarios":
        return cmd_scenarios(args)
    if command == "validate":
        return cmd_validate(args)
    if command == "simulate":
        return cmd_simulate(args)
    if command == "replay":
        return cmd_replay(args)
    if command == "screenshot":
        return cmd_screenshot(args)
    if command == "report":
        return cmd_report(args)
    raise BadInput(f"politburo {command}: not available in this version yet")


def _has_display() -> bool:
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def _pick_ui(requested: str | None) -> str:
    """The window when a display exists (and pygame-ce loads); otherwise the terminal, saying why."""
    if requested == "terminal":
        return "terminal"
    if not _has_display():
        print("No display found: playing in the terminal.", file=sys.stderr)
        return "terminal"
    try:
        import game.ui  # noqa: F401 - checks for pygame-ce
    except ImportError as exc:
        print(f"The window cannot start ({exc}): playing in the terminal.", file=sys.stderr)
        return "terminal"
    return "window"


def _run_window(session, save: Path | None = None) -> int:
    from .ui import run_window

    code = run_window(session)
    if save is not None and session is not None:
        session.save(save)
    return code


def cmd_play(args: argparse.Namespace) -> int:
    global _ACTIVE_SESSION
    from . import classroom
    from .paths import autosave_path
    from .scenario import build_world, load_model
    from .session import Session
    from .tui import TerminalGame, choose_setup

    ui = _pick_ui(args.ui)
    chosen_class = bool(args.preset or args.class_name or args.timer)
    if ui == "window" and not (args.scenario or args.leader or args.hotseat or args.autoplay or chosen_class):
        return _run_window(None)  # the title menu: new game, continue, load, lab, encyclopedia...
    if ui == "terminal" and not (args.scenario or args.leader or args.hotseat or args.autoplay or chosen_class):
        resumed = _offer_continue()
        if resumed is not None:
            return resumed
    options = classroom.options_for(args.preset or "custom", args.class_name or "", args.timer or 0)
    preset = classroom.PRESETS[options.preset]
    if preset.spectate and not (args.hotseat or args.leader):
        args.autoplay = True
    humans: list[str] = []
    scenario = args.scenario or preset.scenario
    if args.hotseat:
        humans = [h.strip().lower() for h in args.hotseat.split(",") if h.strip()]
        if not 1 <= len(humans) <= 7 or len(set(humans)) != len(humans):
            raise BadInput("--hotseat: give 1 to 7 different leaders, separated by commas")
    elif not args.autoplay:
        leader = args.leader.lower() if args.leader else None

        def playable(ref: str) -> tuple[str, ...]:
            model, source_hash, path = load_model(ref)
            return build_world(model, source_hash, path).playable

        interactive = args.scenario is None or leader is None
        if (ui == "window" or (interactive and not sys.stdin.isatty())) and args.scenario is not None:
            leader = leader or playable(scenario)[0]
        if ui == "window":
            scenario = scenario or "1924"
            leader = leader or playable(scenario)[0]
        chosen = choose_setup(sys.stdin, sys.stdout, scenario, leader, playable) if (scenario is None or leader is None) else (scenario, leader)
        if chosen is None:
            return 0
        scenario, leader = chosen
        humans = [leader]
    scenario = scenario or "1924"
    session = Session.new(scenario, args.seed, tuple(args.toggle), {h: "human" for h in humans}, args.difficulty)
    session.classroom = options
    # a class game saves itself under the class's name, so the next lesson can `politburo load` it
    session.autosave_path = classroom.class_save_path(options.class_name, scenario) if options.class_name \
        else autosave_path()
    _ACTIVE_SESSION = session
    if ui == "window":
        return _run_window(session, args.save)
    game = TerminalGame(session, sys.stdin, sys.stdout, args.save, hotseat=len(humans) > 1)
    if options.active and options.preset != "custom":
        if preset.scenario in (None, scenario):
            print(f"{preset.title}: {preset.blurb}")
        elif options.ap_limit is not None:  # the preset's rules on another scenario: its blurb would mislead
            print(f"{preset.title}: scenario {scenario}, each leader spends at most {options.ap_limit} action points a quarter.")
    if options.class_name:
        print(f"Class {options.class_name}: the game saves itself as {session.autosave_path} every quarter.")
    if options.timer:
        print(f"Turn timer: {classroom.clock_text(options.timer)} a seat. When it runs out the seat's turn ends "
              "(a question takes its default answer).")
    if args.autoplay:
        print(f"Autoplay: {session.state.world.title} ({scenario}), seed {args.seed}; every seat is played by the AI.")
    return game.run()


def _offer_continue() -> int | None:
    """After a crash or a quit, the next start offers the last good autosave."""
    global _ACTIVE_SESSION
    from .paths import autosave_path
    from .session import Session
    from .tui import TerminalGame

    path = autosave_path()
    if not (path.is_file() or path.with_suffix(".prev.json").is_file()):
        return None
    try:
        session, used = Session.load_last_good(path)
    except BadInput as exc:
        print(f"The autosave cannot be read ({exc.problems[0]}); starting a new game.", file=sys.stderr)
        return None
    if session.over or not session.humans():
        return None
    who = ", ".join(session.state.world.name(h) for h in session.humans())
    print(f"An unfinished game is autosaved: {session.state.world.title}, {session.state.quarter}, as {who}.")
    print("Continue it? [Y/n] ", end="", flush=True)
    reply = sys.stdin.readline()
    if reply.strip().lower() in ("n", "no"):
        return None
    session.autosave_path = path
    _ACTIVE_SESSION = session
    print(f"Resuming from {used}.")
    game = TerminalGame(session, sys.stdin, sys.stdout, None, hotseat=len(session.humans()) > 1)
    game.seen = {h: max(0, len(session.chronicle) - 30) for h in session.humans()}
    return game.run()


def cmd_load(args: argparse.Namespace) -> int:
    from . import classroom, saves
    from .paths import autosave_path
    from .session import Session

    if args.save is None:
        return _list_saves()
    if args.branch and args.reverse_vote is not None:
        raise BadInput("politburo load: give --branch QUARTER or --reverse-vote MOTION, not both")
    if args.toggle and not args.branch:
        raise BadInput("politburo load: --toggle needs --branch QUARTER (a what-if is switched on at a branch)")
    path = classroom.find_save(args.save)
    if args.votes:
        return _list_votes(Session.load(path))
    if args.branch or args.reverse_vote is not None:
        data = saves.read_save(path)
        if args.reverse_vote is not None:
            plan, session = Session.what_if_vote(data, args.reverse_vote, label=str(path))
            name = Session.new(data["scenario"], 0).state.world.name if session is None else session.state.world.name
            for line in plan.lines(name):
                print(line)
            if session is None:
                raise BadInput(f"{path}: motion {args.reverse_vote}: chance alone could not reverse this vote (see above)")
            quarter, motion = plan.quarter, args.reverse_vote
        else:
            session = Session.branch(data, args.branch, toggles=args.toggle, label=str(path))
            quarter, motion = args.branch, None
        session.autosave_path = classroom.branch_save_path(path, quarter, motion)
        session.save(session.autosave_path)
        print(f"A new branch of {path.name} from {quarter}: saved as {session.autosave_path}.")
        for event in session.chronicle[-1:]:
            if event.kind == "what_if":
                print(event.text)
    else:
        session = Session.load(path)
        # a class game (or a branch) goes on saving itself in its own file
        session.autosave_path = path if classroom.keeps_own_file(session.classroom) else autosave_path()
    return _resume(session, path, args.ui)


def _resume(session, path: Path, ui_choice: str | None) -> int:
    """Play a loaded game on in the window or the terminal; it is saved back to `path` at the end
    (or to its own file, a class game's or a branch's)."""
    global _ACTIVE_SESSION
    from .paths import autosave_path
    from .tui import TerminalGame

    _ACTIVE_SESSION = session
    ui = _pick_ui(ui_choice)  # after the save is read: a bad save is one line, not two
    keep = session.autosave_path if session.autosave_path != autosave_path() else path
    if ui == "window":
        return _run_window(session, keep)
    print(f"Resuming {session.state.world.title} at {session.state.quarter}.")
    game = TerminalGame(session, sys.stdin, sys.stdout, keep, hotseat=len(session.humans()) > 1)
    game.seen = {h: len(session.chronicle) - 30 for h in session.humans()}
    return game.run()


def cmd_continue(args: argparse.Namespace) -> int:
    """The newest unfinished save (a class's own with --class), resumed as `load` would."""
    from . import classroom
    from .paths import autosave_path
    from .session import Session

    path = classroom.latest_save(args.class_name)
    if path is None:
        whose = f" for class {args.class_name!r}" if args.class_name else ""
        raise BadInput(f"politburo continue: no unfinished saved game{whose} (politburo load lists the saves)")
    if path == autosave_path():
        session, used = Session.load_last_good(path)
    else:
        session, used = Session.load(path), path
    session.autosave_path = path if classroom.keeps_own_file(session.classroom) else autosave_path()
    print(f"Continuing {classroom.describe_save(used)[0]} ({used.name}).")
    return _resume(session, path, args.ui)


def _list_saves() -> int:
    from . import classroom
    from .paths import autosave_path

    found = ([autosave_path()] if autosave_path().is_file() else []) + classroom.list_saves()
    if not found:
        print(f"No saved games yet in {classroom.saves_dir()}.")
        return 0
    print(f"Saved games ({classroom.saves_dir()}), newest first:")
    for p in found:
        title, detail = classroom.describe_save(p, "Autosave" if p == autosave_path() else None)
        print(f"  {p.stem if p != autosave_path() else str(p)}")
        print(f"      {title}")
        print(f"      {detail}")
    print("Resume one with: politburo load NAME   (branch it: --branch QUARTER [--toggle WHAT_IF], "
          "or --votes then --reverse-vote N)")
    return 0


def _list_votes(session) -> int:
    from .whatif import plan_flip

    waver = float(session.state.world.balance["vote"]["waver"])
    votes = session.past_votes()
    if not votes:
        print("This game has no Politburo vote yet.")
        return 0
    for e in votes:
        plan = plan_flip(e, waver)
        mark = "chance could reverse it" if plan.possible else "firm: its reasons decided it"
        print(f"  {e.detail['motion']:4}  {e.turn}  {plan.title} — {'carried' if plan.passed else 'lost'} "
              f"{plan.yes}–{plan.no}; {mark}")
    print("Reverse one with: politburo load SAVE --reverse-vote MOTION")
    return 0


def cmd_scenarios(args: argparse.Namespace) -> int:
    from .scenario import list_ids, load_model

    rows = []
    for sid in list_ids():
        model, _, _ = load_model(sid)
        meta = model.scenario
        rows.append({"id": meta.id, "title": meta.title, "start": meta.start, "end": meta.end,
                     "playable": list(meta.playable), "toggles": list(meta.toggles)})
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for row in rows:
            print(f"{row['id']:6} {row['title']} ({row['start']}–{row['end']}); playable: {', '.join(row['playable'])}")
            if row["toggles"]:
                print(f"       what-if toggles: {', '.join(row['toggles'])}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # the charts are drawn offscreen
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from .report import write_pack
    from .session import Session

    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise BadInput(f"--out: {out} exists and is not a folder")
    session = Session.load(args.save)
    paths = write_pack(session, out)
    print(f"Debrief pack for {session.state.world.title} ({session.state.quarter}): "
          f"{len(paths)} files in {out} — open {out / 'index.html'}")
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ["SDL_VIDEODRIVER"] = "dummy"  # always headless, even on a desktop
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from .ui.screenshot import SCREENS, render

    if args.screen not in SCREENS:
        raise BadInput(f"unknown screen {args.screen!r} (screens: {', '.join(SCREENS)})")
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        raise BadInput(f"--size must look like 1280x800 (got {args.size!r})") from None
    if not (640 <= width <= 7680 and 400 <= height <= 4320):
        raise BadInput(f"--size must be between 640x400 and 7680x4320 (got {args.size})")
    if args.out.suffix.lower() != ".png":
        raise BadInput(f"--out must be a .png file (got {args.out})")
    from .scenario import new_game

    new_game(args.scenario, args.seed)  # a bad scenario is a clean error, before any drawing
    path = render(args.screen, args.out, args.scenario, args.seed, (width, height))
    print(f"{args.screen}: {path}")
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    from .calendar import quarter_index
    from .history import ledger, replay, replay_json

    session, refused = replay(args.scenario, args.until)
    st = session.state
    stop = quarter_index(args.until) if args.until else st.end
    rows = ledger(session.chronicle, st.start, stop, st.turn, over=True)
    hit = sum(1 for r in rows if r.status == "as_in_history")
    if args.json:
        data = replay_json(args.scenario, session, args.until)
        data["fidelity"] = {"hit": hit, "expected": len(rows), "refused_steps": refused,
                            "milestones": [{"id": r.milestone.id, "quarter": r.milestone.quarter,
                                            "status": r.status, "game_quarter": r.game_quarter} for r in rows]}
        print(json.dumps(data, indent=1))
        return 0
    for e in session.chronicle:
        if e.kind == "quarter":
            print(f"\n{e.text}")
        elif e.kind != "quarter_end" and e.visible_to(None):
            print(f"  · {e.text}")
    print("\nThe game against the real timeline:")
    for r in rows:
        print("  " + r.line())
    for note in refused:
        print(f"  script: {note}")
    print(f"\nFidelity: {hit}/{len(rows)} milestones in the right quarter.")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from .scenario import new_game
    from .simulate import format_table, simulate

    result = simulate(args.scenario, args.runs, args.seed, tuple(args.toggle), args.workers, args.csv,
                      progress=sys.stderr.isatty() or bool(os.environ.get("POLITBURO_PROGRESS")),
                      difficulty=args.difficulty, omniscient=args.omniscient)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        world = new_game(args.scenario, 0, tuple(args.toggle)).world
        print(format_table(result, {lid: world.name(lid) for lid in world.playable}))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .scenario import load_model

    path = Path(args.path)
    model, _, _ = load_model(str(path) if str(path).endswith(".toml") or path.exists() else args.path)
    print(f"{path}: ok — scenario {model.scenario.id} ({model.scenario.title}), {len(model.leaders)} leaders, "
          f"{len(model.regions)} regions, {len(model.events)} events")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
