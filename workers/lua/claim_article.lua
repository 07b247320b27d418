-- Store an article once, atomically: the check and the insert are one step, so two workers
-- that see the same article at the same moment produce exactly one record.
-- KEYS[1] article hash, KEYS[2] exact-text dedup key, KEYS[3] articles index (zset)
-- ARGV: 1 article_id, 2 owner token (task id), 3 data, 4 ttl seconds, 5 now,
--       6 source (feed url), 7 article key prefix, 8 text-dedup window (seconds)
-- Returns {state, duplicate_of}: state 'created' for the creator (also when the creator's own
-- task is redelivered: same owner token) or 'seen' for any later sighting.
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner then
  if ARGV[6] ~= '' then redis.call('HSETNX', KEYS[1], 'src:' .. ARGV[6], ARGV[5]) end
  local dup = redis.call('HGET', KEYS[1], 'duplicate_of') or ''
  if owner == ARGV[2] then return {'created', dup} end
  return {'seen', dup}
end
local dup = ''
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[7] .. holder) == 1 then
  dup = holder
  if ARGV[6] ~= '' then redis.call('HSETNX', ARGV[7] .. holder, 'src:' .. ARGV[6], ARGV[5]) end
else
  redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[8])
end
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'data', ARGV[3], 'duplicate_of', dup,
           'created', ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'src:' .. ARGV[6], ARGV[5]) end
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
return {'created', dup}
