-- Dispatcher tick: take the feeds whose next poll is due and lease them in the same step, so two
-- schedulers running at once never dispatch the same feed for the same slot.
-- KEYS[1] schedule zset; ARGV: 1 now, 2 lease seconds, 3 max feeds per tick
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local lease = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, feed in ipairs(due) do redis.call('ZADD', KEYS[1], lease, feed) end
return due
