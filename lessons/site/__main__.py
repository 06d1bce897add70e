"""`python -m lessons.site --out _build/html [--no-cache]`: build the static course site."""

from __future__ import annotations

import sys

from .build import cli

if __name__ == "__main__":
    sys.exit(cli())
