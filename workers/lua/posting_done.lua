-- Mark (article, channel) posted and record it in the sent stream, in one step.
-- Done wins over every other state: the platform has the post, whatever a lapsed lease or a
-- dead letter says (ops then finds the post where the dead letter said to look).
-- KEYS[1] posting hash, KEYS[2] sent stream; ARGV: 1 post id, 2 ttl, 3 channel, 4 payload
-- JSON, 5 how ('posted' | 'duplicate' | 'reconciled'), 6 sent stream cap
-- Returns {1, post_id} when newly done, {0, post_id} when it was done already.
local t = redis.call('TIME')
local now = tostring(tonumber(t[1]) + tonumber(t[2]) / 1000000)
if redis.call('HGET', KEYS[1], 'state') == 'done' then
  return {0, redis.call('HGET', KEYS[1], 'post_id') or ''}
end
local post_id = redis.call('HGET', KEYS[1], 'post_id') or ARGV[1]
if post_id == '' then post_id = ARGV[1] end
redis.call('HSET', KEYS[1], 'state', 'done', 'post_id', post_id, 'done_at', now, 'how', ARGV[5],
           'channel', ARGV[3])
redis.call('HDEL', KEYS[1], 'lease_until', 'next_at')
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[6], '*', 'channel', ARGV[3], 'dry_run', '0',
           'post_id', post_id, 'how', ARGV[5], 'payload', ARGV[4], 'at', now)
return {1, post_id}
