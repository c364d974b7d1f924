// openapi-to-postmanv2 fakes every value the document gives no example for (a live Swashbuckle
// document gives none) with the json-schema-faker it bundles, which draws from Math.random: two
// generations would differ, and the drift test could never pass. That faker's documented `random`
// option is seeded here, before each conversion, so the same document always gives the same files.
import { createRequire } from "node:module";

interface SchemaFaker {
  option(options: { random: () => number }): void;
}

// The converter requires this very file; Node's module cache hands both of us the same faker.
const schemaFaker = createRequire(import.meta.url)("openapi-to-postmanv2/assets/json-schema-faker.js") as SchemaFaker;

/** Makes the converter's next conversion draw the same values for the same `seed`. */
export function seedConverterFaker(seed: string): void {
  schemaFaker.option({ random: seededRandom(seed) });
}

// mulberry32 over a 32-bit FNV-1a hash of the seed: small, and plenty for example values.
function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (const character of seed) state = Math.imul(state ^ (character.codePointAt(0) ?? 0), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
