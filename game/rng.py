"""SplitMix64: the game's one random stream, kept as a single int so a clone costs nothing."""

from __future__ import annotations

_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15
_TWO_53 = float(1 << 53)


def seed_state(seed: int) -> int:
    """Scramble a user seed into a generator state (so seeds 1 and 2 do not start alike)."""
    state, _ = next_u64((seed * 0xD1B54A32D192ED03 + 0x632BE59BD9B4E019) & _MASK)
    return state


def next_u64(state: int) -> tuple[int, int]:
    """Advance the state; return (new_state, 64-bit output)."""
    state = (state + _GAMMA) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def next_float(state: int) -> tuple[int, float]:
    """Advance the state; return (new_state, a float in [0, 1))."""
    state, out = next_u64(state)
    return state, (out >> 11) / _TWO_53


def floats(state: int, n: int) -> tuple[int, list[float]]:
    """`next_float` n times over: the new state and the n floats (the AI jitters every candidate
    of a plan). `next_u64` written out in the loop: two calls per float were most of its cost."""
    out: list[float] = []
    append = out.append
    for _ in range(n):
        state = (state + _GAMMA) & _MASK
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        append(((z ^ (z >> 31)) >> 11) / _TWO_53)
    return state, out


def derive(seed: int, *parts: str | int) -> int:
    """A stable sub-seed for a named purpose (AI streams, batch runs) that never touches the game stream."""
    h = seed & _MASK
    for part in parts:
        data = str(part).encode()
        for byte in data:
            h = ((h ^ byte) * 0x100000001B3) & _MASK
        h, _ = next_u64(h)
    return h
