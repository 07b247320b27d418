-- A feed moved for good (301/308 on every hop): re-register it under its new URL's id in one
-- atomic step, carrying its poll state, its seen entries and links (so nothing it already
-- carried comes back as new) and its schedule slot, and remember old -> new so that a list
-- still naming the old URL registers the new one (FeedStore.resolve_url).
-- If the new URL is already registered (two listed URLs redirect to one feed), the old feed is
-- merged into it: seen sets united, the existing registration and state kept.
-- KEYS: 1 feeds hash, 2 schedule zset, 3 moved hash (old url -> new url),
--       4 old state, 5 new state, 6 old seen, 7 new seen, 8 old links, 9 new links
-- ARGV: 1 old id, 2 new id, 3 new spec JSON, 4 old url, 5 new url
-- Returns 1 when merged into an existing registration, else 0.
local merged = redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1
if not merged then redis.call('HSET', KEYS[1], ARGV[2], ARGV[3]) end
redis.call('HDEL', KEYS[1], ARGV[1])
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if score and not merged then redis.call('ZADD', KEYS[2], score, ARGV[2]) end
if redis.call('EXISTS', KEYS[4]) == 1 then
  if merged or redis.call('EXISTS', KEYS[5]) == 1 then
    redis.call('DEL', KEYS[4])
  else
    redis.call('RENAME', KEYS[4], KEYS[5])
  end
end
for i = 6, 8, 2 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('ZUNIONSTORE', KEYS[i + 1], 2, KEYS[i + 1], KEYS[i], 'AGGREGATE', 'MIN')
    redis.call('DEL', KEYS[i])
  end
end
redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
-- the new URL is live now: it is no longer an alias of anything (A -> B, later B -> A)
redis.call('HDEL', KEYS[3], ARGV[5])
if merged then return 1 end
return 0
