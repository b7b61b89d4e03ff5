-- wrk script for bench/load.sh: the same boxes as wrk-bbox.lua, and a count of answers by status
-- (429 and 503 are the service shedding load). Prints one line:
--   RESULT requests=.. rps=.. p50=.. p95=.. p99=.. max=.. (ms) errors=.. s2xx=.. s429=.. s503=.. sother=..
-- usage: wrk -t2 -c64 -d20s --latency -s bench/wrk-load.lua http://HOST:PORT -- BOX_FILE PATH_TEMPLATE
local boxes, template, i = {}, "/", 0
local threads, nthreads = {}, 0

function setup(thread)
  thread:set("tid", nthreads); nthreads = nthreads + 1
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(args[1]) do
    local b = line:match("^%s*([%d%.%-]+,[%d%.%-]+,[%d%.%-]+,[%d%.%-]+)")
    if b then boxes[#boxes + 1] = b end
  end
  template = args[2]
  i = (tid or 0) * 500 % #boxes
  s2xx, s429, s503, sother = 0, 0, 0, 0
end

function request()
  i = i % #boxes + 1
  return wrk.format("GET", (template:gsub("{bbox}", boxes[i])))
end

function response(status, headers, body)
  if status < 300 then s2xx = s2xx + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status == 503 then s503 = s503 + 1
  else sother = sother + 1 end
end

function done(s, lat, req)
  local t = { s2xx = 0, s429 = 0, s503 = 0, sother = 0 }
  for _, th in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (th:get(k) or 0) end
  end
  local e = s.errors
  local sec = s.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d s2xx=%d s429=%d s503=%d sother=%d\n",
    s.requests, s.requests / sec, lat:percentile(50) / 1000, lat:percentile(95) / 1000, lat:percentile(99) / 1000,
    lat.max / 1000, e.connect + e.read + e.write + e.timeout, t.s2xx, t.s429, t.s503, t.sother))
end
