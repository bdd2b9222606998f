"""New game: the scenario with its introduction, the leader (a portrait card and his objective),
the difficulty, the class preset, the what-if switches, the hot seat, and the class's name and
turn timer (a class game saves itself under the class's name, so the next lesson resumes it)."""

from __future__ import annotations

import random

import pygame

from ... import classroom, paths
from ...calendar import long_date, quarter_name
from ...errors import BadInput
from ...scenario import list_ids
from ..app import Handler
from ..theme import INK, INK_SOFT, PAPER, RED
from ..widgets import (
    Button,
    ListView,
    Para,
    Row,
    ScrollView,
    TextInput,
    header_band,
    layout_row,
    panel,
    portrait_card,
)

DIFFICULTIES = (("easy", "Easy", "Forgiving rivals who make mistakes."),
                ("normal", "Normal", "Rivals play their personalities on what they can see."),
                ("hard", "Hard", "Rivals look ahead: they try the quarter out before they move."))
SECTIONS = ("scenario", "leader", "difficulty", "preset", "toggles", "seats", "class", "timer")
PRESET_ORDER = ("custom", "one_period", "full_campaign", "demo")


def timer_label(seconds: int) -> str:
    return "Timer: off" if not seconds else f"Timer: {seconds // 60} min" + (f" {seconds % 60}s" if seconds % 60 else "")


class Setup(Handler):
    @property
    def wants_text(self) -> bool:  # type: ignore[override]
        return self.focus == "class"

    def __init__(self, app, back=None, scenario: str | None = None):
        super().__init__(app)
        self.back = back
        self.ids = list_ids()
        self.sid = scenario if scenario in self.ids else ("1924" if "1924" in self.ids else self.ids[0])
        self._worlds: dict[str, object] = {}
        self._starts: dict[str, int] = {}
        self.leader = None
        self.difficulty = "normal"
        self.toggles: set[str] = set()
        self.extra: set[str] = set()
        self.spectate = False
        self.preset = "custom"
        self.timer = 0
        self.class_box = TextInput("e.g. 9B (optional)", limit=classroom.CLASS_NAME_MAX)
        self.seed = 1
        self.focus = "leader"
        self.cols = 4
        self.error = ""
        self.scen_list = ListView(app.theme, font="bold", numbered=False)
        self.toggle_list = ListView(app.theme, font="cond", numbered=False, pad=6)
        self.seat_list = ListView(app.theme, font="cond", numbered=False, pad=6)
        self.intro = ScrollView(app.theme)
        self.start_btn = Button("Start the game", self.start, "Enter")
        self.back_btn = Button("Back", self.go_back, "Esc", kind="secondary")
        self.seed_btn = Button("New seed", self.reseed, "R", kind="secondary", font="condb",
                               tip="The seed fixes every chance draw: the same seed and the same moves give the same game.")
        self.diff_btns = [Button(label, (lambda k=k: self.set_difficulty(k)), kind="secondary", tip=tip, font="condb")
                          for k, label, tip in DIFFICULTIES]
        self.preset_btns = [Button(classroom.PRESETS[k].title, (lambda k=k: self.set_preset(k)), kind="secondary",
                                   tip=f"{classroom.PRESETS[k].title}: {classroom.PRESETS[k].blurb}", font="condb")
                            for k in PRESET_ORDER]
        self.timer_btn = Button(timer_label(0), self.cycle_timer, kind="secondary", font="condb",
                                tip="A turn timer for the hot seat: when it runs out, the seat's turn ends (a question "
                                    "takes its default answer). The countdown shows on the board. Click to change.")
        self.load_scenario()

    # ---- data ---------------------------------------------------------------------------------
    def world(self, sid: str):
        if sid not in self._worlds:
            from ...session import Session

            st = Session.new(sid, 0).state
            self._worlds[sid] = st.world
            self._starts[sid] = st.start
        return self._worlds[sid]

    def load_scenario(self) -> None:
        w = self.world(self.sid)
        self.app.theme.set_factions(w.playable)
        if self.leader not in w.playable:
            self.leader = w.playable[0]
        self.toggles &= set(w.toggles)
        self.scen_list.set_rows([Row(f"{sid} — {self.world(sid).title}", data=sid) for sid in self.ids], keep=False)
        self.scen_list.selected = self.ids.index(self.sid)
        self.fill_lists()
        self.intro.set([Para(w.title.upper(), "h2", RED, space=4), Para(w.blurb, "bold", INK, space=8),
                        Para(w.intro.strip(), "small", INK)])

    def fill_lists(self) -> None:
        w = self.world(self.sid)
        sel_t = self.toggle_list.selected
        self.toggle_list.set_rows([Row(t.title, checkbox=True, mark=k in self.toggles, data=k,
                                       tip=f"{t.title}\n{t.note}" + (f"\nHistorians: {t.historian}" if t.historian else ""))
                                   for k, t in w.toggles.items()], keep=False)
        if 0 <= sel_t < len(self.toggle_list.rows):
            self.toggle_list.selected = sel_t
        rows = [Row("Nobody: the AI plays every seat (spectate)", checkbox=True, mark=self.spectate, data="__spectate__",
                    tip="Watch the AI play all seven contenders — a demonstration for a class.")]
        for lid in w.playable:
            if lid == self.leader:
                continue
            rows.append(Row(f"{w.name(lid)} is played by a person too", checkbox=True, mark=lid in self.extra, data=lid,
                            faction=lid, tip="Hot seat: several players take turns at one screen, each with a privacy screen."))
        sel_s = self.seat_list.selected
        self.seat_list.set_rows(rows, keep=False)
        if 0 <= sel_s < len(rows):
            self.seat_list.selected = sel_s

    # ---- actions ------------------------------------------------------------------------------
    def set_preset(self, key: str):
        """A preset sets the scenario, the seats and the pace; the teacher may still change them."""
        p = classroom.PRESETS[key]
        self.preset = key
        self.focus = "preset"
        if p.scenario and p.scenario in self.ids and p.scenario != self.sid:
            self.sid = p.scenario
            self.load_scenario()
        self.spectate = p.spectate
        if p.spectate:
            self.timer = 0
        self.timer_btn.label = timer_label(self.timer)
        self.fill_lists()
        return None

    def cycle_timer(self):
        self.focus = "timer"
        if self.spectate:
            self.timer = 0
        else:
            i = classroom.TIMER_CHOICES.index(self.timer) if self.timer in classroom.TIMER_CHOICES else 0
            self.timer = classroom.TIMER_CHOICES[(i + 1) % len(classroom.TIMER_CHOICES)]
        self.timer_btn.label = timer_label(self.timer)
        return None

    def options(self) -> classroom.ClassOptions:
        opts = classroom.options_for(self.preset, self.class_box.text, self.timer)
        if self.spectate and opts.pace is None:
            opts = opts.copy(timer=0)
        return opts

    def save_note(self) -> str:
        """Where a class game will be saved, and whether that replaces a game already there."""
        try:
            name = classroom.check_class_name(self.class_box.text)
        except BadInput as exc:
            return exc.problems[0]
        if not name:
            return ""
        path = classroom.class_save_path(name, self.sid)
        if path.is_file():
            return f"Replaces {path.name} (to resume it instead: Load a game)"
        return f"Saved as {path.name} every quarter"

    def set_difficulty(self, k: str):
        self.difficulty = k
        self.focus = "difficulty"
        return None

    def pick_leader(self, lid: str):
        self.leader = lid
        self.extra.discard(lid)
        self.focus = "leader"
        self.fill_lists()
        return None

    def reseed(self):
        self.seed = random.randint(1, 999_999)
        return None

    def toggle_row(self, lst: ListView, i: int | None = None):
        if i is not None:
            lst.selected = i
        row = lst.current()
        if row is None:
            return None
        key = row.data
        if lst is self.toggle_list:
            self.toggles.symmetric_difference_update({key})
        elif key == "__spectate__":
            self.spectate = not self.spectate
            if self.spectate:
                self.timer = 0
                self.timer_btn.label = timer_label(0)
        else:
            self.extra.symmetric_difference_update({key})
        self.fill_lists()
        return None

    def seats(self) -> dict[str, str]:
        if self.spectate:
            return {}
        return {lid: "human" for lid in [self.leader, *sorted(self.extra)]}

    def start(self):
        from ...session import Session
        from .board import Board

        try:
            options = self.options()
            session = Session.new(self.sid, self.seed, tuple(sorted(self.toggles)), self.seats(), self.difficulty)
            save = classroom.class_save_path(options.class_name, self.sid) if options.class_name else None
        except BadInput as exc:
            self.error = exc.problems[0]
            return None
        session.classroom = options
        # a class game saves itself under the class's name, so the next lesson loads it from the list
        session.autosave_path = save or paths.autosave_path()
        pygame.key.stop_text_input()
        return Board(self.app, session)

    def go_back(self):
        pygame.key.stop_text_input()
        return self.return_to(self.back)

    def set_focus(self, focus: str) -> None:
        self.focus = focus
        if focus == "class":
            pygame.key.start_text_input()
        else:
            pygame.key.stop_text_input()

    # ---- input ----------------------------------------------------------------------------------
    def on_text(self, text):
        if self.focus == "class":
            self.class_box.on_text(text)
            self.error = ""
        return None

    def on_key(self, ev):
        k = ev.key
        w = self.world(self.sid)
        if k == pygame.K_ESCAPE:
            return self.go_back()
        if k == pygame.K_TAB:
            i = SECTIONS.index(self.focus)
            self.set_focus(SECTIONS[(i + (-1 if ev.mod & pygame.KMOD_SHIFT else 1)) % len(SECTIONS)])
            return None
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()
        if self.focus == "class":  # the keys type the class's name
            self.class_box.on_key(ev)
            return None
        if k == pygame.K_r:
            return self.reseed()
        if self.focus == "leader":
            p = list(w.playable)
            i = p.index(self.leader)
            if k in (pygame.K_LEFT, pygame.K_RIGHT):
                return self.pick_leader(p[(i + (1 if k == pygame.K_RIGHT else -1)) % len(p)])
            if k in (pygame.K_UP, pygame.K_DOWN):
                return self.pick_leader(p[(i + (self.cols if k == pygame.K_DOWN else -self.cols)) % len(p)])
            if pygame.K_1 <= k <= pygame.K_9 and k - pygame.K_1 < len(p):
                return self.pick_leader(p[k - pygame.K_1])
        elif self.focus == "scenario":
            if self.scen_list.key(ev) == "moved":
                row = self.scen_list.current()
                if row and row.data != self.sid:
                    self.sid = row.data
                    self.load_scenario()
            elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.intro.key(ev)
        elif self.focus == "difficulty":
            keys = [d[0] for d in DIFFICULTIES]
            i = keys.index(self.difficulty)
            if k in (pygame.K_LEFT, pygame.K_UP):
                self.difficulty = keys[(i - 1) % len(keys)]
            elif k in (pygame.K_RIGHT, pygame.K_DOWN):
                self.difficulty = keys[(i + 1) % len(keys)]
        elif self.focus == "preset":
            i = PRESET_ORDER.index(self.preset)
            if k in (pygame.K_LEFT, pygame.K_UP):
                return self.set_preset(PRESET_ORDER[(i - 1) % len(PRESET_ORDER)])
            if k in (pygame.K_RIGHT, pygame.K_DOWN):
                return self.set_preset(PRESET_ORDER[(i + 1) % len(PRESET_ORDER)])
        elif self.focus == "timer":
            if k in (pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
                return self.cycle_timer()
        elif self.focus in ("toggles", "seats"):
            lst = self.toggle_list if self.focus == "toggles" else self.seat_list
            if k == pygame.K_SPACE:
                return self.toggle_row(lst)
            lst.key(ev)
        return None

    def on_click(self, pos, button=1):
        if self.class_box.rect.collidepoint(pos):
            self.set_focus("class")
            return None
        if self.focus == "class":
            self.set_focus("leader")
        for lst, focus in ((self.toggle_list, "toggles"), (self.seat_list, "seats")):
            i = lst.index_at(pos)
            if i is not None:
                self.focus = focus
                return self.toggle_row(lst, i)
        i = self.scen_list.index_at(pos)
        if i is not None:
            self.focus = "scenario"
            self.scen_list.selected = i
            row = self.scen_list.current()
            if row and row.data != self.sid:
                self.sid = row.data
                self.load_scenario()
            return None
        return super().on_click(pos, button)

    def on_wheel(self, dy):
        if self.intro.rect.collidepoint(self.mouse):
            self.intro.scroll(-dy * self.theme.line_h("small") * 3)
        return None

    # ---- layout and drawing ------------------------------------------------------------------
    def layout(self, w, h):
        px = self.px
        th = self.theme
        self.band = pygame.Rect(0, 0, w, th.line_h("h1") + px(20))
        bh = self.start_btn.height(th)
        top = self.band.bottom + px(12)
        bottom = h - bh - px(24)
        gap = px(12)
        lw = int((w - 4 * gap) * 0.3)
        rw = int((w - 4 * gap) * 0.3)
        mw = w - 4 * gap - lw - rw
        self.r_scen = pygame.Rect(gap, top, lw, bottom - top)
        self.r_lead = pygame.Rect(self.r_scen.right + gap, top, mw, bottom - top)
        self.r_opts = pygame.Rect(self.r_lead.right + gap, top, rw, bottom - top)
        self.button_y = h - bh - px(14)

    def render(self, surf):
        w, h = surf.get_size()
        th = self.theme
        t = self.t
        px = self.px
        surf.fill(PAPER)
        world = self.world(self.sid)
        header_band(surf, th, self.band, "New game", f"choose who you are — {long_date(quarter_name(self._starts[self.sid]))}")
        # scenario and introduction
        inner = panel(surf, th, self.r_scen, "Scenario", self.focus == "scenario")
        n = len(self.ids)
        self.scen_list.rect = pygame.Rect(inner.x, inner.y, inner.width, min(n, 4) * self.scen_list.row_h)
        self.scen_list.draw(surf, self.focus == "scenario", self.mouse)
        self.intro.rect = pygame.Rect(inner.x, self.scen_list.rect.bottom + px(8), inner.width,
                                      inner.bottom - self.scen_list.rect.bottom - px(8))
        self.intro.draw(surf, self.spots)
        # the leaders
        inner = panel(surf, th, self.r_lead, "Your leader", self.focus == "leader", "←/→ or 1–7")
        playable = list(world.playable)
        cols = 4 if len(playable) > 6 else 3
        self.cols = cols
        rows = (len(playable) + cols - 1) // cols
        info_h = th.line_h("h2") + th.line_h("small") * 5 + px(24)
        gap = px(10)
        cw = (inner.width - (cols - 1) * gap) // cols
        ch = min(int(cw * 1.25), (inner.height - info_h - (rows - 1) * gap) // rows)
        cw = min(cw, int(ch * 0.9))
        x0 = inner.x + (inner.width - (cols * cw + (cols - 1) * gap)) // 2
        widest = max((world.leaders[lid].name.upper() for lid in playable), key=lambda n: t.width("h2", n))
        name_font = next((f for f in ("h2", "h3", "condb") if t.width(f, widest) <= cw - px(8)), "condb")
        for i, lid in enumerate(playable):
            r_, c_ = divmod(i, cols)
            rowlen = min(cols, len(playable) - r_ * cols)
            xoff = (cols - rowlen) * (cw + gap) // 2
            card = pygame.Rect(x0 + xoff + c_ * (cw + gap), inner.y + r_ * (ch + gap), cw, ch)
            info = world.leaders[lid]
            obj = world.objectives.get(lid)
            portrait_card(surf, th, card, info.name, info.full_name, lid, str(i + 1),
                          selected=lid == self.leader, focused=lid == self.leader and self.focus == "leader",
                          dimmed=lid in self.extra, name_font=name_font)
            tip = f"{info.full_name}\n{info.base}" + (f"\nObjective: {obj.summary}" if obj else "")
            self.spots.add(card, tip, lambda lid=lid: self.pick_leader(lid))
        iy = inner.y + rows * (ch + gap) + px(4)
        info = world.leaders[self.leader]
        obj = world.objectives.get(self.leader)
        t.draw(surf, "h2", info.full_name.upper(), INK, (inner.x, iy), width=inner.width)
        iy += th.line_h("h2") + px(2)
        if obj:
            iy = t.draw_wrapped(surf, "bold", f"Objective: {obj.summary}", RED,
                                pygame.Rect(inner.x, iy, inner.width, (th.line_h("bold") + 1) * 3), gap=1) + px(4)
        text = info.base + ("\n" + info.bio if info.bio else "")
        t.draw_wrapped(surf, "small", text, INK, pygame.Rect(inner.x, iy, inner.width, inner.bottom - iy), gap=1)
        # options
        inner = panel(surf, th, self.r_opts, "Options")
        y = inner.y
        t.draw(surf, "condb", "DIFFICULTY", RED if self.focus == "difficulty" else INK, (inner.x, y))
        y += th.line_h("condb") + px(4)
        layout_row(self.diff_btns, th, inner.x, y, gap=px(6), max_width=inner.width, equal=True)
        for b, (k, _, _) in zip(self.diff_btns, DIFFICULTIES, strict=True):
            b.draw(surf, th, b.rect.collidepoint(self.mouse), focused=self.focus == "difficulty" and k == self.difficulty,
                   active=k == self.difficulty)
            self.spots.add(b.rect, b.tip, b.action)
        y = self.diff_btns[0].rect.bottom + px(10)
        t.draw(surf, "condb", "FOR A CLASS", RED if self.focus == "preset" else INK, (inner.x, y))
        y += th.line_h("condb") + px(4)
        half = (inner.width - px(6)) // 2
        for i, (b, key) in enumerate(zip(self.preset_btns, PRESET_ORDER, strict=True)):
            b.rect = pygame.Rect(inner.x + (i % 2) * (half + px(6)), y + (i // 2) * (b.height(th) + px(4)), half,
                                 b.height(th))
            b.draw(surf, th, b.rect.collidepoint(self.mouse), focused=self.focus == "preset" and key == self.preset,
                   active=key == self.preset)
            self.spots.add(b.rect, b.tip, b.action)
        y = self.preset_btns[-1].rect.bottom + px(10)
        # the class's name and the timer sit at the bottom; the two lists share what is left
        box_h = th.line_h("body") + px(12)
        bottom_h = th.line_h("condb") + px(4) + box_h
        t.draw(surf, "condb", "WHAT-IF SWITCHES (SPACE)", RED if self.focus == "toggles" else INK, (inner.x, y))
        y += th.line_h("condb") + px(2)
        room = inner.bottom - y - bottom_h - px(10) - (th.line_h("condb") + px(12))
        tl_h = min(len(self.toggle_list.rows) * self.toggle_list.row_h, int(room * 0.45))
        self.toggle_list.rect = pygame.Rect(inner.x, y, inner.width, tl_h)
        self.toggle_list.draw(surf, self.focus == "toggles", self.mouse, self.spots)
        y += tl_h + px(10)
        t.draw(surf, "condb", "HOT SEAT (SPACE)", RED if self.focus == "seats" else INK, (inner.x, y))
        y += th.line_h("condb") + px(2)
        sl_h = inner.bottom - y - bottom_h - px(10)
        self.seat_list.rect = pygame.Rect(inner.x, y, inner.width, max(self.seat_list.row_h, sl_h))
        self.seat_list.draw(surf, self.focus == "seats", self.mouse, self.spots)
        y = inner.bottom - bottom_h
        label = "CLASS NAME · TURN TIMER"
        t.draw(surf, "condb", label, RED if self.focus in ("class", "timer") else INK, (inner.x, y), width=inner.width)
        y += th.line_h("condb") + px(4)
        self.timer_btn.enabled = not self.spectate
        tw = self.timer_btn.natural_width(th)
        self.timer_btn.rect = pygame.Rect(inner.right - tw, y, tw, box_h)
        self.class_box.rect = pygame.Rect(inner.x, y, inner.width - tw - px(6), box_h)
        self.class_box.draw(surf, th, self.focus == "class", blink=int(pygame.time.get_ticks() / 500) % 2 == 0)
        self.spots.add(self.class_box.rect, "The class's name (for example 9B): the game saves itself as "
                                            "<class>-<scenario>.json in the saves folder at the end of every quarter, "
                                            "and Load a game lists it for the next lesson.", lambda: self.set_focus("class"))
        self.timer_btn.draw(surf, th, self.timer_btn.rect.collidepoint(self.mouse), focused=self.focus == "timer",
                            active=bool(self.timer))
        self.spots.add(self.timer_btn.rect, self.timer_btn.tip, self.timer_btn.action)
        # the buttons and the seed
        buttons = [self.start_btn, self.back_btn, self.seed_btn]
        x = layout_row(buttons, th, px(12), self.button_y, max_width=w - px(24) - px(200))
        for b in buttons:
            b.draw(surf, th, b.rect.collidepoint(self.mouse))
            self.spots.add(b.rect, b.tip, b.action)
        who = "the AI plays every seat" if self.spectate else ", ".join(
            world.name(x) for x in [self.leader, *sorted(self.extra)])
        preset = classroom.PRESETS[self.preset]
        cap = f" · {preset.ap_limit} AP a quarter" if preset.ap_limit else ""
        line = f"{preset.title}{cap} · seed {self.seed} · {self.difficulty} · playing: {who}"
        note = self.save_note()
        line += f" · {note}" if note else " · Tab moves between the sections"
        t.draw(surf, "small", line, INK_SOFT if not self.error else RED,
               (x + px(6), self.start_btn.rect.centery), "midleft", width=w - x - px(16))
        if self.error:
            t.draw(surf, "smallb", self.error, RED, (px(12), self.button_y - th.line_h("smallb") - px(4)), width=w - px(24))
