-- GET /books/{id}: one book, a random id among the seeded ones (most have an author, which
-- the response shows by name; none has genres).
local common = require "common"

setup = common.setup_thread
init = function(args) common.seed() end

request = function()
   return wrk.format("GET", "/books/" .. common.random_book())
end

done = common.report
