#!/usr/bin/env bash
# Response cache benchmark: a hit's latency against a miss's, simple and semantic, on 127.0.0.1.
#   bench/cache.sh       results in bench/results/cache.md
# Gatehouse (the README's JVM flags, shipped server-config) in front of bench/FakeProvider.java answering
# after 60 ms +-10 (a fast model). One client connection, requests one after another (bench/CacheProbe.java).
# The measured part is bounded: 6 s of warm-up, then 4 series of at most 9 s each; the probe process (its
# compilation and the embedding model's first load included) is stopped after 90 s. Payara's start is not in it.
# Tunables (environment): CACHE_BENCH_N (requests per series at most, 200; each series also stops after 9 s), GATEHOUSE_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${CACHE_BENCH_N:-200}
FAKE=19011 GH=19211
JAVA_OPTS=${GATEHOUSE_JAVA_OPTS:-"-XX:+UseSerialGC -Xmx512m -XX:NewRatio=1"}
WORK=${BENCH_WORK:-/tmp/gatehouse-cache-bench}
OUT=$ROOT/bench/results/cache.md
JAVA_HOME=$(bin/java-home); export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
mkdir -p "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
wait_http() { for _ in $(seq 1 900); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "timed out: $1" >&2; return 1; }
rss_mb() { echo $(( $(awk '/VmRSS/{print $2}' /proc/"$1"/status) / 1024 )); }
heap_used_mb() { # after a full GC: what the heap really holds (young + old generation)
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null 2>&1 || true
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | awk '/total .*used/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub(/K,?/,"",v); kb+=v } } END { print int(kb/1024) }'
}

[ -f target/gatehouse.war ] && [ -f target/payara-micro.jar ] || mvn -B -q package -DskipTests
log "fake provider on :$FAKE (60 ms +-10)"
"$JAVA" -Xmx256m -Dsun.net.httpserver.nodelay=true bench/FakeProvider.java $FAKE 60 10 > "$WORK/fake.log" 2>&1 & PIDS+=($!)
log "gatehouse on :$GH"
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -jar target/payara-micro.jar --deploy target/gatehouse.war --contextroot / --port $GH --nocluster \
  --prebootcommandfile server-config/payara/pre-boot-commands.txt > "$WORK/gatehouse.log" 2>&1 & GH_PID=$!; PIDS+=($GH_PID)
wait_http "http://127.0.0.1:$FAKE/"
wait_http "http://127.0.0.1:$GH/"
curl -s -o /dev/null -X POST "http://127.0.0.1:$GH/v1/chat/completions" -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer sk-bench' -H 'x-portkey-provider: openai' -H "x-portkey-custom-host: http://127.0.0.1:$FAKE/v1" \
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"first"}]}'
HEAP_BEFORE=$(heap_used_mb $GH_PID); RSS_BEFORE=$(rss_mb $GH_PID)
log "probing: $N requests per series"
timeout 90 "$JAVA" bench/CacheProbe.java "http://127.0.0.1:$GH" "http://127.0.0.1:$FAKE" "$N" > "$WORK/probe.md"
HEAP_AFTER=$(heap_used_mb $GH_PID); RSS_AFTER=$(rss_mb $GH_PID)
LOAD=$(cut -d' ' -f1 /proc/loadavg)
{
  echo "# Response cache: a hit against a miss"
  echo
  echo "Run on $(date -u +%Y-%m-%d) by \`bench/cache.sh\` on $(nproc) cores (shared with other work: absolute"
  echo "figures move with the load; the gap between the series is the point). Gatehouse ($JAVA_OPTS, shipped"
  echo "server-config) in front of \`bench/FakeProvider.java\` answering after 60 ms +-10; one client connection,"
  echo "sequential requests, each timed from send to its last byte; each series at most $N requests or 9 s."
  echo
  cat "$WORK/probe.md"
  echo
  echo "Memory, after a full GC, before and after semantic mode's first use (which loads the embedding model)"
  echo "and the run: heap used ${HEAP_BEFORE} MB -> ${HEAP_AFTER} MB; process RSS ${RSS_BEFORE} MB -> ${RSS_AFTER} MB."
  echo "Load average (1 min) at the end of the run: $LOAD."
} > "$OUT"
cat "$OUT"
