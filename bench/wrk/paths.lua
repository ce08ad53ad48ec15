-- wrk script for the query bench: each thread cycles through the request paths in PATHS_FILE (one per
-- line, starting at its own offset), counts X-Cache hits and non-200 answers, and the run ends with one
-- JSON line: latency percentiles (ms), requests, req/s, errors, cache hits and misses.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  local count = tonumber(args[2]) or 1
  i = math.floor((id - 1) * #paths / count)
  hits, misses, bad = 0, 0, 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local cache = headers["x-cache"] or headers["X-Cache"]
  if cache == "hit" then hits = hits + 1 elseif cache == "miss" then misses = misses + 1 end
end

function done(summary, latency, requests)
  local h, m, b = 0, 0, 0
  for _, t in ipairs(threads) do
    h, m, b = h + t:get("hits"), m + t:get("misses"), b + t:get("bad")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "errors": %d, "seconds": %.3f, "rps": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, ' ..
    '"p99_ms": %.3f, "max_ms": %.3f, "hits": %d, "misses": %d}\n',
    summary.requests, e.connect + e.read + e.write + e.timeout + math.max(e.status, b), seconds,
    summary.requests / seconds, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, h, m))
end
