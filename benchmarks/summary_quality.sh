#!/bin/sh
# Summary quality: fjhealth's default method beside Lead, SnowNLP, jieba TextRank and the
# extractive oracle, char-level ROUGE-1/2/L F1 at one sentence (the headline task), on the
# newspaper dev set and the LCSTS short posts. Runs the shared scorer, which calls
# `fjhealth summarize --all --sentences 1 --corpus DIR` once per data set.
#
#   benchmarks/summary_quality.sh            # from the repository root, fjhealth on PATH
#   FJHEALTH=/path/to/fjhealth PYTHON=python3 benchmarks/summary_quality.sh
#
# The data and the scorer live beside the repository (../shared); when they are absent the
# benchmark is skipped with a message and exit status 0.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
shared=${FJHEALTH_SHARED:-$here/../../shared}
if [ -d "$shared" ]; then shared=$(cd "$shared" && pwd); fi
tool=$shared/tools/eval_summ.py
python=${PYTHON:-python3}
fjhealth=${FJHEALTH:-$(command -v fjhealth || true)}

if [ ! -f "$tool" ]; then
    echo "summary_quality: skipped, scorer not found at $tool" >&2
    exit 0
fi
if [ -z "$fjhealth" ]; then
    echo "summary_quality: skipped, no fjhealth on PATH (install the package or set FJHEALTH)" >&2
    exit 0
fi
for name in summ_dev.jsonl summ_dev_lcsts.jsonl; do
    data=$shared/data/$name
    if [ ! -f "$data" ]; then
        echo "summary_quality: skipped $name, not found at $data" >&2
        continue
    fi
    echo "## $name"
    echo
    echo "\`$python $tool $data --fjhealth $fjhealth --sentences 1\`"
    echo
    "$python" "$tool" "$data" --fjhealth "$fjhealth" --sentences 1
    echo
done
