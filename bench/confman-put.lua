-- wrk script: Confman PUT of small JSON values, unique keys per thread, as the dev admin key.
local VSIZE = tonumber(os.getenv("VSIZE") or "256")
local val = string.rep("v", VSIZE)
local tid = 0
function setup(thread) thread:set("id", tid); tid = tid + 1 end
function init(args) n = 0; prefix = string.format("t%02d", id) end
function request()
  n = n + 1
  local path = "/api/v1/namespaces/bench/config/" .. prefix .. string.format("k%06d", n % 1000000)
  return wrk.format("PUT", path, {["Content-Type"]="application/json", ["X-Api-Key"]="confman_dev_abc123"},
    '{"value":"' .. val .. '"}')
end
function response(status, headers, body)
  if status ~= 200 then errs = (errs or 0) + 1; if errs < 3 then print(status, body) end end
end
