import { describe, expect, it } from "vitest";
import { buildTree, createCrmClient, createCrmCoreClient, createPeople, NotFoundError } from "../src/index.js";
import { fakeApi, options, page, person } from "./fake-api.js";

const org = (id: string, parentId: string | null) => ({
  id,
  name: id,
  type: "Department",
  parentId,
  createdDate: "2024-01-15T10:30:00Z",
});

describe("resource helpers", () => {
  it("people: create, update, get and delete hit the right operations", async () => {
    const api = fakeApi((request) => {
      if (request.method === "POST") return Response.json(person(1), { status: 201 });
      if (request.method === "DELETE") return new Response(null, { status: 204 });
      return Response.json(person(1));
    });
    const crm = createCrmClient(options(api.fetch));
    const created = await crm.people.create({ firstName: "Jane", lastName: "Smith", email: "jane.smith@example.com" });
    await crm.people.update(created.id, { email: "jane.smith.updated@example.com" });
    await crm.people.get(created.id);
    await crm.people.delete(created.id);
    expect(api.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/v1/people",
      `PUT /api/v1/people/${created.id}`,
      `GET /api/v1/people/${created.id}`,
      `DELETE /api/v1/people/${created.id}`,
    ]);
    expect(JSON.parse(api.apiRequests()[1]?.body ?? "")).toEqual({ email: "jane.smith.updated@example.com" });
  });

  it("organizations: addPerson and removePerson use the membership path", async () => {
    const api = fakeApi(() => new Response(null, { status: 204 }));
    const crm = createCrmClient(options(api.fetch));
    await crm.organizations.addPerson("org-acme", "p-1");
    await crm.organizations.removePerson("org-acme", "p-1");
    expect(api.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
      "PUT /api/v1/organizations/org-acme/people/p-1",
      "DELETE /api/v1/organizations/org-acme/people/p-1",
    ]);
  });

  it("organizations.tree() builds the hierarchy from the paged flat list", async () => {
    const all = [org("acme", null), org("eng", "acme"), org("web", "eng"), org("sales", "acme"), org("other", null)];
    const api = fakeApi((request) => {
      const pageIndex = Number(new URL(request.url).searchParams.get("pageIndex"));
      return page(all.slice(pageIndex * 2, pageIndex * 2 + 2), all.length, pageIndex, 2);
    });
    const tree = await createCrmClient(options(api.fetch)).organizations.tree();
    expect(tree.map((node) => node.id)).toEqual(["acme", "other"]);
    expect(tree[0]?.children.map((node) => node.id)).toEqual(["eng", "sales"]);
    expect(tree[0]?.children[0]?.children.map((node) => node.id)).toEqual(["web"]);
    expect(api.apiRequests()).toHaveLength(3);
  });

  it("buildTree keeps orphans as roots and breaks parent cycles without losing anyone", () => {
    const tree = buildTree([org("a", "b"), org("b", "a"), org("orphan", "missing")]);
    const ids = (nodes: typeof tree): string[] => nodes.flatMap((node) => [node.id, ...ids(node.children)]);
    expect(ids(tree).sort()).toEqual(["a", "b", "orphan"]);
  });

  it("committees: addMember posts the member, removeMember deletes it", async () => {
    const member = {
      committeeId: "c-1",
      personId: "p-1",
      position: "Chairman",
      startDate: "2024-01-01",
      endDate: null,
    };
    const api = fakeApi((request) =>
      request.method === "POST" ? Response.json(member, { status: 201 }) : new Response(null, { status: 204 }),
    );
    const crm = createCrmClient(options(api.fetch));
    expect(
      await crm.committees.addMember("c-1", { personId: "p-1", position: "Chairman", startDate: "2024-01-01" }),
    ).toEqual(member);
    await crm.committees.removeMember("c-1", "p-1");
    expect(api.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/v1/committees/c-1/members",
      "DELETE /api/v1/committees/c-1/members/p-1",
    ]);
  });

  it("throws NotFoundError from get", async () => {
    const api = fakeApi(() => Response.json({ title: "Not Found", status: 404 }, { status: 404 }));
    await expect(createCrmClient(options(api.fetch)).committees.get("c-404")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("core client and standalone resource factories", () => {
  it("createCrmCoreClient has no helpers; createPeople(core) gives the same methods as crm.people", async () => {
    const api = fakeApi(() => Response.json(person(1)));
    const core = createCrmCoreClient(options(api.fetch));
    expect("people" in core).toBe(false);
    expect(Object.keys(createPeople(core)).sort()).toEqual(
      Object.keys(createCrmClient(options(api.fetch)).people).sort(),
    );
    expect(await createPeople(core).get("p-1")).toMatchObject({ id: person(1).id });
    expect(api.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(["GET /api/v1/people/p-1"]);
  });

  it("withTenant on the full client keeps the helpers and sends the other tenant", async () => {
    const api = fakeApi(() => Response.json(person(1)));
    const east = createCrmClient(options(api.fetch)).withTenant("acme-east");
    await east.people.get("p-1");
    expect(east.tenantCode).toBe("acme-east");
    expect(api.apiRequests()[0]?.headers.get("tenant-code")).toBe("acme-east");
  });
});
