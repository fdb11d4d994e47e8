-- The overload check's mix, which holds database connections: half single books, half pages
-- of 100 books of an author (scripts/reliability/overload.sh sends the same).
local common = require "common"

setup = common.setup_thread
init = function(args) common.seed() end

request = function()
   if math.random() < 0.5 then
      return wrk.format("GET", "/books/" .. common.random_book())
   end
   return wrk.format("GET", "/authors/" .. common.random_author() .. "/books?limit=100")
end

done = common.report
