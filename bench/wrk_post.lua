-- wrk script for `make bench` (bench/api.py run_wrk_post): POST the requests read from a file
-- (args[1]), one "path<TAB>headers<TAB>body" per line (headers "Name: value" joined by "<US>",
-- the ASCII unit separator), in turn; count the answers by status class and print a JSON summary
-- line at the end. Used only against loopback.
local reqs = {}
local idx = 0
local threads = {}

-- per-thread counters (read back in done() through each thread's globals)
n2xx, n3xx, n4xx, n429, n5xx = 0, 0, 0, 0, 0

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(args[1]) do
    local t1 = line:find("\t", 1, true)
    local t2 = t1 and line:find("\t", t1 + 1, true)
    if t2 then
      local headers = {}
      for h in line:sub(t1 + 1, t2 - 1):gmatch("[^\31]+") do
        local colon = h:find(":", 1, true)
        if colon then headers[h:sub(1, colon - 1)] = h:sub(colon + 2) end
      end
      reqs[#reqs + 1] = wrk.format("POST", line:sub(1, t1 - 1), headers, line:sub(t2 + 1))
    end
  end
end

function request()
  idx = idx % #reqs + 1
  return reqs[idx]
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then n2xx = n2xx + 1
  elseif status == 429 then n429 = n429 + 1
  elseif status >= 500 then n5xx = n5xx + 1
  elseif status >= 400 then n4xx = n4xx + 1
  else n3xx = n3xx + 1 end
end

function done(summary, latency, requests)
  local c = { n2xx = 0, n3xx = 0, n4xx = 0, n429 = 0, n5xx = 0 }
  for _, t in ipairs(threads) do
    for k, _ in pairs(c) do c[k] = c[k] + (t:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"status_errors":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"timeouts":%d,"p50_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"mean_us":%.1f,"max_us":%d,"2xx":%d,"3xx":%d,"4xx":%d,"429":%d,"5xx":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean,
    latency.max, c.n2xx, c.n3xx, c.n4xx, c.n429, c.n5xx))
end
