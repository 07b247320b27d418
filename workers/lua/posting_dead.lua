-- Move (article, channel) to the dead-letter list and mark its posting key, in one step, so a
-- redelivered stream entry finds the mark and never pushes a second letter.
-- KEYS[1] posting hash, KEYS[2] dead-letter list
-- ARGV: 1 token ('' when no claim is held: unconfigured channel), 2 state (unknown | failed |
-- dead), 3 reason, 4 letter JSON, 5 letter id, 6 ttl, 7 channel
-- Returns 1 when pushed, 0 when already done or already dead-lettered, -1 when the token no
-- longer holds the claim.
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'done' or state == 'unknown' or state == 'failed' or state == 'dead' then return 0 end
if ARGV[1] ~= '' and redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return -1 end
local t = redis.call('TIME')
local now = tostring(tonumber(t[1]) + tonumber(t[2]) / 1000000)
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'last_error', ARGV[3], 'dead_at', now,
           'letter', ARGV[5], 'channel', ARGV[7])
redis.call('HDEL', KEYS[1], 'lease_until')
redis.call('EXPIRE', KEYS[1], ARGV[6])
redis.call('LPUSH', KEYS[2], ARGV[4])
return 1
