#!/usr/bin/env bash
# CPU time a running gateway spends per request, independent of what else the machine is doing:
#   bench/cpu-per-request.sh PID URL CONNECTIONS SECONDS ['header: value|header: value']
# It reads the process's user+system time before and after a wrk run (wrk pinned to CPU 0) and divides by
# the requests served. Run it once as a warm-up, then again to measure. Example, with bench/run.sh's ports:
#   bench/cpu-per-request.sh $(pgrep -f 'port 19201') http://127.0.0.1:19201/v1/chat/completions 16 15 \
#     'x-portkey-provider: openai|x-portkey-custom-host: http://127.0.0.1:19001/v1'
set -euo pipefail
pid=$1 url=$2 connections=$3 seconds=$4 headers=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
tick=$(getconf CLK_TCK)
read -r u1 s1 < <(awk '{print $14, $15}' /proc/"$pid"/stat)
out=$(BENCH_HEADERS="$headers" taskset -c 0 wrk -t1 -c"$connections" -d"${seconds}s" -s "$here/chat.lua" "$url")
read -r u2 s2 < <(awk '{print $14, $15}' /proc/"$pid"/stat)
requests=$(echo "$out" | awk '/requests in/{print $1}')
echo "$(echo "$out" | grep '^RESULT') cpu_us_per_request=$(( ((u2 - u1) + (s2 - s1)) * 1000000 / tick / requests ))"
