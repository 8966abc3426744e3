-- wrk script for tests/bench/proxy_vs_distribution.sh: counts complete 200
-- answers (wrk's own summary counts every answer below 400 as a success) and
-- prints "complete200 N duration_us D" when the run ends.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok200 = 0
end

function response(status, headers, body)
  if status == 200 then
    ok200 = ok200 + 1
  end
end

function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do
    n = n + t:get("ok200")
  end
  io.write(string.format("complete200 %d duration_us %d requests %d\n", n, summary.duration, summary.requests))
end
