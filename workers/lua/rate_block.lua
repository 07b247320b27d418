-- Block a scope until now + ARGV[1] seconds (a platform's Retry-After), never shortening a
-- longer block another worker already recorded.
-- KEYS[1] block key; ARGV: 1 seconds
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local untilt = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current >= untilt then return tostring(current - now) end
redis.call('SET', KEYS[1], tostring(untilt), 'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
return ARGV[1]
