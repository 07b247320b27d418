-- Dry-run delivery: record what would have been posted and mark the posting key done in one
-- step, so a crash between the two can never record it twice.
-- KEYS[1] posting hash, KEYS[2] sent stream; ARGV: 1 payload JSON, 2 now, 3 ttl, 4 channel,
-- 5 (optional) approximate cap of the sent stream
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'done' then return {0, redis.call('HGET', KEYS[1], 'post_id') or ''} end
local id
if ARGV[5] then
  id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], '*', 'channel', ARGV[4],
                  'dry_run', '1', 'payload', ARGV[1], 'at', ARGV[2])
else
  id = redis.call('XADD', KEYS[2], '*', 'channel', ARGV[4], 'dry_run', '1',
                  'payload', ARGV[1], 'at', ARGV[2])
end
local post_id = 'dry-run:' .. id
redis.call('HSET', KEYS[1], 'state', 'done', 'post_id', post_id, 'done_at', ARGV[2],
           'how', 'dry_run', 'channel', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, post_id}
