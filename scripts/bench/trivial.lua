-- wrk script for the trivial baseline: a small JSON POST, like a ballot's.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "report.lua")
wrk.method = "POST"
wrk.body = '{"choices":["yes"]}'
wrk.headers["Content-Type"] = "application/json"
