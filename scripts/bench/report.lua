-- Shared by the bench's wrk scripts: each thread gets an id (tid) and its
-- share of an input file by stride, answers are counted per status, and
-- done() merges the threads' counts and prints one JSON line for loadgen.ts.
threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- This thread's lines of `file`: every stride-th, starting at its id.
function lines_of_thread(file, stride)
  local out = {}
  local n = 0
  for line in io.lines(file) do
    if n % stride == tid then out[#out + 1] = line end
    n = n + 1
  end
  return out
end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  local merged = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do merged[code] = (merged[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(merged) do parts[#parts + 1] = string.format('"%d":%d', code, n) end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"socket_errors":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, table.concat(parts, ",")))
end
