-- wrk script of bench/consent-load.sh: POSTs reject/accept decisions with consent ids unique across threads and
-- runs (run prefix from RUN_ID, one block per thread, a counter), and, when ACK_DIR is set, appends every
-- acknowledged id (201/200) to ACK_DIR/acked-<thread>.txt, flushed at once: the ids the kill -9 run checks.
local counter = 0
local thread_id = 0
local ack = nil
local run = tonumber(os.getenv("RUN_ID") or "1")
local slug = os.getenv("SLUG") or "ardennemetropole"
local hash = os.getenv("TEXT_HASH")
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tonumber(tid)
  local dir = os.getenv("ACK_DIR")
  if dir and dir ~= "" then
    ack = io.open(dir .. "/acked-" .. thread_id .. ".txt", "a")
  end
end

request = function()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", run, thread_id, counter)
  local accept = counter % 2 == 0
  local body = string.format('{"consentId":"%s","revision":1,"language":"fr","action":"%s",' ..
      '"choices":{"statistics":%s,"marketing":%s},"textHash":"%s"}', id, accept and "accept_all" or "reject_all",
      tostring(accept), tostring(accept), hash)
  return wrk.format("POST", "/api/v1/portals/" .. slug .. "/consents", {["Content-Type"] = "application/json"}, body)
end

-- Only the kill run reads the answers: a response function makes wrk collect every answer's headers and body for
-- Lua, client work that would take CPU from the server under test on this two-core machine.
if os.getenv("ACK_DIR") and os.getenv("ACK_DIR") ~= "" then
  response = function(status, headers, body)
    -- One connection's responses come back in order, but a thread serves several connections: read the id back.
    if ack and (status == 201 or status == 200) then
      local id = string.match(body, '"consentId":"([0-9a-f-]+)"')
      if id then
        ack:write(id, "\n")
        ack:flush()
      end
    end
  end
end
