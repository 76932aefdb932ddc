-- wrk script for the trivial baseline: a small JSON POST, like a ballot's.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")
wrk.method = "POST"
wrk.body = '{"choices":["yes"]}'
wrk.headers["Content-Type"] = "application/json"
statuses = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency)
  report(threads, summary, latency)
end
