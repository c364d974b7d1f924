import type { paths } from "@engagifii/crm-types";
import { describe, expectTypeOf, it } from "vitest";
import {
  type Committee,
  type CommitteeMember,
  type CrmClient,
  type CrmCoreClient,
  createCrmClient,
  createCrmCoreClient,
  createPeople,
  type Organization,
  type PagedPath,
  type PageItem,
  type Paginator,
  type Person,
} from "../src/index.js";
import type { TransportPaths, Person as TransportPerson } from "./fixtures/transport-client.js";

// Checked by `pnpm typecheck` (tsc over test/). The helpers and the model types both come from specs/resources.yaml,
// so these lines hold for whatever document specs/ holds once the map names its operations and schemas; paths and
// page fields of a particular document are checked in tests/consumer and on the transport fixture below.
describe("types inferred from the document, through the map", () => {
  const crm: CrmClient = createCrmClient({ tenantCode: "acme", accessToken: "token-for-types", env: {} });

  it("resource helpers return the map's model types", () => {
    expectTypeOf(crm.people.create).returns.resolves.toEqualTypeOf<Person>();
    expectTypeOf(crm.people.get).returns.resolves.toEqualTypeOf<Person>();
    expectTypeOf(crm.people.iterate).returns.toEqualTypeOf<Paginator<Person>>();
    expectTypeOf(crm.organizations.get).returns.resolves.toEqualTypeOf<Organization>();
    expectTypeOf(crm.committees.update).returns.resolves.toEqualTypeOf<Committee>();
    expectTypeOf(crm.committees.members).returns.toEqualTypeOf<Paginator<CommitteeMember>>();
    // A Swashbuckle document marks no request body required: the body may be optional.
    expectTypeOf<NonNullable<Parameters<typeof crm.people.create>[0]>>().toHaveProperty("email");
  });

  it("every paged operation of the document has a concrete item type", () => {
    type Unresolved = {
      [Path in PagedPath]: unknown extends PageItem<Path> ? Path : [PageItem<Path>] extends [never] ? Path : never;
    }[PagedPath];
    expectTypeOf<Unresolved>().toEqualTypeOf<never>();
    expectTypeOf<PagedPath>().not.toEqualTypeOf<never>();
  });
});

describe("core client types", () => {
  it("the core client has the typed calls and no helpers; the factories accept it", () => {
    const core: CrmCoreClient = createCrmCoreClient({ tenantCode: "acme", accessToken: "token-for-types", env: {} });
    expectTypeOf(core).not.toHaveProperty("people");
    expectTypeOf(core.withTenant("b")).toEqualTypeOf<CrmCoreClient>();
    expectTypeOf(crmWithTenant()).toHaveProperty("people");
    expectTypeOf(createPeople(core).get).returns.resolves.toEqualTypeOf<Person>();
  });
});

function crmWithTenant() {
  return createCrmClient({ tenantCode: "acme", accessToken: "token-for-types", env: {} }).withTenant("b");
}

describe("a core client typed by another document's paths", () => {
  it("types its calls by those paths, and the default stays the document's", () => {
    const options = { tenantCode: "acme", accessToken: "token-for-types", env: {} };
    const other = createCrmCoreClient<TransportPaths>(options);
    expectTypeOf(other.withTenant("b")).toEqualTypeOf<CrmCoreClient<TransportPaths>>();
    const call = () => other.GET("/api/v1/people/{personId}", { params: { path: { personId: "p" } } });
    expectTypeOf(call).returns.resolves.toHaveProperty("data").toEqualTypeOf<TransportPerson | undefined>();
    expectTypeOf(createCrmCoreClient(options)).toEqualTypeOf<CrmCoreClient<paths>>();
    // The fixture has no organizations list: typed by its paths, the call does not compile.
    // @ts-expect-error "/api/v1/organizations" is not a path of the fixture
    expectTypeOf(() => other.GET("/api/v1/organizations")).toBeFunction();
  });
});
