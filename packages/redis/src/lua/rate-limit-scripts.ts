import { luaScript } from "../redis-client.js";

// Every script takes ARGV[1] = the time in ms, or "" for the Redis server's own clock (TIME):
// one clock for every process, whatever their own clocks say. Tests pass a simulated time.
const now = `
local now = tonumber(ARGV[1])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end`;

/**
 * KEYS: slots, pause, queue, queue deadlines.
 * ARGV: now, requests (-1: no limit, only the pause), interval ms, slot id, waiter id,
 * in-flight ms (how long an unreleased slot counts at most), poll ms (the shortest wait returned),
 * waiter grace ms (how long past its wait a waiter keeps its place in the queue).
 * Returns {1, 0} for a slot, or {0, ms to wait}.
 *
 * Slots are scored by when they stop counting: grant time + in-flight + interval until released,
 * then release time + interval. Waiting store instances queue first come first served, so that
 * a busy process cannot take every slot that frees: a slot goes to a newcomer only when more
 * slots are free than instances wait ahead of it.
 */
export const acquireScript = luaScript(`${now}
local requests = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local inFlight = tonumber(ARGV[6])
local poll = tonumber(ARGV[7])
local grace = tonumber(ARGV[8])
local waiter = ARGV[5]
local function extend(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
end

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local gone = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)
for _, member in ipairs(gone) do
  redis.call('ZREM', KEYS[3], member)
  redis.call('ZREM', KEYS[4], member)
end

local pausedFor = math.max(0, (tonumber(redis.call('GET', KEYS[2])) or 0) - now)
local rank = redis.call('ZRANK', KEYS[3], waiter)
local ahead = rank or redis.call('ZCARD', KEYS[3])
local count = redis.call('ZCARD', KEYS[1])

if pausedFor == 0 and (requests < 0 or count + ahead < requests) then
  if requests >= 0 then
    redis.call('ZADD', KEYS[1], now + inFlight + interval, ARGV[4])
    redis.call('PEXPIRE', KEYS[1], inFlight + interval)
  end
  if rank then
    redis.call('ZREM', KEYS[3], waiter)
    redis.call('ZREM', KEYS[4], waiter)
  end
  return {1, 0}
end

-- The slot that must stop counting before this waiter's turn: the (count - requests + ahead)-th
-- to end. One still in flight ends no sooner than an interval from now, whenever it is released.
local wait = pausedFor
local needed = count - requests + ahead
if requests >= 0 and needed >= 0 then
  local slotWait = interval
  if needed < count then
    local entry = redis.call('ZRANGE', KEYS[1], needed, needed, 'WITHSCORES')
    slotWait = math.min(tonumber(entry[2]) - now, interval)
  end
  wait = math.max(wait, slotWait)
end
wait = math.max(math.ceil(wait), poll)

if not rank then redis.call('ZADD', KEYS[3], now, waiter) end
redis.call('ZADD', KEYS[4], now + wait + grace, waiter)
extend(KEYS[3], wait + grace)
extend(KEYS[4], wait + grace)
return {0, wait}
`);

/**
 * KEYS: slots. ARGV: now, interval ms, slot id.
 * The response is in: the slot counts for one more interval from now (also when its in-flight
 * time ran out meanwhile: the server counted the request all the same).
 */
export const releaseScript = luaScript(`${now}
local interval = tonumber(ARGV[2])
local pttl = redis.call('PTTL', KEYS[1])
redis.call('ZADD', KEYS[1], now + interval, ARGV[3])
if pttl < interval then redis.call('PEXPIRE', KEYS[1], interval) end
return 1
`);

/**
 * KEYS: pause. ARGV: now, pause ms from now.
 * Sets the pause unless a longer one is already set.
 */
export const pauseScript = luaScript(`${now}
local ms = math.ceil(tonumber(ARGV[2]))
local current = tonumber(redis.call('GET', KEYS[1])) or 0
if now + ms > current then
  redis.call('SET', KEYS[1], now + ms, 'PX', ms)
end
return 1
`);
