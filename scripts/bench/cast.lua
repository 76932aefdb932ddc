-- wrk script: each request casts a ballot with a token no other request uses.
-- wrk -s cast.lua URL -- <tokens file> <election id> <threads>
-- Tokens are split between wrk threads by stride; done() prints one JSON line.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local n = 0
  local stride = tonumber(args[3])
  for line in io.lines(args[1]) do
    if n % stride == tid then tokens[#tokens + 1] = line end
    n = n + 1
  end
  path = "/v1/elections/" .. args[2] .. "/ballots"
  next_token = 0
  statuses = {}
  choices = { '{"choices":["yes"]}', '{"choices":["no"]}', '{"choices":["abstain"]}' }
end

function request()
  next_token = next_token + 1
  local token = tokens[next_token] or "exhausted-exhausted-exhausted-exhausted-xx"
  local body = choices[(next_token % 3) + 1]
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency)
  report(threads, summary, latency)
end
