// The Lua scripts the handler runs, each one round trip and atomic. Layout under the prefix:
//   e:<key>   hash { m: entry metadata JSON, v: the bytes }, PEXPIREAT at timestamp + expire
//   stale     hash tag → ms when it was last marked stale
//   expired   hash tag → ms when entries produced before it stop being served
//   t:<tag>   set of the keys stored with the tag, expiring with its longest-lived entry
import { createHash } from 'node:crypto';

/** A script and its SHA-1, for EVALSHA with an EVAL fallback. */
export interface Script {
  lua: string;
  sha: string;
}

function script(lua: string): Script {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/**
 * KEYS: entry, stale hash, expired hash. ARGV: soft tags.
 * Returns false, or { metadata, bytes, stale times of the entry's tags, expired times of the
 * entry's tags and the soft tags }.
 */
export const GET = script(`
local fields = redis.call('HMGET', KEYS[1], 'm', 'v')
if not fields[1] then return false end
local tags = cjson.decode(fields[1])['tags']
local all = {}
for i = 1, #tags do all[#all + 1] = tags[i] end
for i = 1, #ARGV do all[#all + 1] = ARGV[i] end
local stale = {}
if #tags > 0 then stale = redis.call('HMGET', KEYS[2], unpack(tags)) end
local expired = {}
if #all > 0 then expired = redis.call('HMGET', KEYS[3], unpack(all)) end
return { fields[1], fields[2], stale, expired }
`);

/**
 * KEYS: entry, then the index set of each tag. ARGV: metadata, bytes, expire-at ms (0: never),
 * the key.
 */
export const SET = script(`
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'm', ARGV[1], 'v', ARGV[2])
local at = tonumber(ARGV[3])
if at > 0 then redis.call('PEXPIREAT', KEYS[1], at) end
for i = 2, #KEYS do
  local ttl = redis.call('PTTL', KEYS[i])
  redis.call('SADD', KEYS[i], ARGV[4])
  if at == 0 then redis.call('PERSIST', KEYS[i])
  elseif ttl == -2 then redis.call('PEXPIREAT', KEYS[i], at)
  elseif ttl >= 0 then redis.call('PEXPIREAT', KEYS[i], at, 'GT') end
end
return 1
`);

/**
 * KEYS: stale hash, expired hash, then the index set of each tag. ARGV: when the update was
 * made (ms), the caller's clock now (ms; later than the first when an update made during an
 * outage is replayed), '1' when durations were given, expire (ms, -1 for none), entry key
 * prefix, index key prefix, then the tags.
 *
 * Stale times only grow. An expire time replaces the stored one unless the stored one has
 * passed and the new one has not (entries expired stay expired; they are stale as well, so a
 * read refreshes them); of two passed ones the later stays, of two future ones the sooner.
 * Entries that expire now are deleted (and leave the index of each of their tags) when they
 * were produced before the expiry, so a replayed update deletes nothing newer than itself.
 */
export const UPDATE_TAGS = script(`
local at = tonumber(ARGV[1])
local clock = tonumber(ARGV[2])
local durations = ARGV[3] == '1'
local expireMs = tonumber(ARGV[4])
local prefix = ARGV[5]
local indexPrefix = ARGV[6]
for i = 7, #ARGV do
  local tag = ARGV[i]
  local index = KEYS[i - 4]
  local nextExpired = nil
  if durations then
    local stale = tonumber(redis.call('HGET', KEYS[1], tag) or '0')
    if at > stale then redis.call('HSET', KEYS[1], tag, at) end
    if expireMs >= 0 then nextExpired = at + expireMs end
  else
    nextExpired = at
  end
  if nextExpired then
    local current = tonumber(redis.call('HGET', KEYS[2], tag) or '0')
    local value = nextExpired
    if current > 0 then
      if current <= clock and nextExpired <= clock then value = math.max(current, nextExpired)
      elseif current <= clock then value = current
      elseif nextExpired > clock then value = math.min(current, nextExpired) end
    end
    redis.call('HSET', KEYS[2], tag, value)
    if nextExpired <= clock then
      for _, key in ipairs(redis.call('SMEMBERS', index)) do
        local meta = redis.call('HGET', prefix .. key, 'm')
        if not meta then
          redis.call('SREM', index, key)
        else
          local decoded = cjson.decode(meta)
          if tonumber(decoded['timestamp']) < nextExpired then
            redis.call('DEL', prefix .. key)
            for _, other in ipairs(decoded['tags']) do
              redis.call('SREM', indexPrefix .. other, key)
            end
          end
        end
      end
    end
  end
end
return 1
`);

/** KEYS: expired hash. ARGV: the tags. Returns their expire times (nil for none). */
export const EXPIRATIONS = script(`
if #ARGV == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(ARGV))
`);
