-- Per-host politeness, step 2: block a whole host until a time (429/503 Retry-After, or a
-- back-off after a bot challenge), never shortening a longer block another worker recorded.
-- Challenges escalate: each strike within the memory window doubles the wait.
-- KEYS[1] block hash (until, reason, strikes, set_at), KEYS[2] blocked-hosts index zset
-- ARGV: 1 now, 2 seconds, 3 reason, 4 host, 5 escalate (1/0), 6 max seconds,
--       7 memory seconds (how long strikes are remembered after the block ends)
-- Returns {until, strikes} as strings.
local now = tonumber(ARGV[1])
local seconds = tonumber(ARGV[2])
local strikes = tonumber(redis.call('HGET', KEYS[1], 'strikes') or '0') or 0
if ARGV[5] == '1' then
  strikes = strikes + 1
  seconds = seconds * 2 ^ (math.min(strikes, 16) - 1)
end
seconds = math.min(seconds, tonumber(ARGV[6]))
local target = now + seconds
local current = tonumber(redis.call('HGET', KEYS[1], 'until') or '0') or 0
if current >= target then
  target = current
else
  redis.call('HSET', KEYS[1], 'until', tostring(target), 'reason', ARGV[3],
             'set_at', tostring(now))
end
redis.call('HSET', KEYS[1], 'strikes', tostring(strikes))
redis.call('EXPIRE', KEYS[1], math.ceil(target - now + tonumber(ARGV[7])))
redis.call('ZADD', KEYS[2], target, ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
return {tostring(target), tostring(strikes)}
