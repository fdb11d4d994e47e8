-- PUT /books/{id} with If-Match: the book's current ETag, tracked as common.lua explains
-- (books without an author, every 5th id; new title and description; 204 with the new ETag).
local common = require "common"

setup = common.setup_thread
init = function(args)
   common.seed()
   common.init_writer()
end

request = common.put_request
response = common.put_response

done = common.report
