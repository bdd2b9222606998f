"""A class of four plays the 1926 scenario hot-seat with the one-period preset, through the real
command line, to the end: every change of seat goes through the privacy screen, no seat's screen
shows another seat's secrets (secret pacts, private moves) until the historian's view at the end,
and the game's length is measured in the moves a class makes, to estimate the time it takes.

The clock is the test clock standing still (POLITBURO_TEST_CLOCK=0): the timer's prompts are
exercised without anyone running out of time, so the run is fast and deterministic."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from conftest import run_cli

from game.session import Session

SEATS = ("stalin", "trotsky", "zinoviev", "bukharin")
# Each seat's turn: Enter at the privacy screen, a look at its pacts, a secret pact offer, end of turn.
# Questions and refusals shift the script, which does no harm: at any prompt every line is valid.
TURNS = "".join(f"\npacts\npact {partner}\n\n" for partner in ("rykov", "tomsky", "kalinin", "kamenev"))

# A plausible classroom pace, in seconds (the estimate in the report): handing over the keyboard and
# reading the news and the status; an action, thought over and typed; a question answered.
HANDOVER_S, ACTION_S, QUESTION_S = 20, 30, 10
PERIOD_MIN = 45


@dataclass
class Period:
    handovers: int
    seat_turns: int
    actions: int
    questions: int

    def minutes(self, actions_per_turn: float | None = None) -> float:
        """Minutes at the pace above; with `actions_per_turn`, as if each seat's turn used that many."""
        actions = self.actions if actions_per_turn is None else self.seat_turns * actions_per_turn
        return (self.handovers * HANDOVER_S + actions * ACTION_S + self.questions * QUESTION_S) / 60


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    home = tmp_path_factory.mktemp("class4")
    proc = run_cli(["play", "--ui", "terminal", "--preset", "one_period", "--scenario", "1926", "--class", "4A",
                    "--hotseat", ",".join(SEATS), "--seed", "7", "--timer", "120"],
                   stdin=TURNS * 120 + "\n" * 3000, home=home, env={"POLITBURO_TEST_CLOCK": "0"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    session = Session.load(home / "data" / "saves" / "4a-1926.json")
    return proc.stdout, session


def segments(transcript: str) -> list[tuple[str, str]]:
    """(seat name, what was on screen while that seat had the keyboard), up to THE END."""
    play = transcript.split("==================== THE END")[0]
    parts = re.split(r"--- Pass to Comrade (\w+) — press Enter ---", play)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_the_game_reaches_the_end_with_four_seats(played):
    out, session = played
    assert session.over and "THE END" in out and "THE HISTORIAN'S VIEW" in out
    assert session.classroom.preset == "one_period" and session.classroom.ap_limit == 1
    assert session.state.scenario_id == "1926" and sorted(session.humans()) == sorted(SEATS)
    assert "2:00 left]" in out  # the timer's prompts, with the clock standing still


def test_every_change_of_seat_goes_through_the_privacy_screen(played):
    out, session = played
    names = {session.state.world.name(s): s for s in SEATS}
    segs = segments(out)
    assert {name for name, _ in segs} == set(names)
    for name, screen in segs:
        # after the echo of the Enter, the last player's screen is scrolled out of sight
        assert screen.partition("\n")[2].startswith("\n" * 40)
        acting = set(re.findall(r"\[\d{4}Q\d (\w+), \d+ AP", screen))
        assert acting <= {name}, f"{acting - {name}} acted on {name}'s screen"


def test_no_seat_sees_another_seats_secrets(played):
    out, session = played
    w = session.state.world
    # a private event's text proves a leak only if no public event reads the same (breaking a pact
    # reads alike whether the pact was still secret or had been uncovered)
    public = {e.text for e in session.chronicle if not e.private_to}
    hidden = [e for e in session.chronicle if e.private_to and e.text not in public]
    secret_pacts_of_seats = [e for e in hidden if e.kind == "pact_formed" and {e.leader, e.target} & set(SEATS)]
    assert len(secret_pacts_of_seats) >= 4, "the class made secret pacts (else the test proves nothing)"
    seen_own = 0
    for name, screen in segments(out):
        seat = next(s for s in SEATS if w.name(s) == name)
        for e in hidden:
            if seat not in e.private_to:
                assert e.text not in screen, f"{name} saw {e.turn}: {e.text}"
        for line in re.findall(r"^  #\d+ .*; secret$", screen, flags=re.M):  # `pacts`: undiscovered secret ones
            members = line.split(": ", 1)[1].split(";")[0]
            assert name in members, f"{name} was shown a secret pact he is not in: {line}"
            seen_own += 1
    assert seen_own, "each seat's `pacts` lists its own secret pacts"


def test_a_period_at_a_classroom_pace(played, capsys):
    """Counts the moves and estimates the minutes (see the pace above). The figure goes in the
    report; the assertion only checks the count is plausible for 16 quarters and four seats."""
    out, session = played
    humans = set(SEATS)
    log = [a for a in session.log if a.get("actor") in humans]
    period = Period(handovers=out.split("THE END")[0].count("--- Pass to Comrade"),
                    seat_turns=sum(1 for a in log if a["kind"] == "end_turn"),
                    actions=sum(1 for a in log if a["kind"] not in ("end_turn", "decide")),
                    questions=sum(1 for a in log if a["kind"] == "decide"))
    assert 16 * 2 <= period.seat_turns <= 16 * 4 + 8 and period.handovers >= period.seat_turns
    with capsys.disabled():
        print(f"\n1926 hot-seat, four seats, one-period preset: {period.handovers} handovers, {period.seat_turns} "
              f"seat-turns, {period.actions} actions, {period.questions} questions; at {HANDOVER_S}/{ACTION_S}/"
              f"{QUESTION_S} s: {period.minutes():.0f} min as played, {period.minutes(1):.0f} min if every turn "
              f"spends the cap of 1 (a period is {PERIOD_MIN} min)")
