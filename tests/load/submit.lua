-- wrk script: POST a scenario form with a fresh idempotency key each time.
-- Environment: LOAD_PATH, LOAD_COOKIE, LOAD_TOKEN, LOAD_VERSION, LOAD_BODY (answers, urlencoded),
-- LOAD_FRESH=1 to vary the runbook delay so every request needs a new simulation.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
  wrk.method = "POST"
  wrk.path = os.getenv("LOAD_PATH")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("LOAD_COOKIE")
end

function request()
  counter = counter + 1
  local key = string.format("load%02d%012d", thread_id, counter)
  local body = "__RequestVerificationToken=" .. os.getenv("LOAD_TOKEN")
    .. "&version=" .. os.getenv("LOAD_VERSION")
    .. "&idempotency=" .. key
    .. "&" .. os.getenv("LOAD_BODY")
  if os.getenv("LOAD_FRESH") == "1" then
    -- A different delay is a different runbook: the re-run cannot come from a cache.
    body = body .. "&q.fix.delay.2=" .. tostring((thread_id * 100000 + counter) % 3600)
  end
  return wrk.format(nil, nil, nil, body)
end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
