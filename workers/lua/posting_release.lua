-- Give a claim back after an attempt that certainly did not post (429, 5xx, connection refused)
-- or whose outcome must be checked later (suspect), with the time before the next attempt.
-- KEYS[1] posting hash; ARGV: 1 token, 2 error text, 3 seconds before next attempt,
-- 4 count the attempt ('1') or not ('0': our own rate limit, the platform's 429), 5 mark
-- suspect ('1': the request may have been acted on)
-- Returns the attempts counted so far, or -1 when the token no longer holds the claim.
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1]
   or redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return -1 end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('HSET', KEYS[1], 'state', 'retry', 'last_error', ARGV[2],
           'next_at', tostring(now + tonumber(ARGV[3])))
redis.call('HDEL', KEYS[1], 'lease_until')
if ARGV[4] == '0' then redis.call('HINCRBY', KEYS[1], 'attempts', -1) end
if ARGV[5] == '1' then redis.call('HSET', KEYS[1], 'suspect', '1', 'suspect_at', tostring(now)) end
return tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
