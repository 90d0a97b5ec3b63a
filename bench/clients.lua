-- For rate-limited pages (search): each request comes from its own client address
-- (X-Forwarded-For, trusted from 127.0.0.1 in the benchmark), as many readers
-- do, so per-client limits limit no one and every answer is a real page, not a
-- 429. Building each request in Lua costs wrk throughput, so pages without a
-- limit use latency.lua instead.
math.randomseed(os.time())

request = function()
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
                                math.random(1, 254))
  return wrk.format(nil, nil, { ["X-Forwarded-For"] = address })
end

done = function(summary, latency, requests)
  io.write(string.format("p95_us: %d\n", latency:percentile(95)))
end
