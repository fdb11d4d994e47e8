-- GET one fixed list URL over and over: the first page of /books, or a page deep in the
-- table. run.sh passes the path and query (with the cursor, for a deep page) as the argument
-- after "--", e.g.  wrk ... -s list-page.lua http://127.0.0.1:PORT -- '/books?limit=100'
local common = require "common"

local path = "/books?limit=100"

setup = common.setup_thread
init = function(args)
   if args[1] then
      path = args[1]
   end
end

request = function()
   return wrk.format("GET", path)
end

done = common.report
