"""The ``fjhealth`` command: Ctrl-C while the CLI is still being imported exits 130 quietly."""

from __future__ import annotations

import sys


def main() -> None:
    """Import and run the CLI; a Ctrl-C during start-up is an interrupted run, not a bug."""
    try:
        from .cli import run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        raise SystemExit(130) from None
    run()
