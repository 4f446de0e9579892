#!/usr/bin/env bash
# Builds (if needed) and runs one harness for a given time, at the lowest CPU priority:
#   Fuzz/run.sh NAME SECONDS [extra libFuzzer flags]     NAME: lang, csv, xlsx, writers
# (the lang harness's Language library is the one built last; NO_BUILD=1 skips the build)
# New inputs go to Fuzz/.build/corpus-NAME (the committed seeds in Fuzz/corpus/NAME are read
# only); a crash leaves crash-* in Fuzz/.build/artifacts-NAME/. The last lines of the log
# give the execution count (`#N DONE`); add it to Fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
name=${1:?usage: Fuzz/run.sh NAME SECONDS}
seconds=${2:?usage: Fuzz/run.sh NAME SECONDS}
shift 2
[[ ${NO_BUILD:-} == 1 ]] || ./build.sh "$name"   # NO_BUILD=1: run the binary as built
mkdir -p ".build/corpus-$name" ".build/artifacts-$name"
dict=()
[[ -f $name.dict ]] && dict=(-dict="$name.dict")
export RISKMAP_ROOT=$(cd .. && pwd)
# Let libFuzzer, not Swift's backtracer, handle a trap: it then saves the input.
export SWIFT_BACKTRACE=enable=no
# One core per fuzzer: the plan writers' parallel maps would otherwise take the other core
# (and a second fuzzer's). No output depends on the thread count; the tests run more threads.
export RISKMAP_THREADS=1
exec nice -n 19 ".build/fuzz-$name" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=3072 \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix=".build/artifacts-$name/" "$@" ".build/corpus-$name" "corpus/$name"
