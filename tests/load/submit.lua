-- wrk script: POST a scenario form with a fresh idempotency key each time.
-- Environment: LOAD_PATH, LOAD_COOKIE, LOAD_TOKEN, LOAD_VERSION, LOAD_VARIANT, LOAD_BODY (answers, urlencoded),
-- LOAD_FRESH=1 to vary the runbook delay so every request needs a new simulation,
-- LOAD_LEARNERS=many to send each request as a learner of its own (a crowd, not one learner's
-- 32 tabs: each grade rates the learner's review card for the scenario, and one learner's grades
-- of one scenario sent at once collide on it and are tried again).
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
  local key = string.format("%s%02d%012d", os.getenv("LOAD_PHASE") or "load", thread_id, counter)
  local body = "__RequestVerificationToken=" .. os.getenv("LOAD_TOKEN")
    .. "&version=" .. os.getenv("LOAD_VERSION")
    .. "&variant=" .. (os.getenv("LOAD_VARIANT") or "")
    .. "&idempotency=" .. key
    .. "&" .. os.getenv("LOAD_BODY")
  if os.getenv("LOAD_FRESH") == "1" then
    -- Different delays make a different runbook, so every re-run is a new simulation. They
    -- stay inside the scenario (first action at 5m, the run ends at 10m).
    local n = thread_id * 7919 + counter
    body = body .. "&q.fix.delay.1=" .. tostring(n % 60) .. "&q.fix.delay.2=" .. tostring(math.floor(n / 60) % 200)
  end
  if os.getenv("LOAD_LEARNERS") == "many" then
    local learner = string.format("%08x%024x", thread_id, counter)
    local cookie = string.gsub(os.getenv("LOAD_COOKIE"), "practice_learner=[0-9a-f]+", "practice_learner=" .. learner)
    return wrk.format(nil, nil, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
  end
  return wrk.format(nil, nil, nil, body)
end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("responses with status %d: %d\n", status, n))
  end
end
