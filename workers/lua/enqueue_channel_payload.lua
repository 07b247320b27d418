-- Queue the payload for (article, channel) once: check the claim and XADD in one step, so a
-- redelivered format task never queues a second copy. Also index it under the article so
-- `payloads_for(article)` finds every channel's payload without scanning streams.
-- KEYS[1] claim key, KEYS[2] platform stream, KEYS[3] article payload index (hash)
-- ARGV: 1 payload JSON, 2 ttl, 3 article id, 4 channel, 5 platform
local id = redis.call('GET', KEYS[1])
if id then return {0, id} end
id = redis.call('XADD', KEYS[2], '*', 'article_id', ARGV[3], 'channel', ARGV[4],
                'payload', ARGV[1])
redis.call('SET', KEYS[1], id, 'EX', ARGV[2])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[5] .. ' ' .. id)
redis.call('EXPIRE', KEYS[3], ARGV[2])
return {1, id}
