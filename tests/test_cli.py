"""End to end through the real command line: `python main.py ...` in a subprocess."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

SCENARIO = ROOT / "scenarios" / "1924.toml"


run = run_cli  # the shared runner (conftest)


def assert_clean_error(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert proc.stderr.strip(), "a bad input must say what is wrong"


# ---- scenarios and validate ---------------------------------------------------------------------

def test_scenarios_json_lists_1924():
    proc = run(["scenarios", "--json"])
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    row = next(r for r in rows if r["id"] == "1924")
    assert set(row) >= {"id", "title", "start", "end", "playable", "toggles"}
    assert row["start"] == "1924Q1" and row["end"] == "1929Q4"
    assert set(row["playable"]) == {"stalin", "trotsky", "zinoviev", "kamenev", "bukharin", "rykov", "tomsky"}
    assert "testament_published" in row["toggles"]


def test_validate_good_file():
    proc = run(["validate", str(SCENARIO)])
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout


def _mutated(tmp_path: Path, old: str, new: str) -> Path:
    text = SCENARIO.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,expect", [
    ('id = "1924"', 'id = 1924', "scenario.id"),                       # wrong type
    ('start = "1924Q1"', 'start = "1924Q5"', "scenario.start"),        # bad value
    ('general_secretary  = "stalin"', 'general_secretary  = "stalinn"', "offices.general_secretary"),  # unknown id
    ('title = ', 'tittle = ', "scenario"),                                # unknown / missing field
])
def test_validate_names_file_and_field(tmp_path, old, new, expect):
    path = _mutated(tmp_path, old, new)
    proc = run(["validate", str(path)])
    assert_clean_error(proc)
    assert str(path) in proc.stderr
    assert expect in proc.stderr


def test_validate_syntax_error_empty_and_missing(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[scenario\nid = ", encoding="utf-8")
    proc = run(["validate", str(broken)])
    assert_clean_error(proc)
    assert "TOML syntax error" in proc.stderr and str(broken) in proc.stderr

    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    proc = run(["validate", str(empty)])
    assert_clean_error(proc)
    assert "empty file" in proc.stderr

    proc = run(["validate", str(tmp_path / "nowhere.toml")])
    assert_clean_error(proc)
    assert "no such file" in proc.stderr


def test_validate_impossible_count(tmp_path):
    # Two full Politburo members are the same man: an impossible count.
    text = SCENARIO.read_text(encoding="utf-8")
    path = tmp_path / "dup.toml"
    start = text.index("\n[politburo]")
    line_start = text.index("full", start)
    line_end = text.index("\n", line_start)
    path.write_text(text[:line_start] + 'full = ["stalin", "stalin", "trotsky"]' + text[line_end:], encoding="utf-8")
    proc = run(["validate", str(path)])
    assert_clean_error(proc)
    assert "politburo.full" in proc.stderr


def test_unknown_command_line_arguments_are_clean():
    assert_clean_error(run(["play", "--difficulty", "impossible"]))
    assert_clean_error(run(["play", "--scenario", "1931", "--as", "stalin"]))
    assert_clean_error(run(["play", "--as", "lenin", "--scenario", "1924"], stdin=""))
    assert_clean_error(run(["play", "--scenario", "1924", "--as", "stalin", "--toggle", "no_such_toggle"]))


# ---- playing whole games from blank lines -----------------------------------------------------

@pytest.mark.parametrize("leader", ["stalin", "trotsky"])
def test_whole_campaign_from_blank_lines_is_reproducible(tmp_path, leader):
    args = ["play", "--ui", "terminal", "--scenario", "1924", "--as", leader, "--seed", "11"]
    first = run(args, stdin="\n" * 3000, home=tmp_path / "a")
    second = run(args, stdin="\n" * 3000, home=tmp_path / "b")
    assert first.returncode == 0, first.stderr[-2000:]
    assert "THE END" in first.stdout
    assert "1929Q4" in first.stdout
    assert first.stdout == second.stdout, "same seed and input must give the same transcript"
    assert (tmp_path / "a" / "data" / "autosave.json").exists(), "the game autosaves every quarter"


def test_quit_saves_and_load_resumes(tmp_path):
    save = tmp_path / "game.json"
    proc = run(["play", "--scenario", "1924", "--as", "stalin", "--seed", "4", "--save", str(save)],
               stdin="\n" * 12 + "quit\n", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(save.read_text())
    assert data["format"] == "politburo-save" and data["actions"]
    resumed = run(["load", str(save)], stdin="\n" * 3000, home=tmp_path)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "Resuming" in resumed.stdout and "THE END" in resumed.stdout


def test_end_of_input_saves_and_exits_zero(tmp_path):
    save = tmp_path / "eof.json"
    proc = run(["play", "--scenario", "1924", "--as", "zinoviev", "--seed", "2", "--save", str(save)],
               stdin="status\nhelp\n", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert save.exists()
    assert "Commands" in proc.stdout  # help was shown


def test_commands_in_the_terminal(tmp_path):
    script = "\n".join([
        "politburo", "offices", "regions", "region leningrad", "leader trotsky", "power", "mood",
        "pacts", "cases", "objective", "actions appoint", "appoint nowhere", "accuse stalin factionalism",
        "appoint ukraine", "",
    ]) + "\n"
    proc = run(["play", "--scenario", "1924", "--as", "stalin", "--seed", "5"], stdin=script + "\n" * 3000, home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "General Secretary" in out and "Leningrad" in out
    assert "no single region matches" in out           # a typo is answered, not a crash
    assert "Refused:" in out or "choose another leader" in out   # accusing oneself is refused with a reason
    assert "replaces" in out                            # the appointment in Ukraine happened


def test_autoplay_runs_a_spectator_game(tmp_path):
    proc = run(["play", "--autoplay", "--scenario", "1924", "--seed", "8"], home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Autoplay" in proc.stdout and "THE END" in proc.stdout


def test_damaged_save_is_refused_and_left_untouched(tmp_path):
    bad = tmp_path / "bad.json"
    payload = b'{"format": "politburo-save", "version": 1, "scen'
    bad.write_bytes(payload)
    proc = run(["load", str(bad)], home=tmp_path)
    assert_clean_error(proc)
    assert str(bad) in proc.stderr
    assert bad.read_bytes() == payload


def test_forged_save_is_refused(tmp_path):
    good = tmp_path / "good.json"
    run(["play", "--scenario", "1924", "--as", "stalin", "--seed", "4", "--save", str(good)],
        stdin="\n" * 6 + "quit\n", home=tmp_path)
    data = json.loads(good.read_text())
    data["actions"].insert(0, {"kind": "appoint", "actor": "trotsky", "region": "moscow"})
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    before = forged.read_bytes()
    proc = run(["load", str(forged)], home=tmp_path)
    assert_clean_error(proc)
    assert "actions.0" in proc.stderr
    assert forged.read_bytes() == before


def test_simulate_json_has_the_contract_keys(tmp_path):
    proc = run(["simulate", "--scenario", "1924", "--runs", "4", "--seed", "2", "--workers", "2", "--json",
                "--csv", str(tmp_path / "runs.csv")])
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert set(result) >= {"scenario", "runs", "seed", "toggles", "outcomes", "top_leader", "ci95",
                           "mean_turn_decided", "games_per_second", "workers"}
    assert set(result["outcomes"]) == {"sole_leader", "dominant", "collective"}
    assert (tmp_path / "runs.csv").read_text().count("\n") == 5
    assert_clean_error(run(["simulate", "--scenario", "1924", "--runs", "0"]))


def test_simulate_takes_a_difficulty_and_the_omniscient_test_setting():
    proc = run(["simulate", "--scenario", "1928", "--runs", "3", "--workers", "1", "--json",
                "--difficulty", "easy", "--omniscient"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert (result["difficulty"], result["omniscient"]) == ("easy", True)
    assert_clean_error(run(["simulate", "--scenario", "1928", "--runs", "3", "--difficulty", "brutal"]))


def test_replay_json_contract():
    proc = run(["replay", "--scenario", "1924", "--until", "1925Q4", "--json"])
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["scenario"] == "1924"
    assert set(data["politburo"]) == {f"{y}Q{q}" for y in (1924, 1925) for q in range(1, 5)}
    assert "stalin" in data["politburo"]["1924Q1"]["full"]
    assert "lenin" not in data["politburo"]["1924Q1"]["full"]
    assert data["offices"]["1924Q1"]["sovnarkom_chair"] == "rykov"
    assert all("turn" in e and "kind" in e for e in data["events"])
    kinds = {e["kind"] for e in data["events"]}
    assert {"death", "enrolment", "congress", "vote"} <= kinds or {"death", "enrolment", "congress", "plenum"} <= kinds
    fidelity = data["fidelity"]
    assert 0 < fidelity["hit"] <= fidelity["expected"]
    assert_clean_error(run(["replay", "--scenario", "1924", "--until", "1931Q1"]))


def test_report_writes_a_debrief_pack(tmp_path):
    save = tmp_path / "game.json"
    proc = run(["play", "--autoplay", "--scenario", "1929", "--seed", "3", "--save", str(save)], home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = tmp_path / "pack"
    proc = run(["report", str(save), "--out", str(out)], home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for name in ("index.html", "report.md", "power.png", "votes.csv", "decisions.csv", "ledger.csv"):
        assert (out / name).exists(), name
    assert_clean_error(run(["report", str(tmp_path / "missing.json"), "--out", str(out)], home=tmp_path))
    (tmp_path / "afile").write_text("x")
    assert_clean_error(run(["report", str(save), "--out", str(tmp_path / "afile")], home=tmp_path))


def test_the_encyclopedia_in_the_terminal(tmp_path):
    proc = run(["play", "--ui", "terminal", "--scenario", "1924", "--as", "trotsky", "--seed", "3"],
               stdin="lookup orgburo\nlookup bukharin\nlookup qqqq\n" + "\n" * 3000, home=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Orgburo" in proc.stdout and "Definition:" in proc.stdout
    assert "Lenin's Testament:" in proc.stdout  # Bukharin's entry says what the Testament said of him
    assert "Nothing in the encyclopedia matches 'qqqq'" in proc.stdout


def test_terminal_player_puts_a_politburo_list_to_the_cc(tmp_path):
    script = ("slate stalin,trotsky,zinoviev,kamenev,rykov,tomsky,bukharin / kalinin,molotov,rudzutak,kirov"
              " / stalin,molotov\n\nquit\n")
    proc = run(["play", "--scenario", "1924", "--as", "stalin", "--ui", "terminal"], stdin=script, home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "adopts Stalin's list" in proc.stdout
    assert "Kirov is elected a candidate member" in proc.stdout
    bad = run(["play", "--scenario", "1924", "--as", "stalin", "--ui", "terminal"], stdin="slate stalin\nquit\n",
              home=tmp_path)
    assert "usage: slate" in bad.stdout and "Traceback" not in bad.stdout + bad.stderr
