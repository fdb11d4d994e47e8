-- GET /authors/{id}/books: a random author's books, first page (default limit 100). Each
-- seeded author has about 80 books, so the page is the whole list and has no Link.
local common = require "common"

setup = common.setup_thread
init = function(args) common.seed() end

request = function()
   return wrk.format("GET", "/authors/" .. common.random_author() .. "/books")
end

done = common.report
