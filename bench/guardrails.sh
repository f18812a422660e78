#!/usr/bin/env bash
# The latency guardrails add to a call: a typical input + output pair (PII deny on the request, a regex deny
# on the answer) against the same call without hooks, interleaved, paced below saturation, on 127.0.0.1.
#   bench/guardrails.sh      results in bench/results/guardrails.md (a short, bounded run: about 2 minutes)
# Tunables (environment): BENCH_DURATION (10s per case and round), BENCH_ROUNDS (3), BENCH_THINK_MS (15),
# BENCH_CONNECTIONS (8). Needs wrk and target/gatehouse.war (mvn -B -q package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${BENCH_DURATION:-10s}
ROUNDS=${BENCH_ROUNDS:-3}
THINK_MS=${BENCH_THINK_MS:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WORK=${BENCH_WORK:-/tmp/gatehouse-bench-guardrails}
OUT=$ROOT/bench/results/guardrails.md
FAKE=${BENCH_FAKE_PORT:-19021} GH=${BENCH_GATEHOUSE_PORT:-19221}
mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
wait_http() { for _ in $(seq 1 900); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "timed out: $1" >&2; return 1; }

command -v wrk >/dev/null || { echo "needs wrk" >&2; exit 1; }
[ -f target/gatehouse.war ] || { echo "needs target/gatehouse.war: mvn -B -q package -DskipTests" >&2; exit 1; }

log "starting the fake provider and Gatehouse"
java -Xmx256m -Dsun.net.httpserver.nodelay=true "$ROOT/bench/FakeProvider.java" $FAKE 0 0 > "$WORK/fake.log" 2>&1 & PIDS+=($!)
until grep -q "fake provider" "$WORK/fake.log" 2>/dev/null; do
  grep -q Exception "$WORK/fake.log" 2>/dev/null && { cat "$WORK/fake.log" >&2; exit 1; } # e.g. its port still in TIME_WAIT
  sleep 0.2
done
GATEHOUSE_PORT=$GH bin/gatehouse > "$WORK/gatehouse.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$GH/"

BASE="x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$FAKE/v1|Authorization: Bearer sk-bench"
NONE='{"retry":{"attempts":0}}'
GUARDED='{"input_guardrails":[{"default.pii":{},"deny":true}],"output_guardrails":[{"default.regexMatch":{"rule":"password","not":true},"deny":true}]}'

run() { # config duration -> RESULT line
  BENCH_HEADERS="$BASE|x-portkey-config: $1" BENCH_THINK_MS="$THINK_MS" wrk -t1 -c"$CONNECTIONS" -d"$2" --timeout 10s \
    -s "$ROOT/bench/chat.lua" "http://127.0.0.1:$GH/v1/chat/completions" | grep '^RESULT'
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "x-portkey-provider: openai" \
  -H "x-portkey-custom-host: http://127.0.0.1:$FAKE/v1" -H 'Authorization: Bearer sk-bench' -H "x-portkey-config: $GUARDED" \
  --data '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' "http://127.0.0.1:$GH/v1/chat/completions")
[ "$status" = 200 ] || { echo "a guarded call answered $status, not 200" >&2; exit 1; }

log "warming up (20 s)"
run "$NONE" 10s >/dev/null
run "$GUARDED" 10s >/dev/null

declare -A sum
for r in $(seq 1 "$ROUNDS"); do
  for c in none guarded; do
    cfg=$NONE; [ $c = guarded ] && cfg=$GUARDED
    res=$(run "$cfg" "$DURATION"); log "round $r $c: $res"
    for k in rps p50 p90 p99 errors non2xx; do
      sum[$c.$k]=$(awk -v a="${sum[$c.$k]:-0}" -v b="$(field "$res" $k)" 'BEGIN{print a + b}')
    done
  done
done
log "the pair in process, without the network"
JAVA=$(bin/java-home)/bin/java
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
COST=$("$JAVA" -cp "target/classes:$(cat "$WORK/classpath.txt")" bench/GuardrailsCost.java 20000 2>/dev/null | grep '^COST')
log "$COST"

mean() { awk -v s="${sum[$1]}" -v n="$ROUNDS" 'BEGIN{printf "%.3f", s / n}'; }
diff_ms() { awk -v a="$(mean guarded.$1)" -v b="$(mean none.$1)" 'BEGIN{printf "%+.3f", a - b}'; }

{
  echo "# Guardrails: added latency of a typical input + output pair"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/guardrails.sh\` on $(nproc) cores, Gatehouse on $("$JAVA" -version 2>&1 | head -1)."
  echo "Chat completions, ~1 KB body, a fake OpenAI provider answering at once, all on 127.0.0.1; $CONNECTIONS connections"
  echo "paced ($THINK_MS ms between a connection's calls, below saturation); $ROUNDS interleaved rounds of $DURATION per case,"
  echo "figures the mean of the rounds. Latencies in ms. Not pinned to cores: the machine was shared with other work,"
  echo "so compare the two rows of one run, not runs with each other."
  echo
  echo "- **none**: the same call, no hooks."
  echo "- **guarded**: \`input_guardrails\` PII detector, deny (every category, over the whole request) and"
  echo "  \`output_guardrails\` \`regexMatch\` (\`not\`), deny — the answer held and checked before it is sent."
  echo
  echo "| case | rps | p50 | p90 | p99 | errors | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  for c in none guarded; do
    echo "| $c | $(mean $c.rps) | $(mean $c.p50) | $(mean $c.p90) | $(mean $c.p99) | $(mean $c.errors) | $(mean $c.non2xx) |"
  done
  echo
  echo "Added by the pair: p50 $(diff_ms p50) ms, p90 $(diff_ms p90) ms, p99 $(diff_ms p99) ms."
  echo
  echo "The same pair in process (\`bench/GuardrailsCost.java\`: the checks as the pipeline runs them, on the same"
  echo "request and answer, 20,000 pairs after as many to warm up), per pair in µs:"
  echo
  echo "| p50 | p90 | p99 | mean |"
  echo "|---|---|---|---|"
  echo "| $(field "$COST" p50_us) | $(field "$COST" p90_us) | $(field "$COST" p99_us) | $(field "$COST" mean_us) |"
} > "$OUT"
cat "$OUT"
