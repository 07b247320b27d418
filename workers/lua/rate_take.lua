-- Take one token from every bucket of a post, or none: the check and the take are one step, so
-- workers on many machines share one budget per channel, bot or phone number.
-- KEYS[1] block key (unix time until which the platform told us to wait), KEYS[2..] buckets
-- ARGV: pairs (capacity, period seconds) for KEYS[2..]
-- Returns "0" when taken, else the seconds to wait (as a string: Lua numbers would be truncated
-- to integers in the reply). The clock is Redis's own, so workers' clocks may disagree freely.
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local blocked = tonumber(redis.call('GET', KEYS[1]) or '0')
if blocked > now then return tostring(blocked - now) end
local wait = 0
local tokens = {}
for i = 2, #KEYS do
  local cap = tonumber(ARGV[2 * i - 3])
  local per = tonumber(ARGV[2 * i - 2])
  local rate = cap / per
  local b = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local have = tonumber(b[1]) or cap
  local ts = tonumber(b[2]) or now
  have = math.min(cap, have + math.max(0, now - ts) * rate)
  if have < 1 then wait = math.max(wait, (1 - have) / rate) end
  tokens[i] = have
end
if wait > 0 then return tostring(wait) end
for i = 2, #KEYS do
  local per = tonumber(ARGV[2 * i - 2])
  redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i] - 1), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(per * 2000) + 1000)
end
return '0'
