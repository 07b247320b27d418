-- Queue the payload for (article, platform) once: check the claim and XADD in one step, so a
-- redelivered format task never queues a second copy.
-- KEYS[1] claim key, KEYS[2] platform stream; ARGV: 1 payload JSON, 2 ttl, 3 article id
local id = redis.call('GET', KEYS[1])
if id then return {0, id} end
id = redis.call('XADD', KEYS[2], '*', 'article_id', ARGV[3], 'payload', ARGV[1])
redis.call('SET', KEYS[1], id, 'EX', ARGV[2])
return {1, id}
