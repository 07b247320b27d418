-- Per-host politeness, step 1: take one of a host's concurrency slots, or say why not.
-- The slots are a lease-based semaphore: a ZSET of holder tokens scored by their lease expiry,
-- so the slot of a worker that crashed (SIGKILL, lost machine) frees itself when its lease
-- ends; nobody has to clean up after it. Block check, expiry sweep, count and take are one
-- atomic step, so N workers racing for the last slot can never all get it.
-- KEYS[1] slots zset (token -> lease expiry), KEYS[2] block hash (until, reason)
-- ARGV: 1 now (unix s), 2 token, 3 lease seconds, 4 cap (max concurrent holders)
-- Returns {status, time, extra} as strings (Lua numbers would be truncated to integers):
--   {'ok', lease expiry, holders}   the slot is ours (re-acquiring our own token renews it)
--   {'blocked', until, reason}      the host told us to wait (429/503 Retry-After, challenge)
--   {'full', earliest expiry, holders}
local now = tonumber(ARGV[1])
local blocked = tonumber(redis.call('HGET', KEYS[2], 'until') or '0') or 0
if blocked > now then
  return {'blocked', tostring(blocked), redis.call('HGET', KEYS[2], 'reason') or ''}
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  local holders = redis.call('ZCARD', KEYS[1])
  if holders >= tonumber(ARGV[4]) then
    local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return {'full', first[2], tostring(holders)}
  end
end
local lease = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
local ttl = redis.call('TTL', KEYS[1])
if ttl < lease + 60 then redis.call('EXPIRE', KEYS[1], math.ceil(lease) + 60) end
return {'ok', tostring(now + lease), tostring(redis.call('ZCARD', KEYS[1]))}
