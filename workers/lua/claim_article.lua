-- Store an article once, atomically: every identity layer is checked and the article inserted
-- in this one step, so workers that see the same story at the same moment (under one URL, the
-- same text, or near-duplicate texts) produce exactly one original.
-- Layers, in order: canonical URL (the article id is derived from it: KEYS[1]), exact text
-- hash (KEYS[2]), near-duplicate text (LSH band records in shared bucket strings, then the
-- candidates' bottom-k sketches; see workers/pipeline/neardup.py). Only originals are indexed
-- for the near-duplicate lookup; a duplicate points at its original and is listed under it.
--
-- KEYS[1] article hash, KEYS[2] exact-text dedup key, KEYS[3] articles index (zset),
-- KEYS[4] this article's near-dup sketch key
-- ARGV: 1 article_id, 2 owner token (task id), 3 data, 4 ttl seconds, 5 now,
--       6 source (feed url), 7 article key prefix, 8 text-dedup ttl (seconds),
--       9 sketch key prefix, 10 duplicates key prefix, 11 this article's sketch value,
--       12 record tail (4-byte ts, 8-byte ref), 13 near-dup window (seconds),
--       14 min Jaccard, 15 sketch size k, 16 max candidates verified, 17 cutoff (now - window),
--       18 bucket key prefix, 19 the n 4-byte band values, 20 the n bucket numbers as
--       8 hex digits each (bucket key = prefix .. those digits)
-- The band buckets (prefix .. hex bucket number) are not passed as KEYS: 32 more arguments
-- cost every claim, even one that stops at the URL layer, ~4 us of argument marshalling;
-- like the original/sketch keys of candidates (only known inside), they are built here.
-- Returns {state, duplicate_of, match}: state 'created' for the creator (also when the
-- creator's own task is redelivered: same owner token) or 'seen' for any later sighting;
-- match is '' (an original), 'text' or 'near' (how duplicate_of was found).
--
-- Band record (16 bytes, appended in time order): 4-byte band value, 4-byte unix time, 8-byte
-- ref (the sketch key of the original is prefix .. hex(ref)). Sketch value: 4-byte token count,
-- 2-byte hash count m, m sorted 4-byte hashes, then the article id. All big-endian.
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner then
  if ARGV[6] ~= '' then redis.call('HSETNX', KEYS[1], 'src:' .. ARGV[6], ARGV[5]) end
  local dup = redis.call('HGET', KEYS[1], 'duplicate_of') or ''
  local match = redis.call('HGET', KEYS[1], 'match') or ''
  if owner == ARGV[2] then return {'created', dup, match} end
  return {'seen', dup, match}
end

local REC = 16
local nbands = #ARGV[19] / 4
local cutoff = tonumber(ARGV[17])

local function u32(s, pos)
  local a, b, c, d = string.byte(s, pos, pos + 3)
  return ((a * 256 + b) * 256 + c) * 256 + d
end

local function unpack_sketch(sig)
  local tokens, m = struct.unpack('>I4I2', sig)
  local hashes = {}
  if m > 0 then hashes = {struct.unpack('>' .. string.rep('I4', m), sig, 7)} end
  hashes[m + 1] = nil  -- struct.unpack also returns the next position
  return tokens, hashes, string.sub(sig, 7 + 4 * m)
end

local bucket_keys, band_values = {}, {}
local prefix, values, hexes = ARGV[18], ARGV[19], ARGV[20]
for i = 1, nbands do
  bucket_keys[i] = prefix .. string.sub(hexes, 8 * i - 7, 8 * i)
  band_values[i] = string.sub(values, 4 * i - 3, 4 * i)
end

-- bottom-k Jaccard estimate, the same as neardup.jaccard
local function jaccard(a, b, k)
  local i, j, taken, both = 1, 1, 0, 0
  local na, nb = #a, #b
  while taken < k and (i <= na or j <= nb) do
    if j > nb or (i <= na and a[i] < b[j]) then
      i = i + 1
    elseif i > na or b[j] < a[i] then
      j = j + 1
    else
      both = both + 1
      i = i + 1
      j = j + 1
    end
    taken = taken + 1
  end
  if taken == 0 then return 0 end
  return both / taken
end

local function hex(s)
  return (string.gsub(s, '.', function(c) return string.format('%02x', string.byte(c)) end))
end

local dup, match = '', ''
local content = {}  -- bucket key -> its value as read by the lookup (false: no such key)
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[7] .. holder) == 1 then
  dup, match = holder, 'text'
elseif nbands > 0 then
  -- near-duplicate lookup: originals sharing a band value, most shared bands first
  local myref = string.sub(ARGV[12], 5, 12)
  local counts, order = {}, {}
  local values = redis.call('MGET', unpack(bucket_keys))  -- one call, not one per band
  for i = 1, nbands do
    local bucket = values[i]
    content[bucket_keys[i]] = bucket
    if bucket then
      local needle = band_values[i]
      local pos = string.find(bucket, needle, 1, true)
      while pos do
        if (pos - 1) % REC == 0 then
          if u32(bucket, pos + 4) >= cutoff then
            local ref = string.sub(bucket, pos + 8, pos + 15)
            if ref ~= myref then
              if not counts[ref] then
                counts[ref] = 0
                order[#order + 1] = ref
              end
              counts[ref] = counts[ref] + 1
            end
          end
          pos = string.find(bucket, needle, pos + REC, true)
        else
          pos = string.find(bucket, needle, pos + 1, true)
        end
      end
    end
  end
  if #order > 0 then
    local rank = {}
    for n, ref in ipairs(order) do rank[ref] = n end
    table.sort(order, function(x, y)
      if counts[x] ~= counts[y] then return counts[x] > counts[y] end
      return rank[x] < rank[y]
    end)
    local minj, k = tonumber(ARGV[14]), tonumber(ARGV[15])
    local mytokens, mysketch = unpack_sketch(ARGV[11])
    for n, ref in ipairs(order) do
      if n > tonumber(ARGV[16]) then break end
      local sig = redis.call('GET', ARGV[9] .. hex(ref))
      if sig then
        local tokens, sketch, cid = unpack_sketch(sig)
        local lo, hi = math.min(tokens, mytokens), math.max(tokens, mytokens)
        if hi > 0 and lo / hi >= minj and jaccard(mysketch, sketch, k) >= minj
            and cid ~= ARGV[1] and redis.call('EXISTS', ARGV[7] .. cid) == 1 then
          dup, match = cid, 'near'
          break
        end
      end
    end
  end
end

if dup ~= '' then
  -- a duplicate: credit the original with this source and list this article under it
  if ARGV[6] ~= '' then redis.call('HSETNX', ARGV[7] .. dup, 'src:' .. ARGV[6], ARGV[5]) end
  local dups = ARGV[10] .. dup
  redis.call('ZADD', dups, 'NX', ARGV[5], ARGV[1])
  redis.call('EXPIRE', dups, ARGV[4])
  if match == 'near' then redis.call('SET', KEYS[2], dup, 'EX', ARGV[8], 'NX') end
else
  -- an original: it is what later sightings will be compared against
  redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[8])
  if nbands > 0 then
    local window = tonumber(ARGV[13])
    redis.call('SET', KEYS[4], ARGV[11], 'EX', window)
    -- Bucket TTL: 2 x window, set only when a bucket is created or trimmed, not on every
    -- write. Enough: after a trim at t every record is newer than t - window, writes go on
    -- without a trim only until the oldest expires (<= t + window), so when the key dies at
    -- t + 2 x window nothing in it is still within the window.
    -- The whole value is rewritten (SET ... KEEPTTL) rather than APPENDed: APPEND leaves up to
    -- 100 % preallocated slack in every bucket string, measured at +60 % band-record memory.
    for i = 1, nbands do
      local key = bucket_keys[i]
      local rec = band_values[i] .. ARGV[12]
      local s = content[key]
      if s == nil then s = redis.call('GET', key) end
      local new
      if not s then
        new = rec
        redis.call('SET', key, new, 'EX', 2 * window)
      elseif u32(s, 5) < cutoff then
        -- records are appended in time order: drop the expired ones at the front
        local off = 1
        while off <= #s and u32(s, off + 4) < cutoff do off = off + REC end
        new = string.sub(s, off) .. rec
        redis.call('SET', key, new, 'EX', 2 * window)
      else
        new = s .. rec
        redis.call('SET', key, new, 'KEEPTTL')
      end
      content[key] = new
    end
  end
end
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'data', ARGV[3], 'duplicate_of', dup,
           'match', match, 'created', ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'src:' .. ARGV[6], ARGV[5]) end
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
return {'created', dup, match}
