"""Entry point of the frozen console: the same ``main`` as the ``webnova`` console script."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
