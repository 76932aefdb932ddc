-- wrk script: each request asks for one member's voting token with that
-- member's pre-minted JWT (one line per member), so no two requests share a member.
-- wrk -s token.lua URL -- <jwt file> <org> <election id> <threads>
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  jwts = {}
  local n = 0
  local stride = tonumber(args[4])
  for line in io.lines(args[1]) do
    if n % stride == tid then jwts[#jwts + 1] = line end
    n = n + 1
  end
  path = "/v1/orgs/" .. args[2] .. "/elections/" .. args[3] .. "/token"
  next_jwt = 0
  statuses = {}
end

function request()
  next_jwt = next_jwt + 1
  local jwt = jwts[next_jwt] or "exhausted"
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. jwt }, nil)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  report(threads, summary, latency)
end
