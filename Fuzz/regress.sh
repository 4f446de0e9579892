#!/usr/bin/env bash
# The regression check CI runs: each harness over its committed corpus (every seed and
# every minimised crash reproducer in Fuzz/corpus/NAME), then a fixed small number of
# mutations from a fixed seed. Exit 0 when nothing traps.
#   Fuzz/regress.sh [RUNS]       (default 2000 mutated inputs per harness)
# FUZZ_BUILD=DIR and FUZZ_OPT=-Onone build elsewhere, unoptimised (faster to build: CI).
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-2000}
export RISKMAP_ROOT=$(cd .. && pwd)
# Let libFuzzer, not Swift's backtracer, handle a trap: it then saves the input.
export SWIFT_BACKTRACE=enable=no
# One core per fuzzer: the plan writers' parallel maps would otherwise take the other core
# (and a second fuzzer's). No output depends on the thread count; the tests run more threads.
export RISKMAP_THREADS=1
out=${FUZZ_BUILD:-.build}
./build.sh
for name in lang csv xlsx writers; do
    dict=()
    [[ -f $name.dict ]] && dict=(-dict="$name.dict")
    echo "fuzz regression: $name (corpus $(ls "corpus/$name" | wc -l) files, $runs runs)"
    tmp=$(mktemp -d)
    # Corpus replay first (each file once), then mutations from a fixed seed into a scratch folder.
    "$out/fuzz-$name" -runs=0 -timeout=20 -rss_limit_mb=3072 "${dict[@]}" -artifact_prefix="$tmp/" "corpus/$name" 2>&1 | tail -2
    "$out/fuzz-$name" -seed=1 -runs="$runs" -max_len=65536 -timeout=20 -rss_limit_mb=3072 "${dict[@]}" \
        -artifact_prefix="$tmp/" "$tmp" "corpus/$name" 2>&1 | tail -1
    rm -rf "$tmp"
done
echo "fuzz regression: no crash"
