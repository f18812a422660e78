-- wrk script for the soak: a random mix of JSON chat, streamed chat and a proxied path.
-- BENCH_HEADERS as in chat.lua; BENCH_PROXY_PATH is a /v1/* path served by the catch-all proxy.
local content = string.rep("All work and no play makes Jack a dull boy. ", 20)
local json = '{"model":"bench","messages":[{"role":"user","content":"' .. content .. '"}]}'
local stream = '{"model":"bench","stream":true,"messages":[{"role":"user","content":"' .. content .. '"}]}'
local proxyPath = os.getenv("BENCH_PROXY_PATH") or "/v1/rerank"
local headers = { ["Content-Type"] = "application/json" }
for pair in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local k, v = string.match(pair, "^%s*([^:]+):%s*(.*)$")
  if k then headers[k] = v end
end
math.randomseed(42)

request = function()
  local r = math.random(3)
  if r == 1 then return wrk.format("POST", "/v1/chat/completions", headers, json) end
  if r == 2 then return wrk.format("POST", "/v1/chat/completions", headers, stream) end
  return wrk.format("POST", proxyPath, headers, json)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.3f p99=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
