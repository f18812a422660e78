-- wrk script: POST a ~1 KB chat body; extra headers come from the environment (BENCH_HEADERS="k: v|k: v").
local content = string.rep("All work and no play makes Jack a dull boy. ", 20)
wrk.method = "POST"
wrk.body = '{"model":"bench","temperature":0.2,"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"' .. content .. '"}]}'
wrk.headers["Content-Type"] = "application/json"
local extra = os.getenv("BENCH_HEADERS") or ""
for pair in string.gmatch(extra, "[^|]+") do
  local k, v = string.match(pair, "^%s*([^:]+):%s*(.*)$")
  if k then wrk.headers[k] = v end
end

-- Paced mode (BENCH_THINK_MS): each connection waits this long after an answer before its next request,
-- so the load is a steady rate below saturation and latency is the proxy's own, not queueing.
local think = tonumber(os.getenv("BENCH_THINK_MS") or "")
if think then
  delay = function() return think end
end

done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  -- Latencies in ms; errors are socket errors and timeouts, non2xx answers that were not 2xx/3xx.
  io.write(string.format("RESULT rps=%.1f p50=%.3f p90=%.3f p99=%.3f errors=%d non2xx=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
