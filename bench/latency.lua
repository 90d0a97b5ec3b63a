-- wrk's --latency table has no 95th percentile; print it (microseconds). With no
-- request() function here, wrk still sends its one prepared request at full speed.
done = function(summary, latency, requests)
  io.write(string.format("p95_us: %d\n", latency:percentile(95)))
end
