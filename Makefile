# Politburo — bootstrap a virtual environment on first use, then play / test / bench.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

play: $(STAMP)
	$(BIN)/politburo play

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest
	$(BIN)/ruff check game tests bench main.py

bench: $(STAMP)
	$(BIN)/python bench/run.py --json

lint: $(STAMP)
	$(BIN)/ruff check game tests bench main.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
