-- wrk script: each request casts a ballot with a token no other request uses.
-- wrk -s cast.lua URL -- <tokens file> <election id> <threads>
-- Tokens are split between wrk threads by stride; done() prints one JSON line.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")

function init(args)
  tokens = lines_of_thread(args[1], tonumber(args[3]))
  path = "/v1/elections/" .. args[2] .. "/ballots"
  next_token = 0
  choices = { '{"choices":["yes"]}', '{"choices":["no"]}', '{"choices":["abstain"]}' }
end

function request()
  next_token = next_token + 1
  local token = tokens[next_token] or "exhausted-exhausted-exhausted-exhausted-xx"
  local body = choices[(next_token % 3) + 1]
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
