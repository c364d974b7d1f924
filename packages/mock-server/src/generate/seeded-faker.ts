// One Faker of our own (not the shared English instance, which a caller's code may seed too),
// re-seeded from text before each value, so the same document and seed give the same data.
// Only the English locale is loaded: the package's main entry loads every locale (0.3 s more per start).
import type { Faker, LocaleDefinition } from "@faker-js/faker";
import { faker as englishFaker } from "@faker-js/faker/locale/en";

type FakerConstructor = new (options: { locale: LocaleDefinition }) => Faker;
const faker = new (englishFaker.constructor as FakerConstructor)({ locale: englishFaker.rawDefinitions });

/** The seed the mock uses when none is given. */
export const defaultDataSeed = "engagifii-crm-mock";

/** Faker, seeded from these parts (e.g. the seed text, an operation's path and an item's index). */
export function seededFaker(...parts: Array<string | number>): Faker {
  faker.seed(hash(parts.join("\u0000")));
  return faker;
}

// FNV-1a, 32 bits: a stable number for a text.
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}
