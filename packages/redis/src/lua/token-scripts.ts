import { luaScript } from "../redis-client.js";

/**
 * KEYS: token. ARGV: the rejected access token.
 * Deletes the stored token only if it is still the rejected one: a process that got a 401 for
 * an old token must not delete the fresh token another process stored meanwhile.
 */
export const invalidateTokenScript = luaScript(`
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
local ok, token = pcall(cjson.decode, stored)
if ok and type(token) == 'table' and token.accessToken ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`);

/** KEYS: lock. ARGV: this holder's lock id. Releases the lock only if this holder still has it. */
export const releaseLockScript = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
