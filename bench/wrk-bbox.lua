-- wrk script: replays a fixed list of boxes through a path template, and prints one line
--   RESULT requests=.. seconds=.. rps=.. p50=.. p95=.. p99=.. max=.. (ms) bytes_per_req=.. errors=..
-- usage: wrk -t2 -c16 -d30s --latency -s bench/wrk-bbox.lua http://HOST:PORT -- BOX_FILE PATH_TEMPLATE
--   BOX_FILE       lines "minx,miny,maxx,maxy" (bench/bboxes-1000.txt), or any one-word lines (tile paths)
--   PATH_TEMPLATE  e.g. /ogc/collections/parcels/items?limit=100&bbox={bbox}; {line}: the line is the
--                  path (bench/tiles.sh); no {bbox}: a fixed path
-- Each thread walks the list in order from its own offset: every box is used about equally often.
local boxes, template, i = {}, "/", 0
local nthreads = 0

function setup(thread) thread:set("tid", nthreads); nthreads = nthreads + 1 end

function init(args)
  assert(args[1] and args[2], "need BOX_FILE and PATH_TEMPLATE after --")
  for line in io.lines(args[1]) do
    local b = line:match("^%s*([^%s#]%S*)")
    if b then boxes[#boxes + 1] = b end
  end
  assert(#boxes > 0, "no boxes in " .. args[1])
  template = args[2]
  i = (tid or 0) * 500 % #boxes
end

function request()
  i = i % #boxes + 1
  local line = boxes[i]:gsub("%%", "%%%%")
  return wrk.format("GET", (template:gsub("{bbox}", line):gsub("{line}", line)))
end

function done(s, lat, req)
  local e = s.errors
  local sec = s.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.2f p50=%.2f p95=%.2f p99=%.2f max=%.2f " ..
    "bytes_per_req=%.0f errors=%d non2xx=%d\n", s.requests, sec, s.requests / sec,
    lat:percentile(50) / 1000, lat:percentile(95) / 1000, lat:percentile(99) / 1000, lat.max / 1000,
    s.bytes / math.max(s.requests, 1), e.connect + e.read + e.write + e.timeout, e.status))
end
