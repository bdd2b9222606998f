"""Entry point: `python main.py ARGS` is the same as `politburo ARGS`."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
