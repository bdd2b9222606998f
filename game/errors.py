"""Errors a user can cause. Each carries one clear line per problem; the CLI prints them and exits 2."""

from __future__ import annotations


class BadInput(Exception):
    """Bad input from a file, the command line or a save: never a traceback for these."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class IllegalAction(Exception):
    """An action the rules refuse. `reason` says why, in words a player understands."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
