-- Shared by every scenario script (loaded with require "common"; run.sh sets LUA_PATH).
--
-- Each scenario calls common.setup_threads() and common.report() so that wrk prints, at the
-- end, one line run.sh parses instead of wrk's human-readable summary:
--   BENCH requests=N duration_us=N rps=N p50_us=N p99_us=N non2xx=N socket_errors=N stale412=N
-- non2xx is wrk's count of responses with a status of 400 or more (wrk counts no 3xx as an
-- error; none of these scenarios can get a 3xx: no If-None-Match, no redirects). stale412
-- counts the PUTs refused for a stale ETag, which the PUT tracking below should make 0.

local common = {}

-- The same data run.sh seeds; it passes the sizes through the environment.
common.books = tonumber(os.getenv("BENCH_BOOKS") or "10000")
common.authors = tonumber(os.getenv("BENCH_AUTHORS") or "100")

local threads = {}
local counter = 0

-- wrk calls setup(thread) once per thread, in the main Lua state: number the threads so that
-- each one can seed its random numbers apart and own its share of the books it writes.
function common.setup_thread(thread)
   thread:set("tid", counter)
   table.insert(threads, thread)
   counter = counter + 1
end

function common.nthreads()
   return counter
end

-- In a thread's own Lua state (from init): a seed of its own.
function common.seed()
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1e6))
end

function common.random_book()
   return math.random(1, common.books)
end

function common.random_author()
   return math.random(1, common.authors)
end

-- A body like the seeded books (title ~30 characters, description ~150).
function common.book_body(extra)
   local n = math.random(1, 1000000000)
   local body = '{"title":"Bench book ' .. n .. '","description":"Written by the load generator, number '
      .. n .. '. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt."'
   if extra then
      body = body .. "," .. extra
   end
   return body .. "}"
end

common.json_headers = { ["Content-Type"] = "application/json" }

-- PUT with If-Match, honestly: every PUT sends the book's current strong ETag, never "*".
--
-- wrk cannot GET and then PUT within one request, so each thread remembers the ETag of the
-- books it writes. They start at "0": run.sh seeds every 5th book without an author and
-- genres, whose ETag is then just "<version>", and resets the versions to 0 before each
-- scenario that writes. Each PUT answers 204 with the new ETag, which is remembered for the
-- next PUT of that book. The books are split between the threads (each has its own Lua
-- state), and a book is not PUT again while a PUT of it is in flight, so two of our own
-- requests never race for a version. The request carries X-Request-Id "put-<id>", which the
-- app echoes, to tell which book a response belongs to. A 412 would mean a stale ETag: it
-- counts as non-2xx and the book is left alone from then on.
local etags = {}
local busy = {}
local retired = {}
local own = {}

function common.init_writer()
   local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
   local me = tid or 0
   for k = 1, math.floor(common.books / 5) do
      if k % threads == me then
         table.insert(own, 5 * k)
      end
   end
end

function common.put_request()
   local id
   repeat
      id = own[math.random(1, #own)]
   until not busy[id] and not retired[id]
   busy[id] = true
   local headers = {
      ["Content-Type"] = "application/json",
      ["If-Match"] = etags[id] or '"0"',
      ["X-Request-Id"] = "put-" .. id,
   }
   return wrk.format("PUT", "/books/" .. id, headers, common.book_body())
end

-- To be called from response() for every response; only PUTs carry a "put-<id>" request id.
function common.put_response(status, headers)
   local request_id, etag
   for name, value in pairs(headers) do
      local lower = string.lower(name)
      if lower == "x-request-id" then
         request_id = value
      elseif lower == "etag" then
         etag = value
      end
   end
   local id = request_id and tonumber(string.match(request_id, "^put%-(%d+)$"))
   if not id then
      return
   end
   busy[id] = nil
   if status == 204 and etag then
      etags[id] = etag
   elseif status == 412 then
      retired[id] = true
      stale = (stale or 0) + 1   -- a global, so that report() can read it with thread:get
   end
end

function common.report(summary, latency, requests)
   local duration_us = summary.duration
   local errors = summary.errors
   local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
   local stale_total = 0
   for _, thread in ipairs(threads) do
      stale_total = stale_total + (tonumber(thread:get("stale")) or 0)
   end
   io.write(string.format(
      "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d stale412=%d\n",
      summary.requests, duration_us, summary.requests / (duration_us / 1e6),
      latency:percentile(50), latency:percentile(99), errors.status, socket_errors, stale_total))
end

return common
