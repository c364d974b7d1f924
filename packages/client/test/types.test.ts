import type { Committee, CommitteeMember, Organization, Person, PersonPage, paths } from "@engagifii/crm-types";
import { describe, expectTypeOf, it } from "vitest";
import {
  type CrmClient,
  type CrmCoreClient,
  createCrmClient,
  createCrmCoreClient,
  createPeople,
  type Paginator,
} from "../src/index.js";
import type { TransportPaths, Person as TransportPerson } from "./fixtures/transport-client.js";

// Checked by `pnpm typecheck` (tsc over test/): the helpers' types come from the generated paths.
describe("types inferred from the spec", () => {
  const crm: CrmClient = createCrmClient({ tenantCode: "acme", accessToken: "token-for-types", env: {} });

  it("resource helpers return the spec's schemas", () => {
    expectTypeOf(crm.people.create).returns.resolves.toEqualTypeOf<Person>();
    expectTypeOf(crm.people.list).returns.resolves.toEqualTypeOf<PersonPage>();
    expectTypeOf(crm.people.iterate).returns.toEqualTypeOf<Paginator<Person>>();
    expectTypeOf(crm.organizations.get).returns.resolves.toEqualTypeOf<Organization>();
    expectTypeOf(crm.committees.update).returns.resolves.toEqualTypeOf<Committee>();
    expectTypeOf(crm.committees.members).returns.toEqualTypeOf<Paginator<CommitteeMember>>();
    expectTypeOf(crm.people.create).parameter(0).toHaveProperty("email");
  });

  it("paginate infers the item type from the path", () => {
    expectTypeOf(crm.paginate("/api/v1/organizations")).toEqualTypeOf<Paginator<Organization>>();
    expectTypeOf(
      crm.paginate("/api/v1/organizations/{organizationId}/people", { params: { path: { organizationId: "o" } } }),
    ).toEqualTypeOf<Paginator<Person>>();
  });

  it("GET keeps openapi-fetch's typed data and accepts the client's per-request options", () => {
    const call = () =>
      crm.GET("/api/v1/people/{personId}", { params: { path: { personId: "p" } }, maxRetries: 0, tenantCode: "b" });
    expectTypeOf(call).returns.resolves.toHaveProperty("data").toEqualTypeOf<Person | undefined>();
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
