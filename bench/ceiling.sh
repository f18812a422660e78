#!/usr/bin/env bash
# The stack's own ceiling: what Payara Micro serves on one core when the application does nothing.
#   bench/ceiling.sh       -> bench/results/ceiling.md
# An empty servlet and an empty JAX-RS resource (bench/ceiling/) answer the benchmark's chat request with a
# fixed completion, on Payara Micro with the gateway's pre-boot settings and JVM options, pinned to CPU 1 as
# the gateway is in bench/run.sh; wrk on CPU 0. Run bench/run.sh (or mvn package) first: it uses
# target/payara-micro.jar and the servlet and JAX-RS API jars Maven fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAVA_OPTS=${GATEHOUSE_JAVA_OPTS:-"-XX:+UseSerialGC -Xmx512m -XX:NewRatio=1"}
PORT=19301 WORK=/tmp/gatehouse-ceiling SECONDS_PER_CASE=${BENCH_SECONDS:-15}
M2=${MAVEN_REPO:-$HOME/.m2/repository}
rm -rf "$WORK" && mkdir -p "$WORK/war/WEB-INF/classes"
javac -d "$WORK/war/WEB-INF/classes" \
  -cp "$M2/jakarta/servlet/jakarta.servlet-api/6.0.0/jakarta.servlet-api-6.0.0.jar:$M2/jakarta/ws/rs/jakarta.ws.rs-api/3.1.0/jakarta.ws.rs-api-3.1.0.jar" \
  bench/ceiling/*.java
(cd "$WORK/war" && jar cf ../ceiling.war .)
# shellcheck disable=SC2086
taskset -c 1 java $JAVA_OPTS -jar target/payara-micro.jar --deploy "$WORK/ceiling.war" --contextroot / --port $PORT \
  --nocluster --prebootcommandfile server-config/payara/pre-boot-commands.txt > "$WORK/payara.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null -X POST -d '{}' "http://127.0.0.1:$PORT/servlet/chat" && break; sleep 0.1; done
run() { # path connections seconds -> RESULT line with cpu_us_per_request
  "$ROOT/bench/cpu-per-request.sh" "$PID" "http://127.0.0.1:$PORT$1" "$2" "$3"
}
# Warm the JIT as bench/run.sh warms the gateway: one connection first, then the real load.
for path in /servlet/chat /jaxrs/chat; do run $path 1 30 >/dev/null; run $path 16 20 >/dev/null; done
{
  echo "# The stack's ceiling on one core"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/ceiling.sh\`: Payara Micro with the gateway's pre-boot settings"
  echo "and JVM options (\`$JAVA_OPTS\`), pinned to CPU 1; the benchmark's ~1 KB chat request from wrk on CPU 0."
  echo "The application does nothing but answer a fixed completion, so these are upper bounds for any"
  echo "application on this container and core. Compare with nginx and Gatehouse in \`results.md\`."
  echo
  echo "| endpoint | c | req/s | p50 ms | p99 ms | CPU µs/request |"
  echo "|---|---|---|---|---|---|"
  for path in /servlet/chat /jaxrs/chat; do
    for c in 16 64; do
      r=$(run $path $c "$SECONDS_PER_CASE")
      f() { echo "$r" | tr ' ' '\n' | awk -F= -v k="$1" '$1==k{print $2}'; }
      echo "| empty ${path%/chat} | $c | $(f rps) | $(f p50) | $(f p99) | $(f cpu_us_per_request) |"
    done
  done
} > bench/results/ceiling.md
cat bench/results/ceiling.md
