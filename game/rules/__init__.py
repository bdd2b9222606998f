"""The rules: pure functions over GameState, one module per mechanism.

`game.rules.engine` is the entry point (current_actor, legal_actions, check, apply).
"""
