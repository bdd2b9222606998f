"""The AI: it plays only legal actions, sees only what its leader knows, and its levels differ."""

from __future__ import annotations

from game import actions as A
from game.ai import heuristic, lookahead
from game.model import Motion, Pact
from game.rules import engine, knowledge
from game.session import Session


def _secret_pact(state, members=("zinoviev", "kamenev")):
    pact = Pact(state.new_id(), members, True, 0.9, state.turn, "a secret bloc")
    state.pacts.append(pact)
    return pact


def test_a_leader_does_not_see_other_mens_secret_pacts(started):
    pact = _secret_pact(started)
    assert all(p.id != pact.id for p in knowledge.view(started, "stalin").pacts)
    assert any(p.id == pact.id for p in knowledge.view(started, "zinoviev").pacts)
    assert any(p.id == pact.id for p in knowledge.view(started, None).pacts)  # the historian sees all
    pact.discovered = True
    assert any(p.id == pact.id for p in knowledge.view(started, "stalin").pacts)


def test_the_whip_count_a_player_sees_leaves_out_secret_pacts():
    session = Session.new("1924", seed=3, seats={"stalin": "human"})
    _secret_pact(session.state, ("zinoviev", "trotsky"))
    motion = Motion(-1, "remove_office", "zinoviev", target="stalin", office="general_secretary")
    told_stalin = {ln.voter: ln for ln in session.whip_count(motion, "stalin")}
    told_all = {ln.voter: ln for ln in session.whip_count(motion)}
    hidden = [label for label, _ in told_all["trotsky"].reasons if "pact with Zinoviev" in label]
    assert hidden, "the historian's view includes the secret pact"
    assert not [label for label, _ in told_stalin["trotsky"].reasons if "pact with Zinoviev" in label]


def test_every_level_plays_only_legal_actions_and_is_deterministic():
    for level in ("easy", "normal", "hard"):
        session = Session.new("1924", seed=12, difficulty=level)
        for _ in range(25):
            actor = session.current_actor()
            action = heuristic.choose(session.state, actor, level)
            again = heuristic.choose(session.state.clone(), actor, level)
            assert action == again, level
            assert session.check(action) is None, (level, action)
            session.submit(action)


def test_easy_rivals_never_break_their_pacts(started):
    for leader in ("zinoviev", "kamenev", "stalin"):
        assert not any(isinstance(a, A.BreakPact) for _, a, _ in heuristic.candidates(started, leader, "easy"))


def test_hard_ai_compares_moves_by_playing_the_quarter_out(started):
    actor = engine.current_actor(started)
    value = lookahead.evaluate(started, actor)
    assert 0.0 < value < 1.5
    finished = lookahead.rollout(started.clone(), started.turn)
    assert finished.turn > started.turn or finished.over
    assert started.phase == "intrigue"  # the real game was not touched
