#!/usr/bin/env bash
# Whole-process start-up: `fjhealth list` and `fjhealth show 003` against the floor every Typer+rich
# CLI pays, `python -c "import typer, rich"`, timed in the same run. Output goes to a pipe (hyperfine
# discards it), so this measures the piped/plain path; `list --format rich` shows the table's cost.
# `list` reads the cache of cleaned pages (warm after the warm-up runs); `list --no-cache` cleans.
# Usage: benchmarks/startup.sh [PYTHON]   (default: the python3 on PATH; fjhealth must be installed)
set -euo pipefail
PY=${1:-python3}
BIN=$(dirname "$(command -v "$PY")")
FJ="$PY -m fjhealth"
[ -x "$BIN/fjhealth" ] && FJ="$BIN/fjhealth"
cd "$(mktemp -d)"  # run from elsewhere: the embedded corpus, not a checkout's files
export FJHEALTH_CACHE_DIR="$PWD/cache"  # a private cache, warmed by the warm-up runs

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --min-runs 20 -N --export-json times.json \
    "$PY -c 'import typer, rich'" "$FJ list" "$FJ list --no-cache" "$FJ show 003" \
    "$FJ list --format rich" >&2
  "$PY" - <<'PY'
import json
results = json.load(open("times.json"))["results"]
base, base_min = results[0]["mean"], results[0]["min"]
print(f"{'command':<45} {'mean':>9} {'± sd':>6} {'ratio':>6}   {'min':>9} {'ratio':>6}")
for r in results:
    print(f"{r['command']:<45} {r['mean'] * 1000:6.1f} ms {r['stddev'] * 1000:6.1f} "
          f"{r['mean'] / base:5.2f}x   {r['min'] * 1000:6.1f} ms {r['min'] / base_min:5.2f}x")
PY
else
  # Fallback without hyperfine: best of 20 wall-clock runs each.
  for cmd in "$PY -c 'import typer, rich'" "$FJ list" "$FJ list --no-cache" "$FJ show 003" \
    "$FJ list --format rich"; do
    "$PY" - "$cmd" <<'PY'
import shlex, subprocess, sys, time
cmd = sys.argv[1]
runs = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL, check=True)
    runs.append(time.perf_counter() - t)
print(f"{cmd:<45} {sum(runs) / len(runs) * 1000:7.1f} ms mean, {min(runs) * 1000:7.1f} ms min")
PY
  done
fi
