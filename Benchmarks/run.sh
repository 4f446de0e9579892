#!/usr/bin/env bash
# Side-by-side benchmark: riskmap's engine on the benchmark workload (Benchmarks/WORKLOAD.md,
# the peers' workload reproduced byte for byte) for 40,000 and 400,000 schools, checked by
# SHA-256, and our C reference (Benchmarks/reference/c_ref.c) on the same files; then the
# default rule book (Rules/) with `riskmap classify --format csv`. Uses repository paths only.
# Usage: Benchmarks/run.sh [N ...]      (default: 40000 400000)
#        RUNS=5 (riskmap / C pairs per size), DEFAULT_N=400000, DEFAULT_RUNS=3, SWEEP_N=40000, SWEEP_RUNS=3
#        C_REF=FILE.c (another C program with the same output), CC=cc, PLAN=1 (then plan.sh)
# The user-facing jobs (plan, classify --format json, check) are timed by Benchmarks/plan.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(40000 400000)
C_REF=${C_REF:-Benchmarks/reference/c_ref.c}
CC=${CC:-cc}
CNAME=$(basename "$C_REF" .c)

# Expected SHA-256 of the generated inputs (WORKLOAD.md §2.5) and of the outputs (§4.2).

declare -A DATA_SHA=(
  [1000]=0d5820affcb8855e9bdba49f99c69710a68a6007a079ec31e6a9076561a6c579
  [40000]=e7eaedd5055a4a3d5a1e9734619a97db5903e7f86aaf197577edb4aa15f3032a
  [400000]=d3c0c344d59cb0143e0656b0b5b654c889b36f5a0e31775e741336eb4dad9a90
)
declare -A OUT_SHA=(
  [1000]=f9cd3a9fa4d8c370b38fa96fb53a52d59bc0f8b27e115b38df9ac1452a6953dc
  [40000]=33e93da7dc5698c020e7ee854b3132634c867c1ec664b8fa79ab77a87ae56e56
  [400000]=d8663ab97f78376217a12ee08b8dd02eec1dd51ac7d3c862a365921e1a569aee
)

echo "== building (release)"
swift build -c release --product riskmap-bench
BIN="$(swift build -c release --show-bin-path)/riskmap-bench"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

CBIN=""
if [ ! -f "$C_REF" ]; then
  echo "== no C reference at $C_REF: skipping the C side"
elif ! command -v "$CC" >/dev/null; then
  echo "== no C compiler ($CC): skipping the C reference (set CC=... to use another one)"
else
  echo "== compiling $C_REF ($CC -O2)"
  "$CC" -std=c11 -O2 -o "$TMP/$CNAME" "$C_REF" -lm && CBIN="$TMP/$CNAME"
fi

# Runs a command, prints wall time (to the millisecond, from the shell's clock) and peak RSS
# (with GNU time); sets WALL.
timed() {
  local log="$TMP/time.log" s e
  s=$(date +%s.%N)
  if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
    /usr/bin/time -v "$@" 2>"$log" >"$TMP/stdout.log" || { cat "$log"; return 1; }
    e=$(date +%s.%N)
    local rss
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    WALL=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }')
    echo "   wall ${WALL} s, peak RSS $((rss / 1024)) MiB"
  else
    "$@" >"$TMP/stdout.log" 2>"$log" || { cat "$log"; return 1; }; e=$(date +%s.%N)
    WALL=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }')
    echo "   wall ${WALL} s"
  fi
}

check() { # FILE EXPECTED LABEL
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ -z "${2:-}" ]; then echo "   $3 sha256 $got (no expected value)"
  elif [ "$got" = "$2" ]; then echo "   $3 sha256 OK"
  else echo "   $3 sha256 MISMATCH: $got, expected $2"; STATUS=1; fi
}

STATUS=0
for n in "${SIZES[@]}"; do
  echo "== N = $n"
  "$BIN" generate "$n" "$TMP/schools_$n.csv"
  check "$TMP/schools_$n.csv" "${DATA_SHA[$n]:-}" "input "
  echo "-- riskmap"
  timed "$BIN" run "$TMP/schools_$n.csv" "$TMP/riskmap_$n.csv" --rules Benchmarks/workload
  sed 's/^/   /' "$TMP/stdout.log"
  RWALL=$WALL
  check "$TMP/riskmap_$n.csv" "${OUT_SHA[$n]:-}" "output"
  if [ -n "$CBIN" ]; then
    echo "-- $CNAME ($CC -O2)"
    timed "$CBIN" "$TMP/schools_$n.csv" "$TMP/c_$n.csv"
    grep "^$CNAME"$'\t' "$TMP/time.log" | sed 's/^/   /' || true
    check "$TMP/c_$n.csv" "${OUT_SHA[$n]:-}" "output"
    RATIOS=("$(awk -v a="$RWALL" -v b="$WALL" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')")
    PAIRS=("$RWALL/$WALL")
    # More pairs, alternating, so that neither program always gets the memory the other
    # (or the generator) has just freed (see Benchmarks/README.md, "Memory on this machine").
    for _ in $(seq 2 "${RUNS:-5}"); do
      timed "$BIN" run "$TMP/schools_$n.csv" "$TMP/riskmap_$n.csv" --rules Benchmarks/workload >/dev/null; RWALL=$WALL
      timed "$CBIN" "$TMP/schools_$n.csv" "$TMP/c_$n.csv" >/dev/null
      RATIOS+=("$(awk -v a="$RWALL" -v b="$WALL" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')")
      PAIRS+=("$RWALL/$WALL")
    done
    echo "   walls riskmap/$CNAME (s): ${PAIRS[*]}"
    echo "   ratio riskmap / $CNAME (wall, alternating pairs): ${RATIOS[*]}; median $(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  fi
done

# The default rule book (Rules/) on synthetic school-years: `riskmap classify --format csv`.
DEFAULT_N=${DEFAULT_N:-400000}
if [ "$DEFAULT_N" != 0 ]; then
  echo "== default rule book, $DEFAULT_N school-years"
  swift build -c release --product riskmap >/dev/null
  RISKMAP="$(swift build -c release --show-bin-path)/riskmap"
  "$BIN" generate-default "$DEFAULT_N" "$TMP/default_$DEFAULT_N.csv" --rules Rules
  echo "-- riskmap classify --rules Rules --format csv (${DEFAULT_RUNS:-3} runs)"
  for _ in $(seq "${DEFAULT_RUNS:-3}"); do
    timed "$RISKMAP" classify --rules Rules --schools "$TMP/default_$DEFAULT_N.csv" --format csv --out "$TMP/default_out.csv" || STATUS=1
  done
  echo "-- the same steps timed one by one (riskmap-bench classify)"
  "$BIN" classify "$TMP/default_$DEFAULT_N.csv" "$TMP/default_steps.csv" --rules Rules | sed 's/^/   /'
  if cmp -s "$TMP/default_out.csv" "$TMP/default_steps.csv"; then echo "   same bytes as riskmap classify"
  else echo "   DIFFERENT bytes from riskmap classify"; STATUS=1; fi
fi
# `riskmap sweep`: 100 values of vpr_fail_max over SWEEP_N (40,000) school-years of the default rule book.
SWEEP_N=${SWEEP_N:-40000}
if [ "$SWEEP_N" != 0 ]; then
  echo "== sweep: 100 values of vpr_fail_max, default rule book, $SWEEP_N school-years"
  "$BIN" generate-default "$SWEEP_N" "$TMP/sweep_$SWEEP_N.csv" --rules Rules >/dev/null
  for _ in $(seq "${SWEEP_RUNS:-3}"); do
    "$BIN" sweep "$TMP/sweep_$SWEEP_N.csv" vpr_fail_max 100 --rules Rules | sed 's/^/   /' || STATUS=1
  done
  swift build -c release --product riskmap >/dev/null
  RISKMAP="$(swift build -c release --show-bin-path)/riskmap"
  echo "-- riskmap sweep (the command, table output)"
  timed "$RISKMAP" sweep Rules "$TMP/sweep_$SWEEP_N.csv" "vpr_fail_max=0%..99%" step 1% --out "$TMP/sweep.txt" || STATUS=1
fi
# The user-facing jobs (plan, classify --format json, check) with their growth.
if [ "${PLAN:-0}" = 1 ]; then
  Benchmarks/plan.sh || STATUS=1
else
  echo "== plan, classify --format json, check: Benchmarks/plan.sh (or PLAN=1 Benchmarks/run.sh)"
fi
exit $STATUS
