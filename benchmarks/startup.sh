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

COMMANDS=("$PY -c 'import typer, rich'" "$FJ list" "$FJ list --no-cache" "$FJ show 003"
  "$FJ list --format rich")
$FJ list >/dev/null  # warm the cache before any measurement

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --min-runs 30 -N --export-json times.json "${COMMANDS[@]}" >&2
  "$PY" - <<'PY'
import json
results = json.load(open("times.json"))["results"]
for r in results:
    r["cpu"] = r["user"] + r["system"]  # steadier than wall time on a busy machine
base = results[0]
print(f"{'command':<45} {'wall mean':>10} {'ratio':>6} {'wall min':>9} {'ratio':>6} "
      f"{'CPU mean':>9} {'ratio':>6}")
for r in results:
    print(f"{r['command']:<45} {r['mean'] * 1000:7.1f} ms {r['mean'] / base['mean']:5.2f}x "
          f"{r['min'] * 1000:6.1f} ms {r['min'] / base['min']:5.2f}x "
          f"{r['cpu'] * 1000:6.1f} ms {r['cpu'] / base['cpu']:5.2f}x")
PY
else
  # Fallback without hyperfine: best of 20 wall-clock runs each.
  for cmd in "${COMMANDS[@]}"; do
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

# Instructions executed (perf, when the kernel allows it): unlike seconds, unaffected by what
# else the machine is doing.
if command -v perf >/dev/null && perf stat -e instructions true 2>/dev/null; then
  echo
  base=""
  for cmd in "${COMMANDS[@]}"; do
    n=$(eval "perf stat -x, -e instructions -r 5 $cmd" 2>&1 >/dev/null | awk -F, '/instructions/ {print $1}')
    base=${base:-$n}
    awk -v c="$cmd" -v n="$n" -v b="$base" \
      'BEGIN {printf "%-45s %7.0f M instructions  %5.2fx\n", c, n / 1e6, n / b}'
  done
fi
