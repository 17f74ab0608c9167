-- wrk script: Confman GET of one existing key; linearizable unless STALE=1.
local stale = os.getenv("STALE") == "1"
wrk.method = "GET"
wrk.path = "/api/v1/namespaces/bench/config/seed" .. (stale and "?consistency=stale" or "")
wrk.headers["X-Api-Key"] = "confman_dev_reader"
function response(status, headers, b)
  if status ~= 200 then errs = (errs or 0) + 1; if errs < 3 then print(status, b) end end
end
