"""How the CC reads a list, and the AI's own lists: a list that hands its author's men more of the
Politburo frightens the neutral blocs, dropping an uncondemned leader looks like a purge, and the
AI drafts only lists its own count says the CC will adopt."""

from __future__ import annotations

from conftest import bal

from game import actions as A
from game.ai import lists
from game.model import LADDER, Motion
from game.rules import engine, slates, votes
from game.rules.common import clip
from game.rules.power import power_table


def _before(state):
    return list(state.politburo_full), list(state.politburo_candidates)


def _slate(full, candidates=None, sponsor="stalin", state=None):
    cands = tuple(c for c in state.politburo_candidates if c not in full) if candidates is None else tuple(candidates)
    return slates.Slate(sponsor, tuple(full), cands, ("stalin",), ())


def test_a_neutral_bloc_fears_a_list_that_raises_the_authors_men(started):
    full = tuple(started.politburo_full)
    keep = slates.read(started, _slate(full, state=started), _before(started))
    raise_molotov = slates.read(started, _slate((*full, "molotov"), state=started), _before(started))
    assert keep.shift == 0 and raise_molotov.shift > 0
    neutral = "rudzutak"  # no patron, no pact, no warm trust towards Stalin at the start
    assert slates.bloc_yes(started, neutral, keep) == bal(started, "slate", "neutral")
    expected = bal(started, "slate", "neutral") - bal(started, "slate", "fear") * raise_molotov.shift
    assert slates.bloc_yes(started, neutral, raise_molotov) == clip(expected, 0.05, 0.95)
    # The author's own men vote for it whatever it does.
    assert slates.bloc_yes(started, "molotov", raise_molotov) == bal(started, "slate", "friendly")


def test_dropping_an_uncondemned_leader_looks_like_a_purge(started):
    without_trotsky = _slate((*[x for x in started.politburo_full if x != "trotsky"], "molotov"), state=started)
    clean = slates.read(started, without_trotsky, _before(started))
    assert clean.unpunished == 1
    started.leaders["trotsky"].sanction = LADDER.index("censure")  # a censure is only a warning
    assert slates.read(started, without_trotsky, _before(started)).unpunished == 1
    started.leaders["trotsky"].sanction = LADDER.index("loss_of_posts")  # condemned, but still a man of standing
    assert slates.read(started, without_trotsky, _before(started)).unpunished == 1
    started.leaders["trotsky"].prestige = bal(started, "vote", "persecution_from")  # his standing spent
    condemned = slates.read(started, without_trotsky, _before(started))
    assert condemned.unpunished == 0
    assert slates.bloc_yes(started, None, condemned) - slates.bloc_yes(started, None, clean) == \
        bal(started, "slate", "purge")


def test_the_general_secretary_ai_drafts_only_lists_it_expects_the_cc_to_adopt(started):
    started.flags["congress_due"] = {"name": "test"}  # a Congress quarter: the Politburo may grow
    p = started.world.leaders["stalin"].personality
    found = lists.candidate(started, "stalin", p, power_table(started))
    assert found is not None
    score, action = found
    assert score > 0 and isinstance(action, A.DraftSlate)
    assert engine.check(started, action) is None
    slate = slates.Slate("stalin", slates.split(action.full), slates.split(action.candidates),
                         slates.split(action.secretariat), slates.split(action.cc))
    assert slates.cc_approval(started, slate, _before(started)) >= 0.52
    assert "stalin" in slate.secretariat


def test_between_congresses_the_ai_unseats_only_the_condemned(started):
    p = started.world.leaders["stalin"].personality
    # No Congress due and nobody condemned: no list worth drafting.
    assert lists.candidate(started, "stalin", p, power_table(started)) is None


def test_a_named_client_votes_with_his_patron_in_the_cc(started):
    # Molotov is Stalin's client: on a motion to remove Stalin, he is counted in Stalin's bloc.
    m = Motion(-1, "remove_office", "trotsky", target="stalin", office="general_secretary")
    _, _, _, blocs = votes.cc_vote(started, m, 0.5)
    stalin_bloc = next(b for b in blocs if b[0] == "stalin")
    named = next(b for b in blocs if b[0] == "named members")
    clients = [lid for lid, ld in started.leaders.items() if ld.patron == "stalin" and ld.in_cc and ld.active]
    assert clients
    seats = sum(1 for s in started.cc if s.patron == "stalin")
    assert stalin_bloc[1] + stalin_bloc[2] == seats + len(clients)
    assert all(lid not in named for lid in clients)


def test_the_list_raises_the_authors_men_of_most_standing_first(started):
    """After the candidates of the Politburo, a list seats the author's men by standing, not by
    the power of their posts: Ordzhonikidze and Voroshilov (prestige 30) before Andreyev, a CC
    secretary (15)."""
    started.flags["congress_due"] = {"name": "test", "politburo_full": 9}
    started.politburo_candidates[:] = []  # nobody waiting in line
    p = started.world.leaders["stalin"].personality
    power = power_table(started)
    found = lists.candidate(started, "stalin", p, power)
    assert found is not None
    raised = [lid for lid in slates.split(found[1].full) if lid not in started.politburo_full]
    assert raised, "a Congress quarter with seats to fill"
    standing = [started.leaders[lid].prestige for lid in raised]
    assert standing == sorted(standing, reverse=True)
    from game.rules.congress import friendly

    friends = [lid for lid, ld in started.leaders.items() if lid != "stalin" and ld.active and ld.in_cc
               and lid not in started.politburo_full and friendly(started, lid, "stalin")]
    by_standing = sorted(friends, key=lambda lid: (-started.leaders[lid].prestige, lid))
    assert raised == by_standing[:len(raised)]
    assert "andreyev" not in raised  # the CC secretary of 15 waits behind the men of standing
