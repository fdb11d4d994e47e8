-- 80% reads, 20% writes, one request at a time per connection:
--   50% GET /books/{id}            15% GET /authors/{id}/books     15% GET /books?limit=100
--   10% POST /books                10% PUT /books/{id} with If-Match (see common.lua)
-- pgbench runs the same mix of the app's SQL (pgbench/*-as-app.sql with weights 50/15/15/10/10).
local common = require "common"

setup = common.setup_thread
init = function(args)
   common.seed()
   common.init_writer()
end

request = function()
   local r = math.random(1, 100)
   if r <= 50 then
      return wrk.format("GET", "/books/" .. common.random_book())
   elseif r <= 65 then
      return wrk.format("GET", "/authors/" .. common.random_author() .. "/books")
   elseif r <= 80 then
      return wrk.format("GET", "/books?limit=100")
   elseif r <= 90 then
      return wrk.format("POST", "/books", common.json_headers, common.book_body('"author_id":' .. common.random_author()))
   else
      return common.put_request()
   end
end

response = common.put_response

done = common.report
