-- POST /books: a new book by a random existing author (the app looks the author up first).
local common = require "common"

setup = common.setup_thread
init = function(args) common.seed() end

request = function()
   local body = common.book_body('"author_id":' .. common.random_author())
   return wrk.format("POST", "/books", common.json_headers, body)
end

done = common.report
