-- Claim the posting key of (article, channel) before calling the platform: one step, so two
-- workers can never both hold it, and a crashed holder is recognised by its lapsed lease.
-- KEYS[1] posting hash; ARGV: 1 attempt token, 2 lease seconds, 3 ttl, 4 channel, 5 holder
-- Returns one of
--   {'done', post_id}                 posted before: nothing to do
--   {'dead', state}                   in the dead-letter list (unknown/failed/dead): ops decide
--   {'busy', seconds}                 another attempt holds a live lease
--   {'wait', seconds}                 backing off after a failure (next_at not reached)
--   {'claimed', attempts, suspect, parts_done, since}
-- suspect = '1' when an earlier attempt may have posted (its lease lapsed with no outcome, or
-- it saw a timeout after sending): the caller must reconcile before posting again.
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local h = redis.call('HMGET', KEYS[1], 'state', 'post_id', 'lease_until', 'next_at', 'holder',
                     'suspect', 'parts_done', 'first_claimed_at')
local state = h[1]
if state == 'done' then return {'done', h[2] or ''} end
if state == 'unknown' or state == 'failed' or state == 'dead' then return {'dead', state} end
local suspect = h[6] or '0'
if state == 'pending' then
  local lease = tonumber(h[3] or '0')
  if lease > now then return {'busy', tostring(lease - now)} end
  suspect = '1'
  redis.call('HSET', KEYS[1], 'suspect', '1', 'suspect_at', tostring(lease),
             'last_error', 'attempt by ' .. (h[5] or '?') .. ' ended without an outcome')
else
  local nxt = tonumber(h[4] or '0')
  if nxt > now then return {'wait', tostring(nxt - now)} end
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'state', 'pending', 'token', ARGV[1], 'holder', ARGV[5],
           'lease_until', tostring(now + tonumber(ARGV[2])), 'claimed_at', tostring(now),
           'channel', ARGV[4])
local since = h[8]
if not since then
  since = tostring(now)
  redis.call('HSET', KEYS[1], 'first_claimed_at', since)
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {'claimed', tostring(attempts), suspect, h[7] or '0', since}
