-- wrk script of the serving benchmark (iisg_pages/benchmarks/wrk.py): counts the answers that
-- were not 200 and how the page cache answered (X-Page-Cache), over every thread, and prints
-- one line the benchmark reads.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   hits, misses, failures = 0, 0, 0
end

function response(status, headers, body)
   if status ~= 200 then
      failures = failures + 1
   end
   local kept = headers["X-Page-Cache"]
   if kept == "hit" then
      hits = hits + 1
   elseif kept == "miss" then
      misses = misses + 1
   end
end

function done(summary, latency, requests)
   local h, m, f = 0, 0, 0
   for _, thread in ipairs(threads) do
      h = h + thread:get("hits")
      m = m + thread:get("misses")
      f = f + thread:get("failures")
   end
   local errors = summary.errors
   io.write(string.format(
      "IISG requests=%d microseconds=%d hits=%d misses=%d failures=%d errors=%d\n",
      summary.requests, summary.duration, h, m, f,
      errors.connect + errors.read + errors.write + errors.timeout
   ))
end
