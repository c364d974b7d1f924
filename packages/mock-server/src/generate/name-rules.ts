// Strings that look real, chosen by the property's name (then by its format, see fake-value.ts).
// The first rule whose pattern matches the name wins; names are compared without case.
import type { Faker } from "@faker-js/faker";

type Maker = (faker: Faker) => string;

const rules: Array<[RegExp, Maker]> = [
  [/e-?mail/i, (faker) => faker.internet.email().toLowerCase()],
  [/phone|mobile|fax/i, (faker) => faker.phone.number({ style: "national" })],
  [/^first_?name$|^given_?name$/i, (faker) => faker.person.firstName()],
  [/^last_?name$|^sur_?name$|^family_?name$/i, (faker) => faker.person.lastName()],
  [/^middle_?name$/i, (faker) => faker.person.middleName()],
  [/^(full_?|display_?|person_?|contact_?)?name$/i, (faker) => faker.person.fullName()],
  [/organi[sz]ation|company|employer|^org_?name$/i, (faker) => faker.company.name()],
  [/committee|group|team/i, (faker) => `${faker.commerce.department()} Committee`],
  [/^(job_?)?title$|position|role/i, (faker) => faker.person.jobTitle()],
  [/street|address_?line|^address1?$/i, (faker) => faker.location.streetAddress()],
  [/city|town/i, (faker) => faker.location.city()],
  [/^state$|province|region/i, (faker) => faker.location.state()],
  [/country/i, (faker) => faker.location.country()],
  [/zip|postal|post_?code/i, (faker) => faker.location.zipCode()],
  [/url|website|homepage|link/i, (faker) => faker.internet.url()],
  [/user_?name|login/i, (faker) => faker.internet.username()],
  [/description|summary|notes?$|comment|bio/i, (faker) => faker.lorem.sentence()],
  [/currency/i, (faker) => faker.finance.currencyCode()],
  [/color|colour/i, (faker) => faker.color.human()],
  [/sort_?by|order_?by/i, () => "name"],
  [/sort_?direction|direction|order$/i, (faker) => faker.helpers.arrayElement(["asc", "desc"])],
  [/code$/i, (faker) => faker.string.alphanumeric({ length: 6, casing: "upper" })],
];

// A bare `name` or `title` says little: what the record is (its path) decides.
const subjectRules: Array<[RegExp, Maker]> = [
  [/people|person|member|contact|user/i, (faker) => faker.person.fullName()],
  [/organi[sz]ation|company|account|vendor/i, (faker) => faker.company.name()],
  [/committee|group|team/i, (faker) => `${faker.commerce.department()} Committee`],
  [/event|meeting/i, (faker) => `${faker.company.buzzAdjective()} ${faker.company.buzzNoun()} meeting`],
  [/product|item/i, (faker) => faker.commerce.productName()],
];

/** A real-looking string for a property of this name (on a record at `subject`), or undefined when no rule knows it. */
export function stringForName(name: string, faker: Faker, subject = ""): string | undefined {
  // The last path segment that names a kind of record: `/api/Organization/PagingList` is about organizations.
  const segments = subject.split("/").reverse();
  const bySubject = /^(name|title)$/i.test(name)
    ? segments.flatMap((segment) => subjectRules.filter(([pattern]) => pattern.test(segment)))[0]
    : undefined;
  return (bySubject ?? rules.find(([pattern]) => pattern.test(name)))?.[1](faker);
}

/** Whether a property name says it holds an identifier (`id`, `personId`, `person_id`). */
export function isIdentifierName(name: string): boolean {
  return /(^|[a-z_])(id|Id|ID)$/.test(name);
}
