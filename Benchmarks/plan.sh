#!/usr/bin/env bash
# The user-facing jobs, timed as a user runs them, with their growth: `riskmap check Rules`,
# then for each size `riskmap plan` and `riskmap classify --format json` on synthetic
# school-years of the default rule book (`riskmap-bench generate-default`, two school years
# per school). Wall time and peak RSS from /usr/bin/time -v; a compact table at the end.
#
# Usage: Benchmarks/plan.sh [SCHOOLS ...]   (default: 1000 2000 5000 schools)
#        RUNS=2          runs of each job at each size
#        BIG=1           add 20,000 schools (one large region: ~5 minutes, ~9 GB of output; see README)
#        JOBS="check plan json"   which jobs to run
# Only repository paths are used; the inputs and outputs go to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@"); [ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 2000 5000)
[ "${BIG:-0}" = 1 ] && SIZES+=(20000)
RUNS=${RUNS:-2}
JOBS=${JOBS:-check plan json}

echo "== building (release)"
swift build -c release --product riskmap
swift build -c release --product riskmap-bench
BINDIR="$(swift build -c release --show-bin-path)"
RISKMAP="$BINDIR/riskmap"
BENCH="$BINDIR/riskmap-bench"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

HAVE_TIME=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then HAVE_TIME=1; fi

ROWS=()   # table rows: job|schools|school-years|walls|peak|exit|output
# timed LABEL -- COMMAND...: runs once, prints wall and peak; sets WALL, PEAK, CODE.
# Exit 0 and 1 are both results (1 = data warnings turned errors, still written);
# anything else stops the script.
timed() {
  local log="$TMP/time.log" start end
  start=$(date +%s.%N)
  set +e
  if [ "$HAVE_TIME" = 1 ]; then
    /usr/bin/time -v "$@" >"$TMP/stdout.log" 2>"$log"
  else
    "$@" >"$TMP/stdout.log" 2>"$log"
  fi
  CODE=$?
  set -e
  end=$(date +%s.%N)
  WALL=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  PEAK="n/a"
  if [ "$HAVE_TIME" = 1 ]; then
    PEAK=$(awk '/Maximum resident set size/ { printf "%d", $NF / 1024 }' "$log")
    local status; status=$(awk -F': ' '/Exit status/ { print $2 }' "$log")
    if [ -n "$status" ]; then CODE=$status; fi
  fi
  echo "   wall ${WALL} s, peak RSS ${PEAK} MiB, exit ${CODE}"
  if [ "$CODE" != 0 ] && [ "$CODE" != 1 ]; then
    grep -v '^\s' "$log" | head -20
    echo "   FAILED"; exit 1
  fi
}

# measure JOB SCHOOLS YEARS OUTPUT -- COMMAND...: RUNS runs, a table row.
measure() {
  local job=$1 schools=$2 years=$3 output=$4; shift 5
  local walls=() peak=0 code=0
  for _ in $(seq "$RUNS"); do
    rm -rf "$output"
    timed "$@"
    walls+=("$WALL"); code=$CODE
    if [ "$PEAK" = "n/a" ]; then peak="n/a"
    elif [ "$PEAK" -gt "$peak" ]; then peak=$PEAK; fi
  done
  local size="-"
  if [ -e "$output" ]; then size=$(du -sh "$output" | cut -f1); fi
  ROWS+=("$job|$schools|$years|${walls[*]}|$peak|$code|$size")
}

if [[ " $JOBS " == *" check "* ]]; then
  echo "== riskmap check Rules ($RUNS runs)"
  measure "check Rules" "-" "-" "$TMP/none" -- "$RISKMAP" check Rules
fi

for n in "${SIZES[@]}"; do
  years=$((2 * n))
  file="$TMP/schools_$n.csv"
  echo "== $n schools ($years school-years)"
  "$BENCH" generate-default "$years" "$file" --rules Rules | sed 's/^/   /'
  if [[ " $JOBS " == *" plan "* ]]; then
    echo "-- riskmap plan ($RUNS runs, each into a new folder)"
    measure "plan" "$n" "$years" "$TMP/plan_$n" -- \
      "$RISKMAP" plan --rules Rules --schools "$file" --out "$TMP/plan_$n"
  fi
  if [[ " $JOBS " == *" json "* ]]; then
    echo "-- riskmap classify --format json ($RUNS runs)"
    measure "classify json" "$n" "$years" "$TMP/classify_$n.json" -- \
      "$RISKMAP" classify --rules Rules --schools "$file" --format json --out "$TMP/classify_$n.json"
  fi
  rm -rf "$TMP/plan_$n" "$TMP/classify_$n.json" "$file"
done

echo
echo "== summary ($(nproc 2>/dev/null || echo '?') cores; load average$(uptime | sed 's/.*load average//'))"
{
  echo "job|schools|school-years|wall s (each run)|peak RSS MiB|exit|output|s per 1,000 schools"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r job schools years walls peak code size <<<"$row"
    per="-"
    if [ "$schools" != "-" ]; then
      per=$(echo "$walls" | tr ' ' '\n' | sort -n | head -1 | awk -v n="$schools" '{ printf "%.1f", $1 * 1000 / n }')
    fi
    echo "$job|$schools|$years|$walls|$peak|$code|$size|$per"
  done
} | awk -F'|' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; f = NF }
  END { for (r = 1; r <= n; r++) { line = ""; for (i = 1; i <= f; i++) line = line sprintf("%-" (w[i] + 2) "s", cell[r, i]); sub(/ +$/, "", line); print line } }'
echo "(s per 1,000 schools: the fastest run; linear growth keeps it constant)"
