#!/usr/bin/env bash
# Whole-process start-up of fjhealth commands beside `python -c "import typer, rich"`, in one
# interleaved run, plus instruction counts (perf where the kernel exposes counters, else
# valgrind's cachegrind). See benchmarks/startup.py for what is measured and how.
# Usage: benchmarks/startup.sh [PYTHON] [startup.py options]
#   PYTHON: an interpreter with fjhealth installed, absolute, relative (.venv/bin/python) or on
#   PATH (default: python3).
set -euo pipefail
PY=${1:-python3}
[ $# -gt 0 ] && shift
case "$PY" in
  */*) PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")" ;;  # relative -> absolute
  *) PY="$(command -v "$PY")" ;;
esac
exec "$PY" "$(dirname "$0")/startup.py" --python "$PY" "$@"
