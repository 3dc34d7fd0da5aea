-- wrk: POST /api/v1/bookings with a fresh Idempotency-Key per request (quote and slot set by run.sh).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = string.format(
    '{"quoteId":"%s","slotId":"%s","customer":{"name":"Bench Kunde","email":"bench@bench.test","phone":"030 1234567"},' ..
    '"address":{"street":"Ruhrstraße 1","postalCode":"58452","city":"Witten"},"licensePlate":"EN-AB 123"}', args[1], args[2])
end

function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", id, counter, os.time())
  return wrk.format()
end
