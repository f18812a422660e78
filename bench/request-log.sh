#!/usr/bin/env bash
# The request log's cost per request: the same short-request load (bench/run.sh's "fast" scenario: a ~1 KB
# chat body, an instant fake provider) against three gateways at once, interleaved round by round —
#   off     logs.enabled=false
#   store   the request log to H2, no JSON lines (logs.json-lines=false)
#   full    the request log to H2 and a JSON line per request on standard output (the default)
# Each gateway is pinned to CPU 1, wrk and the fake to CPU 0; the gateway's CPU time per request is read from
# /proc (bench/cpu-per-request.sh), so it holds even on a busy machine, unlike throughput.
#   timeout 900 bench/request-log.sh        results in bench/results/request-log.md
# Tunables: BENCH_SECONDS (10) per measurement, BENCH_ROUNDS (3), BENCH_CONNECTIONS (16), BENCH_WARMUP (30) seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_EACH=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONN=${BENCH_CONNECTIONS:-16}
WARMUP=${BENCH_WARMUP:-30}
WORK=${BENCH_WORK:-/tmp/gatehouse-bench-request-log}
FAKE=19021
declare -A PORT=([off]=19231 [store]=19232 [full]=19233)
MODES=(off store full)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
wait_http() { for _ in $(seq 1 900); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done; echo "timed out: $1" >&2; return 1; }

[ -f target/gatehouse.war ] && [ -f target/payara-micro.jar ] || JAVA_HOME=$(bin/java-home) mvn -B -q package -DskipTests
rm -rf "$WORK"; mkdir -p "$WORK"
taskset -c 0 java -Xmx256m -Dsun.net.httpserver.nodelay=true bench/FakeProvider.java $FAKE 0 0 > "$WORK/fake.log" 2>&1 & PIDS+=($!)
until grep -q "fake provider" "$WORK/fake.log" 2>/dev/null; do sleep 0.2; done

declare -A GH
for mode in "${MODES[@]}"; do
  cp -r server-config "$WORK/config-$mode"
  props="$WORK/config-$mode/gatehouse.properties"
  sed -i "s|^logs.data-dir=.*|logs.data-dir=$WORK/data-$mode|" "$props"
  case $mode in
    off) sed -i 's/^logs.enabled=.*/logs.enabled=false/' "$props" ;;
    store) sed -i 's/^logs.json-lines=.*/logs.json-lines=false/' "$props" ;;
  esac
  log "starting gatehouse ($mode) on ${PORT[$mode]}"
  GATEHOUSE_CONFIG="$WORK/config-$mode" GATEHOUSE_PORT=${PORT[$mode]} taskset -c 1 bin/gatehouse > "$WORK/gatehouse-$mode.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:${PORT[$mode]}/"
  GH[$mode]=$(pgrep -f -- "--port ${PORT[$mode]} " | head -1)
  PIDS+=("${GH[$mode]}")
done

headers="x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$FAKE/v1|Authorization: Bearer sk-bench"
url() { echo "http://127.0.0.1:${PORT[$1]}/v1/chat/completions"; }
for mode in "${MODES[@]}"; do
  log "warming up $mode (${WARMUP}s)"
  bench/cpu-per-request.sh "${GH[$mode]}" "$(url "$mode")" "$CONN" "$WARMUP" "$headers" >/dev/null
done
: > "$WORK/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for mode in "${MODES[@]}"; do
    r=$(bench/cpu-per-request.sh "${GH[$mode]}" "$(url "$mode")" "$CONN" "$SECONDS_EACH" "$headers")
    log "round $round $mode: $r"
    echo "$mode $r" >> "$WORK/results.tsv"
  done
done
stored=$(grep -c '^{"trace_id"' "$WORK/gatehouse-full.log" || true)

field() { tr ' ' '\n' | awk -F= -v k="$1" '$1==k{print $2}'; }
mean() { awk '{s+=$1; n++} END {if (n) printf "%.1f", s/n; else print "n/a"}'; }
{
  echo "# The request log's cost per request"
  echo
  echo "Measured $(date -u +'%Y-%m-%d %H:%M UTC') with \`timeout 900 bench/request-log.sh\` (BENCH_SECONDS=$SECONDS_EACH,"
  echo "BENCH_ROUNDS=$ROUNDS, BENCH_CONNECTIONS=$CONN): three gateways side by side on CPU 1, the short-request load"
  echo "(~1 KB chat body, instant fake provider) from wrk on CPU 0, interleaved round by round. Machine: $(nproc) cores,"
  echo "load average before the run $(cut -d' ' -f1-3 /proc/loadavg) (other builds were running: throughput and latency"
  echo "are noisy; CPU time per request, read from /proc, is the figure to compare)."
  echo
  echo "| mode | CPU µs / request (mean) | requests/s (mean) | p50 ms (mean) | p99 ms (mean) | runs |"
  echo "|---|---|---|---|---|---|"
  for mode in "${MODES[@]}"; do
    lines=$(grep "^$mode " "$WORK/results.tsv")
    echo "| $mode | $(echo "$lines" | field cpu_us_per_request | mean) | $(echo "$lines" | field rps | mean) |" \
      "$(echo "$lines" | field p50 | mean) | $(echo "$lines" | field p99 | mean) | $(echo "$lines" | wc -l) |"
  done
  echo
  echo "Modes: **off** \`logs.enabled=false\`; **store** the request log to H2 without JSON lines (\`logs.json-lines=false\`);"
  echo "**full** the default: H2 and a JSON line per request on standard output ($stored lines written in this run)."
  echo
  echo "Every run:"
  echo
  echo '```'
  cat "$WORK/results.tsv"
  echo '```'
} > bench/results/request-log.md
cat bench/results/request-log.md
