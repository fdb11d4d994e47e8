-- POST /books with an Idempotency-Key, a new one per request (the normal case: first use,
-- no replay), to compare with post-book.lua: the same INSERT, plus the stored answer and a
-- COMMIT in the same transaction.
local common = require "common"

setup = common.setup_thread
init = function(args) common.seed() end

local sent = 0

request = function()
   sent = sent + 1
   local body = common.book_body('"author_id":' .. common.random_author())
   local headers = {
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = string.format("bench-%d-%d-%d", tid or 0, math.random(1, 1000000000), sent),
   }
   return wrk.format("POST", "/books", headers, body)
end

done = common.report
