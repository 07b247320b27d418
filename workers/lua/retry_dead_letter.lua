-- Ops: take one letter off the dead-letter list and queue its payload again, in one step, so
-- two operators pressing "retry" at once queue it once.
-- KEYS[1] dead-letter list, KEYS[2] posting hash, KEYS[3] platform stream, KEYS[4] article
-- payload index; ARGV: 1 the letter exactly as stored, 2 article id, 3 channel, 4 payload
-- JSON, 5 ttl, 6 platform, 7 clear_suspect ('1': ops checked the channel, the post is not there)
-- Returns {1, stream id} when queued, {2, post_id} when the post is done already (letter
-- removed, nothing queued), {0, ''} when the letter is gone (someone else took it).
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return {0, ''} end
if redis.call('HGET', KEYS[2], 'state') == 'done' then
  return {2, redis.call('HGET', KEYS[2], 'post_id') or ''}
end
redis.call('HSET', KEYS[2], 'state', 'retry', 'attempts', '0', 'next_at', '0',
           'last_error', 'queued again from the dead-letter list')
if ARGV[7] == '1' then redis.call('HSET', KEYS[2], 'suspect', '0') end
redis.call('HDEL', KEYS[2], 'lease_until', 'token', 'letter')
redis.call('EXPIRE', KEYS[2], ARGV[5])
local id = redis.call('XADD', KEYS[3], '*', 'article_id', ARGV[2], 'channel', ARGV[3],
                      'payload', ARGV[4])
redis.call('HSET', KEYS[4], ARGV[3], ARGV[6] .. ' ' .. id)
redis.call('EXPIRE', KEYS[4], ARGV[5])
return {1, id}
