"""The historian's view in the window: at the end of a game (first thing after a hot-seat game,
and from the report), everything that was hidden from the seats — secret pacts, private trust,
hidden moves, the votes chance decided, and what the AI had in view (game.historian)."""

from __future__ import annotations

import pygame

from ... import historian, paths
from ...saves import write_atomic
from ..theme import INK, INK_SOFT, RED
from ..widgets import Button, Para
from .sheet import SectionScreen


class Historian(SectionScreen):
    title = "The historian's view"
    subtitle = "everything the seats could not see"
    list_title = "What was hidden"

    def __init__(self, app, session, back=None, then=None):
        super().__init__(app, back)
        self.session = session
        self.then = then  # where Enter leads (the report, after a hot-seat game)
        self.go_btn = Button("On to the report" if then is not None else "Back", self.proceed, "Enter")
        self.text_btn = Button("Save as text", self.save_text, "T", kind="secondary",
                               tip="Write this view to a text file in the reports folder, for the debrief.")
        self.buttons = [self.go_btn, self.text_btn]
        self.hint = "↑/↓ or 1–9: section · PgUp/PgDn: scroll · T: save as text · Esc: back"
        app.theme.set_factions(session.state.world.playable)
        self.load()

    def build(self):
        out = []
        for sec in historian.reveal(self.session):
            paras = [Para(sec.intro, "small", INK_SOFT, space=10)]
            for line in sec.lines:
                colour = RED if line.alert else INK
                if line.style == "head":
                    paras.append(Para(line.text, "bold", colour, space=3))
                elif line.style == "note":
                    paras.append(Para(line.text, "small", RED if line.alert else INK_SOFT, indent=14, space=6))
                else:
                    paras.append(Para(line.text, "small", colour, indent=14, space=2))
            out.append((sec.title, paras))
        return out

    def proceed(self):
        if self.then is not None:
            self.then.relayout()
            return self.then
        return self.go_back()

    def save_text(self):
        st = self.session.state
        path = paths.data_dir() / "reports" / f"historian-{st.scenario_id}-{st.seed}-{st.quarter}.txt"
        try:
            write_atomic(path, "\n".join(historian.as_text(self.session)) + "\n")
            self.note = f"Saved {path}"
        except OSError as exc:
            self.note = f"Could not save: {exc.strerror or exc}"
        return None

    def on_other_key(self, ev):
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.proceed()
        if ev.key == pygame.K_t:
            return self.save_text()
        return None
