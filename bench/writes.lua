-- make bench's writes (bench/run.py): POSTs as a signed-in browser sends them through htmx.
-- From the environment:
--   WRITE_PATHS   the URLs to post to, space-separated, taken in turn (each thread starts elsewhere)
--   WRITE_BODY    the form, where {token} becomes a fresh submission token (common/submissions.py:
--                 a create posted twice creates once) and {status} alternates done / todo per URL
--   WRITE_COOKIE  the session cookie; WRITE_CSRF the CSRF secret, sent as the cookie and the header
local paths = {}
for path in string.gmatch(os.getenv("WRITE_PATHS"), "%S+") do
  table.insert(paths, path)
end
local body = os.getenv("WRITE_BODY")
local csrf = os.getenv("WRITE_CSRF")
wrk.method = "POST"
wrk.headers["Cookie"] = os.getenv("WRITE_COOKIE") .. "; csrftoken=" .. csrf
wrk.headers["X-CSRFToken"] = csrf
wrk.headers["HX-Request"] = "true"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local sent = 0
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
function init(args)
  -- Each thread takes its own URLs first, so two threads rarely post to the same step at once.
  sent = thread_number * math.floor(#paths / 2)
  math.randomseed(os.time() + thread_number * 7919)
end

local function token()
  local letters = {}
  for i = 1, 24 do
    local k = math.random(#alphabet)
    letters[i] = alphabet:sub(k, k)
  end
  return table.concat(letters)
end

function request()
  local index = sent % #paths + 1
  local status = (math.floor(sent / #paths) % 2 == 0) and "done" or "todo"
  sent = sent + 1
  local form = body:gsub("{token}", token()):gsub("{status}", status)
  return wrk.format(nil, paths[index], nil, form)
end
