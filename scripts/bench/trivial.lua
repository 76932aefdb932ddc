-- wrk script for the trivial baseline: a small JSON POST, like a ballot's.
wrk.method = "POST"
wrk.body = '{"choices":["yes"]}'
wrk.headers["Content-Type"] = "application/json"
statuses = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency)
  local merged = {}
  for _, t in ipairs(threads) do for code, n in pairs(t:get("statuses")) do merged[code] = (merged[code] or 0) + n end end
  local parts = {}
  for code, n in pairs(merged) do parts[#parts + 1] = string.format('"%d":%d', code, n) end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"socket_errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
