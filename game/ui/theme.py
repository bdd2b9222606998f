"""The look of the window: the period's poster graphics — strong red, black ink, off-white paper,
bold condensed type — and the settings that change it (text size, colour-blind palette, full
screen), persisted as JSON in the platformdirs config folder.

Text is rendered once per (font, text, colour) and cached: `Theme.text` is the cache every screen
draws through, which is what keeps a board frame within a few milliseconds.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pygame

from .. import paths

# ---- settings ---------------------------------------------------------------------------------

TEXT_SIZES = {"small": 0.85, "normal": 1.0, "large": 1.25, "projector": 1.5}
TEXT_SIZE_LABELS = {"small": "Small", "normal": "Normal", "large": "Large", "projector": "Projector"}
WINDOW_SIZES = ((1024, 640), (1280, 800), (1600, 1000), (1920, 1080))
REVEAL_SPEEDS = {"slow": 0.7, "normal": 0.4, "fast": 0.15, "instant": 0.0}


@dataclass
class Settings:
    text_size: str = "normal"
    colour_blind: bool = False
    fullscreen: bool = False
    window: tuple[int, int] = (1280, 800)
    reveal: str = "normal"  # how fast votes are revealed one by one
    show_votes: bool = True  # open every Politburo vote of the quarter, not only your own ballots

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES.get(self.text_size, 1.0)

    @staticmethod
    def path() -> Path:
        return paths.config_dir() / "settings.json"

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The saved settings; defaults for anything missing, unreadable or out of range."""
        path = path or cls.path()
        s = cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return s
        if not isinstance(data, dict):
            return s
        if data.get("text_size") in TEXT_SIZES:
            s.text_size = data["text_size"]
        for key in ("colour_blind", "fullscreen", "show_votes"):
            if isinstance(data.get(key), bool):
                setattr(s, key, data[key])
        if data.get("reveal") in REVEAL_SPEEDS:
            s.reveal = data["reveal"]
        win = data.get("window")
        if (isinstance(win, list | tuple) and len(win) == 2 and all(isinstance(v, int) for v in win)
                and 640 <= win[0] <= 7680 and 400 <= win[1] <= 4320):
            s.window = (win[0], win[1])
        return s

    def save(self, path: Path | None = None) -> Path | None:
        path = path or self.path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps({**asdict(self), "window": list(self.window)}, indent=1), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            return None
        return path


# ---- colours ----------------------------------------------------------------------------------

Colour = tuple[int, int, int]

RED: Colour = (183, 28, 28)
RED_DARK: Colour = (122, 14, 14)
RED_LIGHT: Colour = (229, 115, 96)
INK: Colour = (24, 21, 19)
INK_SOFT: Colour = (84, 74, 64)
PAPER: Colour = (242, 232, 213)
PAPER_DARK: Colour = (229, 215, 189)
PAPER_DEEP: Colour = (212, 194, 163)
GREY: Colour = (150, 139, 124)
OCHRE: Colour = (214, 158, 46)
WHITE: Colour = (252, 248, 240)

# The seven contenders, in the order of world.playable; then clients of nobody.
FACTION_COLOURS: tuple[Colour, ...] = (
    (183, 28, 28),    # red        (Stalin in 1924)
    (32, 30, 30),     # black      (Trotsky)
    (224, 118, 20),   # orange     (Zinoviev)
    (118, 52, 150),   # purple     (Kamenev)
    (46, 125, 50),    # green      (Bukharin)
    (25, 96, 170),    # blue       (Rykov)
    (0, 137, 140),    # teal       (Tomsky)
    (120, 85, 60),    # brown
)
# Okabe & Ito's palette, safe for the common colour-vision deficiencies; shapes tell them apart too.
FACTION_COLOURS_CB: tuple[Colour, ...] = (
    (213, 94, 0),     # vermillion
    (0, 0, 0),        # black
    (230, 159, 0),    # orange
    (204, 121, 167),  # reddish purple
    (0, 158, 115),    # bluish green
    (0, 114, 178),    # blue
    (86, 180, 233),   # sky blue
    (240, 228, 66),   # yellow
)
CANONICAL = ("stalin", "trotsky", "zinoviev", "kamenev", "bukharin", "rykov", "tomsky")
SHAPES = ("square", "triangle", "diamond", "circle", "hexagon", "triangle_down", "plus", "star")
UNATTACHED: Colour = (178, 166, 148)

YES: Colour = (38, 110, 52)
NO: Colour = RED
YES_CB: Colour = (0, 114, 178)
NO_CB: Colour = (213, 94, 0)


# ---- fonts ------------------------------------------------------------------------------------

# The bundled DejaVu faces come first, so the window looks the same on every machine.
ASSET_FONTS = Path(__file__).resolve().parent.parent.parent / "assets" / "fonts"
FONT_DIRS = (
    str(ASSET_FONTS),
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
    "C:/Windows/Fonts", "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts",
)
FONT_FILES = {
    # bold, condensed, geometric-ish: the poster headings
    "heading": ("DejaVuSansCondensed-Bold.ttf", "LiberationSansNarrow-Bold.ttf", "ARIALNB.TTF",
                "Arial Narrow Bold.ttf", "RobotoCondensed-Bold.ttf", "DejaVuSans-Bold.ttf", "arialbd.ttf"),
    "bold": ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "arialbd.ttf", "Arial Bold.ttf",
             "Roboto-Bold.ttf", "NotoSans-Bold.ttf"),
    "body": ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "arial.ttf", "Arial.ttf",
             "Roboto-Regular.ttf", "NotoSans-Regular.ttf"),
    "condensed": ("DejaVuSansCondensed.ttf", "LiberationSansNarrow-Regular.ttf", "ARIALN.TTF",
                  "RobotoCondensed-Regular.ttf", "DejaVuSans.ttf", "arial.ttf"),
}
_FOUND: dict[str, str | None] = {}


def _find_font(role: str) -> str | None:
    if role in _FOUND:
        return _FOUND[role]
    wanted = FONT_FILES[role]
    found: dict[str, str] = {}
    for root in FONT_DIRS:
        base = Path(os.path.expanduser(root))
        if not base.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(base):
            for f in files:
                if f in wanted and f not in found:
                    found[f] = os.path.join(dirpath, f)
        if found:
            break
    path = next((found[f] for f in wanted if f in found), None)
    _FOUND[role] = path
    return path


# name: (role, size at scale 1)
FONT_SPECS = {
    "display": ("heading", 64),
    "h1": ("heading", 30),
    "h2": ("heading", 21),
    "h3": ("heading", 16),
    "body": ("body", 16),
    "bold": ("bold", 16),
    "small": ("body", 13),
    "smallb": ("bold", 13),
    "cond": ("condensed", 14),
    "condb": ("heading", 14),
    "tiny": ("condensed", 11),
}


class TextCache:
    """Rendered text surfaces, wrapped lines and ellipsised strings, cached by their inputs."""

    LIMIT = 6000

    def __init__(self, theme: Theme):
        self.theme = theme
        self._surf: dict[tuple, pygame.Surface] = {}
        self._wrap: dict[tuple, list[str]] = {}
        self._fit: dict[tuple, str] = {}
        self._size: dict[tuple, tuple[int, int]] = {}

    def clear(self) -> None:
        self._surf.clear()
        self._wrap.clear()
        self._fit.clear()
        self._size.clear()

    def surf(self, font: str, text: str, colour: Colour) -> pygame.Surface:
        key = (font, text, colour)
        s = self._surf.get(key)
        if s is None:
            if len(self._surf) > self.LIMIT:
                self._surf.clear()
            s = self.theme.font(font).render(text, True, colour)
            self._surf[key] = s
        return s

    def size(self, font: str, text: str) -> tuple[int, int]:
        key = (font, text)
        s = self._size.get(key)
        if s is None:
            if len(self._size) > self.LIMIT:
                self._size.clear()
            s = self.theme.font(font).size(text)
            self._size[key] = s
        return s

    def width(self, font: str, text: str) -> int:
        return self.size(font, text)[0]

    def fit(self, font: str, text: str, width: int) -> str:
        """The text, cut with an ellipsis if it is wider than `width`."""
        key = (font, text, width)
        out = self._fit.get(key)
        if out is None:
            if self.width(font, text) <= width:
                out = text
            else:
                lo, hi = 0, len(text)
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if self.width(font, text[:mid].rstrip() + "…") <= width:
                        lo = mid
                    else:
                        hi = mid - 1
                out = text[:lo].rstrip() + "…" if lo else ""
            if len(self._fit) > self.LIMIT:
                self._fit.clear()
            self._fit[key] = out
        return out

    def wrap(self, font: str, text: str, width: int) -> list[str]:
        """Lines of at most `width` pixels; paragraphs kept; over-long words cut."""
        key = (font, text, width)
        lines = self._wrap.get(key)
        if lines is not None:
            return lines
        lines = []
        for para in text.split("\n"):
            words = para.split(" ")
            line = ""
            for word in words:
                trial = f"{line} {word}" if line else word
                if self.width(font, trial) <= width:
                    line = trial
                    continue
                if line:
                    lines.append(line)
                while self.width(font, word) > width and len(word) > 1:
                    cut = len(word)
                    while cut > 1 and self.width(font, word[:cut]) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        if len(self._wrap) > self.LIMIT:
            self._wrap.clear()
        self._wrap[key] = lines
        return lines

    def draw(self, dest: pygame.Surface, font: str, text: str, colour: Colour, pos: tuple[int, int],
             anchor: str = "topleft", width: int | None = None) -> pygame.Rect:
        if width is not None:
            text = self.fit(font, text, max(0, width))
        if not text:
            r = pygame.Rect(0, 0, 0, self.theme.line_h(font))
            setattr(r, anchor, pos)
            return r
        s = self.surf(font, text, colour)
        r = s.get_rect(**{anchor: pos})
        dest.blit(s, r)
        return r

    def draw_wrapped(self, dest: pygame.Surface, font: str, text: str, colour: Colour, rect: pygame.Rect,
                     gap: int = 2, max_lines: int | None = None, align: str = "left") -> int:
        """Draw wrapped text inside rect (clipped at its bottom with an ellipsis); returns the y
        below the last line drawn."""
        lines = self.wrap(font, text, max(8, rect.width))
        lh = self.theme.line_h(font) + gap
        y = rect.y
        room = max(0, (rect.bottom - y + gap) // lh)
        if max_lines is not None:
            room = min(room, max_lines)
        for i, line in enumerate(lines[:room]):
            if i == room - 1 and len(lines) > room:
                line = self.fit(font, line + " …", rect.width)
                if not line.endswith("…"):
                    line = self.fit(font, line + "…", rect.width)
            if align == "center":
                self.draw(dest, font, line, colour, (rect.centerx, y), "midtop")
            else:
                self.draw(dest, font, line, colour, (rect.x, y))
            y += lh
        return y

    def wrapped_height(self, font: str, text: str, width: int, gap: int = 2) -> int:
        return len(self.wrap(font, text, max(8, width))) * (self.theme.line_h(font) + gap)


class Theme:
    """Fonts, colours and spacing for one window size and one set of settings."""

    def __init__(self, settings: Settings, size: tuple[int, int]):
        self.settings = settings
        self.version = 0
        self._fonts: dict[str, pygame.font.Font] = {}
        self._line_h: dict[str, int] = {}
        self.factions: list[str] = []
        self.text = TextCache(self)
        self.size = (0, 0)
        self.resize(size)

    # ---- sizes --------------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        w, h = size
        layout = min(w / 1280, h / 800)
        self.scale = max(0.75, min(1.8, layout))  # spacing
        self.font_scale = max(0.85, min(1.8, layout)) * self.settings.text_scale
        self.size = (w, h)
        self.reload()

    def reload(self) -> None:
        """Rebuild fonts after a resize or a change of settings."""
        self._fonts.clear()
        self._line_h.clear()
        self.text.clear()
        self.version += 1

    def px(self, n: float) -> int:
        return max(1, int(round(n * self.scale)))

    def font(self, name: str) -> pygame.font.Font:
        f = self._fonts.get(name)
        if f is None:
            role, base = FONT_SPECS[name]
            size = max(9, int(round(base * self.font_scale)))
            path = _find_font(role)
            try:
                f = pygame.font.Font(path, size)
            except (OSError, FileNotFoundError):
                f = pygame.font.Font(None, int(size * 1.15))
            if role in ("heading",) and path is None:
                f.set_bold(True)
            self._fonts[name] = f
        return f

    def line_h(self, name: str) -> int:
        h = self._line_h.get(name)
        if h is None:
            h = self.font(name).get_linesize()
            self._line_h[name] = h
        return h

    def supports(self, name: str, text: str) -> bool:
        """Whether the font has glyphs for all of `text` (Cyrillic on the title page)."""
        try:
            return all(m is not None for m in self.font(name).metrics(text))
        except pygame.error:
            return False

    # ---- colours ------------------------------------------------------------------------------
    @property
    def cb(self) -> bool:
        return self.settings.colour_blind

    @property
    def yes(self) -> Colour:
        return YES_CB if self.cb else YES

    @property
    def no(self) -> Colour:
        return NO_CB if self.cb else NO

    def set_factions(self, playable: Sequence[str]) -> None:
        """Each contender keeps his colour and shape in every scenario (Bukharin is green in 1924
        and in 1928); contenders the palette does not know take the next free ones."""
        self.factions = list(CANONICAL) + [x for x in playable if x not in CANONICAL]

    def faction_index(self, key: str | None) -> int | None:
        if key is None or key not in self.factions:
            return None
        return self.factions.index(key)

    def faction_colour(self, key: str | None) -> Colour:
        i = self.faction_index(key)
        if i is None:
            return UNATTACHED
        table = FACTION_COLOURS_CB if self.cb else FACTION_COLOURS
        return table[i % len(table)]

    def faction_shape(self, key: str | None) -> str:
        """Shapes tell factions apart in the colour-blind palette; circles otherwise."""
        i = self.faction_index(key)
        if i is None:
            return "ring"
        return SHAPES[i % len(SHAPES)] if self.cb else "circle"

    def ink_on(self, colour: Colour) -> Colour:
        """Ink or paper, whichever reads on this background."""
        r, g, b = colour
        return INK if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else WHITE


def mix(a: Colour, b: Colour, t: float) -> Colour:
    t = max(0.0, min(1.0, t))
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def initials(full_name: str, name: str = "") -> str:
    parts = [p for p in full_name.replace("-", " ").split() if p[:1].isalpha()]
    if len(parts) >= 2:
        return (parts[0][0] + parts[-1][0]).upper()
    base = name or full_name
    return base[:2].upper()


def star_points(cx: float, cy: float, r: float, points: int = 5, inner: float = 0.42,
                rot: float = -math.pi / 2) -> list[tuple[float, float]]:
    out = []
    for i in range(points * 2):
        rr = r if i % 2 == 0 else r * inner
        a = rot + i * math.pi / points
        out.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return out


__all__ = [
    "Settings", "Theme", "TextCache", "TEXT_SIZES", "TEXT_SIZE_LABELS", "WINDOW_SIZES", "REVEAL_SPEEDS",
    "RED", "RED_DARK", "RED_LIGHT", "INK", "INK_SOFT", "PAPER", "PAPER_DARK", "PAPER_DEEP", "GREY", "OCHRE",
    "WHITE", "UNATTACHED", "mix", "initials", "star_points",
]
