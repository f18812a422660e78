#!/usr/bin/env bash
# Gatehouse benchmark: direct-to-fake vs nginx proxy_pass vs Gatehouse, interleaved, on 127.0.0.1.
#   bench/run.sh            the whole benchmark, results in bench/results/results.md
#   bench/run.sh soak [MIN] the soak: MIN minutes (default 10) of mixed load at 64 connections
#   bench/run.sh concurrent many concurrent long calls (2,000 and 10,000 at once), results in
#                           bench/results/concurrent.md (also run, after the rest, by the whole benchmark)
# The proxy under test (nginx or Gatehouse) is pinned to CPU 1, load generator and fake provider to CPU 0.
# Tunables (environment): BENCH_DURATION (15s), BENCH_ROUNDS (2), BENCH_UPLOAD_MB (1024), GATEHOUSE_JAVA_OPTS,
# BENCH_LABEL (a line for concurrent.md saying what was measured), BENCH_JAVA21 (a java 21+ for the
# concurrent case's fake and probe; default: Temurin 25, else the newest JDK 21+ under /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-full}
SOAK_MIN=${2:-10}
DURATION=${BENCH_DURATION:-15s}
ROUNDS=${BENCH_ROUNDS:-2}
UPLOAD_MB=${BENCH_UPLOAD_MB:-1024}
THINK_MS=${BENCH_THINK_MS:-15}
# The README's run command, JVM side.
JAVA_OPTS=${GATEHOUSE_JAVA_OPTS:-"-XX:+UseSerialGC -Xmx512m -XX:NewRatio=1"}
WORK=${BENCH_WORK:-/tmp/gatehouse-bench}
OUT=$ROOT/bench/results
RAW=$OUT/raw
FAST=19001 SLOW=19002 NGX_FAST=19101 NGX_SLOW=19102 GH=19201
# Long calls (the concurrent case): an SSE stream of 10 s, a JSON answer after 5 s, one port each.
LSTREAM=19003 LJSON=19004 NGX_LSTREAM=19103 NGX_LJSON=19104
# Thousands of open connections: every process started from here inherits the highest file limit allowed.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
mkdir -p "$WORK" "$RAW"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  # A JVM that ran out of heap may not honour SIGTERM; never leave one spinning on the pinned core.
  sleep 5
  for p in "${PIDS[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

need_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v taskset >/dev/null || missing+=(util-linux)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

wait_http() { # url
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "timed out waiting for $1" >&2; return 1
}

# A JDK 21+ (virtual threads) for the long-call fake and the concurrent probe; empty when none is installed.
java21() {
  local j
  for j in "${BENCH_JAVA21:-}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [ -n "$j" ] && [ -x "$j" ] || continue
    local v; v=$("$j" -version 2>&1 | awk -F'"' '/version/{split($2, a, "."); print a[1]; exit}')
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$j"; return; fi
  done
}
J21=$(java21)

start_fakes() {
  taskset -c 0 java -Xmx256m -Dsun.net.httpserver.nodelay=true "$ROOT/bench/FakeProvider.java" $FAST 0 0 > "$WORK/fake-fast.log" 2>&1 & PIDS+=($!)
  taskset -c 0 java -Xmx256m -Dsun.net.httpserver.nodelay=true "$ROOT/bench/FakeProvider.java" $SLOW 60 10 > "$WORK/fake-slow.log" 2>&1 & PIDS+=($!)
  until grep -q "fake provider" "$WORK/fake-fast.log" 2>/dev/null && grep -q "fake provider" "$WORK/fake-slow.log" 2>/dev/null; do sleep 0.2; done
  if [ -n "$J21" ]; then
    taskset -c 0 "$J21" -Xmx1g -Dsun.net.httpserver.nodelay=true "$ROOT/bench/LongCallProvider.java" $LSTREAM $LJSON 20 500 5000 \
      > "$WORK/fake-long.log" 2>&1 & PIDS+=($!)
    until grep -q "long-call fake provider" "$WORK/fake-long.log" 2>/dev/null; do sleep 0.2; done
  fi
}

start_nginx() {
  mkdir -p "$WORK/nginx-tmp"
  cat > "$WORK/nginx.conf" <<NGX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
worker_rlimit_nofile $NOFILE;
events { worker_connections $NOFILE; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-tmp/body; proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fcgi; uwsgi_temp_path $WORK/nginx-tmp/uwsgi; scgi_temp_path $WORK/nginx-tmp/scgi;
  client_max_body_size 0;
  upstream fast { server 127.0.0.1:$FAST; keepalive 256; }
  upstream slow { server 127.0.0.1:$SLOW; keepalive 1024; }
  upstream lstream { server 127.0.0.1:$LSTREAM; keepalive 1024; }
  upstream ljson { server 127.0.0.1:$LJSON; keepalive 1024; }
  server { listen 127.0.0.1:$NGX_FAST; location / { proxy_pass http://fast; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; proxy_request_buffering off; } }
  server { listen 127.0.0.1:$NGX_SLOW; location / { proxy_pass http://slow; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; proxy_request_buffering off; } }
  server { listen 127.0.0.1:$NGX_LSTREAM backlog=16384; location / { proxy_pass http://lstream; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; proxy_request_buffering off; proxy_read_timeout 120s; } }
  server { listen 127.0.0.1:$NGX_LJSON backlog=16384; location / { proxy_pass http://ljson; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; proxy_request_buffering off; proxy_read_timeout 120s; } }
}
NGX
  taskset -c 1 nginx -c "$WORK/nginx.conf"
}

start_gatehouse() {
  local t0; t0=$(date +%s%N)
  if [ -x bin/gatehouse ]; then
    # The launcher picks the JDK and keeps the tuned JVM flags; GATEHOUSE_JAVA_OPTS, when set, replaces them.
    # shellcheck disable=SC2086
    env GATEHOUSE_PORT=$GH ${GATEHOUSE_JAVA_OPTS+"GATEHOUSE_JAVA_OPTS=$GATEHOUSE_JAVA_OPTS"} taskset -c 1 bin/gatehouse \
      > "$WORK/gatehouse.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    taskset -c 1 java $JAVA_OPTS -jar target/payara-micro.jar --deploy target/gatehouse.war --contextroot / \
      --port $GH --nocluster --prebootcommandfile server-config/payara/pre-boot-commands.txt > "$WORK/gatehouse.log" 2>&1 &
  fi
  GH_PID=$!; PIDS+=($GH_PID)
  wait_http "http://127.0.0.1:$GH/"
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  GH_PID=$(jvm_pid "$GH_PID"); PIDS+=($GH_PID)
  GH_CMD=$(tr '\0' ' ' < /proc/"$GH_PID"/cmdline)
  GH_JAVA=$("$(readlink /proc/"$GH_PID"/exe)" -version 2>&1 | head -1)
}

jvm_pid() { # pid -> that process, or its first java descendant (a launcher script may not exec java)
  local p=$1 c
  for _ in 1 2 3 4; do
    [ "$(cat /proc/"$p"/comm 2>/dev/null)" = java ] && { echo "$p"; return; }
    c=$(pgrep -P "$p" | head -1); [ -n "$c" ] || break; p=$c
  done
  echo "$1"
}

rss_mb() { echo $(( $(awk '/VmRSS/{print $2}' /proc/"$1"/status) / 1024 )); }
hwm_mb() { echo $(( $(awk '/VmHWM/{print $2}' /proc/"$1"/status) / 1024 )); }

gh_headers() { # custom host port
  echo "x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:$1/v1|Authorization: Bearer sk-bench"
}

url_for() { # target fast|slow
  case "$1:$2" in
    direct:fast) echo "http://127.0.0.1:$FAST/v1/chat/completions" ;;
    direct:slow) echo "http://127.0.0.1:$SLOW/v1/chat/completions" ;;
    nginx:fast) echo "http://127.0.0.1:$NGX_FAST/v1/chat/completions" ;;
    nginx:slow) echo "http://127.0.0.1:$NGX_SLOW/v1/chat/completions" ;;
    gatehouse:*) echo "http://127.0.0.1:$GH/v1/chat/completions" ;;
  esac
}

headers_for() { # target upstream
  if [ "$1" = gatehouse ]; then
    if [ "$2" = fast ]; then gh_headers $FAST; else gh_headers $SLOW; fi
  else echo ""; fi
}

cpu_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }

run_wrk() { # target upstream connections duration [think-ms] -> RESULT line (+ cpu_us for gatehouse)
  local t0 r
  [ "$1" = gatehouse ] && t0=$(cpu_ticks "$GH_PID")
  r=$(BENCH_HEADERS="$(headers_for "$1" "$2")" BENCH_THINK_MS="${5:-}" taskset -c 0 wrk -t1 -c"$3" -d"$4" --timeout 10s \
    -s "$ROOT/bench/chat.lua" "$(url_for "$1" "$2")" | tee -a "$RAW/wrk.log")
  if [ "$1" = gatehouse ]; then
    local ticks=$(( $(cpu_ticks "$GH_PID") - t0 )) n
    n=$(echo "$r" | awk '/requests in/{print $1}')
    echo "$(echo "$r" | grep '^RESULT') cpu_us=$(( ticks * 1000000 / $(getconf CLK_TCK) / (n > 0 ? n : 1) ))"
  else
    echo "$r" | grep '^RESULT'
  fi
}

field() { # line key
  echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'
}

mean() { awk '{s+=$1; n++} END {if (n) printf "%.3f", s/n; else print "n/a"}'; }

record() { echo "$1 $2" >> "$RAW/results.tsv"; }  # key value

full() {
  : > "$RAW/results.tsv"; : > "$RAW/wrk.log"
  # The JVM compiles its hot path in background threads that share the gateway's one core with the request
  # threads; under 16+ busy connections they get a sliver of it and peak speed takes minutes to arrive. One
  # connection first lets them finish in about a minute, then every target gets the same short warm-up.
  log "warming up (gatehouse at 1 connection for ${BENCH_JIT_WARMUP:-60}s, then every target)"
  run_wrk gatehouse fast 1 "${BENCH_JIT_WARMUP:-60}s" >/dev/null
  run_wrk gatehouse fast 16 20s >/dev/null
  for t in direct nginx gatehouse; do run_wrk $t fast 64 10s >/dev/null; done
  for t in direct nginx gatehouse; do run_wrk $t slow 128 5s >/dev/null; done
  for round in $(seq 1 "$ROUNDS"); do
    for c in 16 64; do
      for t in direct nginx gatehouse; do
        log "round $round: $t c=$c"
        r=$(run_wrk $t fast $c "$DURATION")
        for k in rps p50 p99 errors non2xx cpu_us; do record "$t.c$c.$k" "$(field "$r" $k)"; done
      done
    done
    for t in direct nginx gatehouse; do
      log "round $round: $t c=16 paced (${THINK_MS} ms think time per connection)"
      r=$(run_wrk $t fast 16 "$DURATION" "$THINK_MS")
      for k in rps p50 p90 p99 errors non2xx; do record "$t.paced.$k" "$(field "$r" $k)"; done
    done
    for t in direct nginx gatehouse; do
      log "round $round: $t 60±10 ms upstream, c=256"
      r=$(run_wrk $t slow 256 "$DURATION")
      for k in rps p50 p99 errors non2xx; do record "$t.slow.$k" "$(field "$r" $k)"; done
    done
    for t in direct nginx gatehouse; do
      log "round $round: $t streaming"
      hdr=()
      if [ $t = gatehouse ]; then hdr=("x-portkey-provider=openai" "x-portkey-custom-host=http://127.0.0.1:$FAST/v1"); fi
      read -r a b c d < <(taskset -c 0 java "$ROOT/bench/StreamProbe.java" "$(url_for $t fast)" 200 "${hdr[@]}")
      record "$t.stream.ttfb_p50" "$a"; record "$t.stream.ttfb_p90" "$b"
      record "$t.stream.total_p50" "$c"; record "$t.stream.total_p90" "$d"
    done
  done
  RSS_AFTER=$(rss_mb "$GH_PID")
  upload
}

upload() {
  local path="/v1/upload" mb=$UPLOAD_MB
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'x-portkey-provider: openai' \
        -H "x-portkey-custom-host: http://127.0.0.1:$FAST/v1" --data-binary 'probe' "http://127.0.0.1:$GH$path")" != 200 ]; then
    log "the gateway does not proxy $path yet: upload case skipped"; UPLOAD_NOTE="skipped (no catch-all proxy)"; return
  fi
  echo 5 > /proc/"$GH_PID"/clear_refs 2>/dev/null || true  # reset the peak-RSS mark
  for t in direct gatehouse; do
    local url="http://127.0.0.1:$FAST$path" hdr=()
    if [ $t = gatehouse ]; then url="http://127.0.0.1:$GH$path"; hdr=(-H 'x-portkey-provider: openai' -H "x-portkey-custom-host: http://127.0.0.1:$FAST/v1"); fi
    log "upload ${mb} MiB $t"
    speed=$(head -c $((mb * 1048576)) /dev/zero | taskset -c 0 curl -sS -o /dev/null -w '%{speed_upload}' -X POST -T - \
      -H 'Content-Type: application/octet-stream' "${hdr[@]}" "$url")
    record "$t.upload.mbps" "$(awk -v s="$speed" 'BEGIN{printf "%.1f", s/1048576}')"
  done
  record gatehouse.upload.peak_rss_mb "$(hwm_mb "$GH_PID")"
  UPLOAD_NOTE="${mb} MiB, chunked, through the catch-all proxy"
}

get() { awk -v k="$1" '$1==k{print $2}' "$RAW/results.tsv" | mean; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0 && a!="n/a" && b!="n/a") printf "%.2f", a/b; else print "n/a"}'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a!="n/a" && b!="n/a") printf "%+.3f", a-b; else print "n/a"}'; }

report() {
  local f=$OUT/results.md
  {
    echo "# Gatehouse benchmark results"
    echo
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/run.sh\` on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
    echo "$(java -version 2>&1 | head -1). Proxy under test on CPU 1; wrk, probes and the fake provider on CPU 0."
    echo "Gatehouse JVM: \`$JAVA_OPTS\`. $ROUNDS interleaved rounds of $DURATION per case; figures are the mean of the rounds."
    echo "Latencies in ms. Ratios compare Gatehouse with direct-to-fake and with nginx \`proxy_pass\` in the same run."
    echo
    echo "## Non-streamed chat, ~1 KB body, 0 ms upstream"
    echo
    echo "| case | direct | nginx | gatehouse | gatehouse / direct | gatehouse / nginx |"
    echo "|---|---|---|---|---|---|"
    for c in 16 64; do
      for k in rps p50 p99; do
        d=$(get direct.c$c.$k); n=$(get nginx.c$c.$k); g=$(get gatehouse.c$c.$k)
        echo "| c=$c $k | $d | $n | $g | $(ratio "$g" "$d") | $(ratio "$g" "$n") |"
      done
    done
    echo
    echo "Added latency at c=16 (gatehouse − direct): p50 $(diff_ms "$(get gatehouse.c16.p50)" "$(get direct.c16.p50)") ms,"
    echo "p99 $(diff_ms "$(get gatehouse.c16.p99)" "$(get direct.c16.p99)") ms (nginx: p99 $(diff_ms "$(get nginx.c16.p99)" "$(get direct.c16.p99)") ms)."
    echo "Errors (socket/timeouts, non-2xx) for gatehouse: c16 $(get gatehouse.c16.errors)/$(get gatehouse.c16.non2xx), c64 $(get gatehouse.c64.errors)/$(get gatehouse.c64.non2xx)."
    echo "Gatehouse CPU time per request (user + system, from /proc): c16 $(get gatehouse.c16.cpu_us) µs, c64 $(get gatehouse.c64.cpu_us) µs."
    echo
    echo "## Added latency below saturation: c=16, each connection pausing ${THINK_MS} ms between requests"
    echo
    echo "The cases above saturate the proxy's core, so their latency is mostly queueing behind other requests."
    echo "Here the same 16 connections send at a steady rate the proxy can serve, as an LLM gateway runs in"
    echo "practice (answers take seconds, so connections are many but requests per second are few)."
    echo
    echo "| | direct | nginx | gatehouse | gatehouse − direct | nginx − direct |"
    echo "|---|---|---|---|---|---|"
    for k in rps p50 p90 p99; do
      d=$(get direct.paced.$k); n=$(get nginx.paced.$k); g=$(get gatehouse.paced.$k)
      if [ $k = rps ]; then echo "| req/s | $d | $n | $g | | |"; else echo "| $k | $d | $n | $g | $(diff_ms "$g" "$d") | $(diff_ms "$n" "$d") |"; fi
    done
    echo
    echo "Errors for gatehouse (socket/timeouts, non-2xx): $(get gatehouse.paced.errors)/$(get gatehouse.paced.non2xx)."
    echo
    echo "## 60 ± 10 ms upstream, 256 connections"
    echo
    echo "| | direct | nginx | gatehouse |"
    echo "|---|---|---|---|"
    for k in rps p50 p99; do echo "| $k | $(get direct.slow.$k) | $(get nginx.slow.$k) | $(get gatehouse.slow.$k) |"; done
    echo
    echo "Gateway overhead (total − upstream, p50 vs direct): $(diff_ms "$(get gatehouse.slow.p50)" "$(get direct.slow.p50)") ms; nginx $(diff_ms "$(get nginx.slow.p50)" "$(get direct.slow.p50)") ms."
    echo
    echo "## Streaming chat (8 events, 5 ms apart), 200 sequential requests"
    echo
    echo "| | direct | nginx | gatehouse | gatehouse − direct |"
    echo "|---|---|---|---|---|"
    for k in ttfb_p50 ttfb_p90 total_p50 total_p90; do
      echo "| $k | $(get direct.stream.$k) | $(get nginx.stream.$k) | $(get gatehouse.stream.$k) | $(diff_ms "$(get gatehouse.stream.$k)" "$(get direct.stream.$k)") |"
    done
    echo
    echo "## Large upload, memory, startup"
    echo
    echo "| | value |"
    echo "|---|---|"
    echo "| upload ($UPLOAD_NOTE) direct MB/s | $(get direct.upload.mbps) |"
    echo "| upload through gatehouse MB/s | $(get gatehouse.upload.mbps) |"
    echo "| gatehouse peak RSS during upload (MB) | $(get gatehouse.upload.peak_rss_mb) |"
    echo "| gatehouse RSS idle after start (MB) | $RSS_IDLE |"
    echo "| gatehouse RSS after the load cases (MB) | $RSS_AFTER |"
    echo "| gatehouse startup to first 200 on GET / (ms) | $STARTUP_MS |"
    echo
    echo "Raw wrk output and every measured value: \`bench/results/raw/\` (not committed)."
  } > "$f"
  log "wrote $f"
  cat "$f"
}

soak() {
  local minutes=$SOAK_MIN f=$OUT/soak.md
  log "soak: $minutes min of mixed JSON/stream/proxy at 64 connections"
  local series="$RAW/soak-rss.tsv"; : > "$series"
  ( while kill -0 "$GH_PID" 2>/dev/null; do echo "$(date +%s) $(rss_mb "$GH_PID")" >> "$series"; sleep 15; done ) & PIDS+=($!)
  r=$(BENCH_HEADERS="$(gh_headers $FAST)" BENCH_PROXY_PATH=/v1/upload taskset -c 0 wrk -t1 -c64 -d"${minutes}m" --timeout 10s \
      -s "$ROOT/bench/mixed.lua" "http://127.0.0.1:$GH" | tee "$RAW/soak-wrk.log" | grep '^RESULT')
  {
    echo "# Gatehouse soak"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ): $minutes min, 64 connections, random mix of JSON chat, streamed chat and"
    echo "a proxied POST, \`bench/run.sh soak $minutes\`. JVM: \`$JAVA_OPTS\`."
    echo
    echo "Result: $r"
    echo
    echo "| minute | RSS (MB) |"
    echo "|---|---|"
    awk 'NR==1{t0=$1} {printf "| %.1f | %s |\n", ($1-t0)/60, $2}' "$series"
  } > "$f"
  log "wrote $f"; cat "$f"
}

# ---- Many concurrent long calls -------------------------------------------------------------------------
# Each case opens N calls at once (bench/ConcurrentProbe.java, one virtual thread and socket per call, on CPU 0
# with the fake) and reads every answer to its end. While Gatehouse serves a case, its RSS, threads and open
# files are sampled from /proc every 0.5 s. Every probe has a deadline after which it closes what is still
# open and counts it unfinished, so a run always ends.
CONC_STREAM_DEADLINE=${BENCH_CONC_STREAM_DEADLINE:-150}  # s, 2,000 streams of 10 s
CONC_JSON_DEADLINE=${BENCH_CONC_JSON_DEADLINE:-90}       # s, 2,000 JSON answers after 5 s
CONC_10K_DEADLINE=${BENCH_CONC_10K_DEADLINE:-120}        # s, 10,000 streams of 10 s
# BENCH_CONC_N (2000) and BENCH_CONC_BIG (10000) change the numbers of calls, e.g. for a quick try.

conc_url() { # target kind(stream|json)
  case "$1:$2" in
    direct:stream) echo "http://127.0.0.1:$LSTREAM/v1/chat/completions" ;;
    direct:json) echo "http://127.0.0.1:$LJSON/v1/chat/completions" ;;
    nginx:stream) echo "http://127.0.0.1:$NGX_LSTREAM/v1/chat/completions" ;;
    nginx:json) echo "http://127.0.0.1:$NGX_LJSON/v1/chat/completions" ;;
    gatehouse:*) echo "http://127.0.0.1:$GH/v1/chat/completions" ;;
  esac
}

sample_proc() { # pid out-file: "peak_rss_mb peak_threads peak_fds", rewritten every 0.5 s until killed
  local rss=0 thr=0 fds=0 r t f
  while kill -0 "$1" 2>/dev/null; do
    read -r r t < <(awk '/^VmRSS/{r=$2} /^Threads/{t=$2} END{print int(r/1024), t}' /proc/"$1"/status 2>/dev/null || echo "0 0")
    f=$(ls /proc/"$1"/fd 2>/dev/null | wc -l)
    [ "$r" -gt "$rss" ] && rss=$r; [ "$t" -gt "$thr" ] && thr=$t; [ "$f" -gt "$fds" ] && fds=$f
    echo "$rss $thr $fds" > "$2.tmp" && mv -f "$2.tmp" "$2"
    sleep 0.5
  done
}

conc_case() { # name target kind n deadline
  local name=$1 t=$2 kind=$3 n=$4 deadline=$5 hdr=() r sampler="" up
  if [ "$t" = gatehouse ]; then
    up=$LSTREAM; [ "$kind" = json ] && up=$LJSON
    hdr=("x-portkey-provider=openai" "x-portkey-custom-host=http://127.0.0.1:$up/v1")
    echo "0 0 0" > "$WORK/sample"
    sample_proc "$GH_PID" "$WORK/sample" & sampler=$!
  fi
  log "concurrent: $name, $t ($n calls at once, deadline ${deadline}s)"
  r=$(timeout $((deadline + 90)) taskset -c 0 "$J21" -Xmx1g "$ROOT/bench/ConcurrentProbe.java" "$(conc_url "$t" "$kind")" "$n" "$kind" "$deadline" \
      "${hdr[@]}" 2> "$WORK/probe.err" | tee -a "$RAW/concurrent.log" | grep '^RESULT' || echo "RESULT n=$n probe=failed")
  cat "$WORK/probe.err" >> "$RAW/concurrent.log"
  sed -n 's/^ *error: /- '"$name $t"': /p' "$WORK/probe.err" >> "$RAW/concurrent-errors.txt"
  if [ -n "$sampler" ]; then
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    read -r prss pthr pfds < "$WORK/sample" || true
    r="$r peak_rss_mb=$prss peak_threads=$pthr peak_fds=$pfds"
  fi
  echo "$name $t $r" >> "$RAW/concurrent.tsv"
  log "  $r"
  sleep 3  # let closed connections and the fake settle
}

concurrent() {
  : > "$RAW/concurrent.tsv"; : > "$RAW/concurrent.log"; : > "$RAW/concurrent-errors.txt"
  if [ -z "$J21" ]; then log "concurrent case skipped: it needs a JDK 21+ (set BENCH_JAVA21)"; return; fi
  if [ "$MODE" = concurrent ]; then
    # Run alone, the gateway is cold: let the JIT compile the hot path first (see full()).
    log "concurrent: warming up gatehouse (1 connection for ${BENCH_JIT_WARMUP:-60}s)"
    run_wrk gatehouse fast 1 "${BENCH_JIT_WARMUP:-60}s" >/dev/null
  fi
  log "concurrent: warming up gatehouse (16 connections, 10 s, fast fake)"
  run_wrk gatehouse fast 16 10s >/dev/null
  # One short burst per target, not measured: the fake, nginx and the gateway have served long calls before
  # the first measured case (JIT, connection pools).
  for t in direct nginx gatehouse; do
    timeout 60 taskset -c 0 "$J21" -Xmx1g "$ROOT/bench/ConcurrentProbe.java" "$(conc_url $t json)" 200 json 30 \
      $( [ $t = gatehouse ] && echo "x-portkey-provider=openai x-portkey-custom-host=http://127.0.0.1:$LJSON/v1" ) >/dev/null 2>&1 || true
    timeout 60 taskset -c 0 "$J21" -Xmx1g "$ROOT/bench/ConcurrentProbe.java" "$(conc_url $t stream)" 200 stream 30 \
      $( [ $t = gatehouse ] && echo "x-portkey-provider=openai x-portkey-custom-host=http://127.0.0.1:$LSTREAM/v1" ) >/dev/null 2>&1 || true
  done
  local n=${BENCH_CONC_N:-2000} big=${BENCH_CONC_BIG:-10000}
  for t in direct nginx gatehouse; do conc_case streams-$n $t stream "$n" "$CONC_STREAM_DEADLINE"; done
  for t in direct nginx gatehouse; do conc_case json-$n $t json "$n" "$CONC_JSON_DEADLINE"; done
  # nginx relays each call on two descriptors; at 10,000 calls it only fits when the file limit allows it.
  local ten=(direct gatehouse)
  [ "$NOFILE" -ge $((2 * big + 500)) ] && ten=(direct nginx gatehouse)
  for t in "${ten[@]}"; do conc_case streams-$big $t stream "$big" "$CONC_10K_DEADLINE"; done
  concurrent_report
}

concurrent_report() { # the newest run first; earlier runs (e.g. the baseline) are kept below it
  local f=$OUT/concurrent.md sec=$WORK/concurrent-section.md commit
  commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml server-config bin 2>/dev/null || echo ' with uncommitted changes')"
  {
    echo "## $(date -u +%Y-%m-%dT%H:%MZ)${BENCH_LABEL:+: $BENCH_LABEL}"
    echo
    echo "Commit \`$commit\`. Gatehouse started as \`$GH_CMD\`"
    echo "($GH_JAVA); probe and fake on $("$J21" -version 2>&1 | head -1). $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
    echo "open-file limit $NOFILE for every process, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| case | target | wall | ÷ direct | first byte p50 / p99 | complete p50 / p99 | ok / errors / unfinished | sent p99 | peak RSS MB | peak threads | peak fds |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    awk '
      function v(k,   i, kv) { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } return "" }
      {
        wall = v("wall_s"); if ($2 == "direct") dw[$1] = wall
        ratio = (dw[$1] > 0 && wall != "") ? sprintf("%.2f", wall / dw[$1]) : "n/a"
        if (v("deadline") == "1") { wall = "> " wall; ratio = "> " ratio }
        else if (v("ok") + 0 < v("n") + 0) { wall = wall " †"; ratio = ratio " †" }
        printf "| %s | %s | %s | %s | %s / %s | %s / %s | %s / %s / %s | %s | %s | %s | %s |\n", $1, $2, wall, ratio,
          v("ttfb_p50"), v("ttfb_p99"), v("total_p50"), v("total_p99"), v("ok"), v("errors"), v("unfinished"), v("sent_p99"),
          v("peak_rss_mb"), v("peak_threads"), v("peak_fds")
      }' "$RAW/concurrent.tsv"
    echo
    if awk '{for (i = 3; i <= NF; i++) {split($i, kv, "="); c[kv[1]] = kv[2]}} c["ok"] + 0 < c["n"] + 0 {bad = 1} END {exit !bad}' "$RAW/concurrent.tsv"; then
      echo "† Not every call succeeded: the wall time is that of the last good answer, and compares badly with direct."
      echo
    fi
    if [ -s "$RAW/concurrent-errors.txt" ]; then
      echo "Errors seen by the probe (case, target: count x kind):"
      echo
      cat "$RAW/concurrent-errors.txt"
      echo
    fi
    echo "Most calls in flight at once at the fake, over all cases: $(grep -o '[0-9]*$' "$WORK/fake-long.log" | sort -n | tail -1)."
    echo
  } > "$sec"
  {
    echo "# Gatehouse benchmark: many concurrent long calls"
    echo
    echo "\`bench/run.sh concurrent\` (also the last part of \`bench/run.sh\`). Gatehouse and nginx on CPU 1; the probe"
    echo "(\`bench/ConcurrentProbe.java\`) and the fake (\`bench/LongCallProvider.java\`) on CPU 0, both on JDK 21+."
    echo "Each case opens N calls at once, one connection each (\`Connection: close\`), and reads every answer to its"
    echo "end. Streams: 20 chunks 500 ms apart (first at once), then a usage chunk and \`data: [DONE]\` = 10 s upstream."
    echo "JSON: the answer after 5 s. Wall = first request sent → last good answer complete. First byte = first body"
    echo "byte, from the moment all calls were released (for JSON that is the answer). Times in seconds over all N"
    echo "calls; \`inf\` = some calls never got there. Error = non-200, a broken body or a stream without"
    echo "\`data: [DONE]\`. Unfinished = still open at the probe's deadline (the wall shown is then the deadline)."
    echo "Sent p99 = when the probe had written its requests, i.e. how long opening the connections took on the"
    echo "client side. Gatehouse peaks are sampled from /proc every 0.5 s. The newest run comes first."
    echo
    cat "$sec"
    [ -f "$f" ] && awk 'found || /^## /{found=1; print}' "$f"
  } > "$f.new"
  mv "$f.new" "$f"
  log "wrote $f"
  cat "$sec"
}

need_tools
log "building"
mvn -B -q package -DskipTests
start_fakes
start_gatehouse
sleep 2
RSS_IDLE=$(rss_mb "$GH_PID")
if [ "$MODE" = soak ]; then soak; exit 0; fi
start_nginx
wait_http "http://127.0.0.1:$NGX_FAST/v1/chat/completions" || true
if [ "$MODE" = concurrent ]; then concurrent; exit 0; fi
UPLOAD_NOTE="not run"; RSS_AFTER=n/a
full
report
concurrent
