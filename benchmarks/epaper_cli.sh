#!/usr/bin/env bash
# The e-paper dev pages through the CLI itself: `fjhealth show ID --corpus EXTRACTOR` (plain text,
# every article of a page in turn) scored by the dataset's own score_clean.py, mean per extractor.
# benchmarks/epaper_quality.py does the same in-process with its own rendering; the two agree.
#   benchmarks/epaper_cli.sh [FJHEALTH]      (default: .venv/bin/fjhealth, else fjhealth on PATH)
# Skips (exit 0) when ../shared/data/epaper_dev is absent.
set -u
cd "$(dirname "$0")/.."
E=../shared/data/epaper_dev
F=${1:-.venv/bin/fjhealth}
[ -x "$F" ] || F=$(command -v fjhealth || true)
if [ ! -f "$E/score_clean.py" ]; then echo "epaper_cli: skipped, no $E" >&2; exit 0; fi
if [ -z "$F" ]; then echo "epaper_cli: skipped, no fjhealth found" >&2; exit 0; fi
for ext in pdftotext raw fitz fitzblocks pdfminer; do
  ids=$("$F" list --corpus "$E/$ext" | tail -n +2 | cut -f1)
  for gold in "$E/$ext"/gold/*.json; do
    page=$(basename "$gold" .json)
    for id in $(grep -E "^$page(-|$)" <<<"$ids"); do "$F" show "$id" --corpus "$E/$ext"; echo; done \
      | python3 "$E/score_clean.py" "$gold" - | tail -n 1
  done | python3 -c '
import json, sys
rows = [json.loads(x) for x in sys.stdin if x.startswith("{")]
keys = ("content_recall", "boundary_f1", "layout_spaces", "midsentence_breaks", "boilerplate_leak")
def mean(k):
    vals = [r[k] for r in rows if r[k] is not None]
    return sum(vals) / max(len(vals), 1)
print(sys.argv[1], len(rows), "pages", " ".join(f"{k} {mean(k):.4f}" for k in keys),
      "breaks", sum(r["midsentence_breaks"] or 0 for r in rows))' "$ext"
done
