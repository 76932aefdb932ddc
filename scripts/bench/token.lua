-- wrk script: each request asks for one member's voting token with that
-- member's pre-minted JWT (one line per member), so no two requests share a member.
-- wrk -s token.lua URL -- <jwt file> <org> <election id> <threads>
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")

function init(args)
  jwts = lines_of_thread(args[1], tonumber(args[4]))
  path = "/v1/orgs/" .. args[2] .. "/elections/" .. args[3] .. "/token"
  next_jwt = 0
end

function request()
  next_jwt = next_jwt + 1
  local jwt = jwts[next_jwt] or "exhausted"
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. jwt }, nil)
end
