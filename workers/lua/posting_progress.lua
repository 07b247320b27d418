-- Record that part N of a multi-request post (a split Telegram text) is on the platform and
-- extend the lease, so a later attempt resumes after it instead of posting it again.
-- KEYS[1] posting hash; ARGV: 1 token, 2 parts done, 3 post id of that part, 4 lease seconds
-- Returns 1, or 0 when the token no longer holds the claim (the lease lapsed and another
-- attempt took over: the caller must stop).
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1]
   or redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('HSET', KEYS[1], 'parts_done', ARGV[2], 'lease_until', tostring(now + tonumber(ARGV[4])))
if ARGV[3] ~= '' then
  if not redis.call('HGET', KEYS[1], 'post_id') then redis.call('HSET', KEYS[1], 'post_id', ARGV[3]) end
  local ids = redis.call('HGET', KEYS[1], 'post_ids')
  redis.call('HSET', KEYS[1], 'post_ids', (ids and (ids .. ' ') or '') .. ARGV[3])
end
return 1
