"""Politburo: the struggle for Lenin's succession, 1924-1929.

The engine (`game.model`, `game.rules`, `game.session`) is pure Python: no pygame, no printing,
no wall clock. Front ends talk to it only through `game.session.Session`.
"""

__version__ = "0.1.0"
