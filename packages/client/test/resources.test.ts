import { type PagedOperationMetadata, pagedOperations } from "@engagifii/crm-types";
import { describe, expect, it } from "vitest";
import { generateResources } from "../scripts/generate-resources.js";
import { buildTree, createCrmClient, createCrmCoreClient, createResources, NotFoundError } from "../src/index.js";
import type { Paginator } from "../src/pagination/paginator.js";
import { extend } from "../src/resources/extensions.js";
import { fakeApi, options, person } from "./fake-api.js";

// Driven by specs/resources.yaml and the document, so that a spec swap and a map edit keep these tests valid.
const { resources } = await generateResources();
const shapes = pagedOperations as Record<string, PagedOperationMetadata>;

type Helper = (...args: unknown[]) => Promise<unknown> | Paginator<unknown>;

const org = (id: string, parentId: string | null) => ({ id, name: id, parentId });

describe("resource helpers generated from specs/resources.yaml", () => {
  for (const resource of resources) {
    for (const method of resource.methods) {
      it(`${resource.name}.${method.name} sends ${method.method.toUpperCase()} ${method.path}`, async () => {
        const shape = shapes[method.path];
        const api = fakeApi(() =>
          method.paginate && shape
            ? Response.json({ [shape.itemsField]: [person(1)], [shape.totalField]: 1 })
            : Response.json(person(1)),
        );
        const helpers = createCrmClient(options(api.fetch)) as unknown as Record<string, Record<string, Helper>>;
        const values = method.pathParameters.map((_, index) => `value-${index}`);
        const args: unknown[] = [...values];
        if (!method.paginate && method.hasBody) args.push({ name: "body" });
        const call = helpers[resource.name]?.[method.name];
        expect(call, "the helper exists").toBeTypeOf("function");
        const result = call?.(...args);
        const outcome = method.paginate ? await (result as Paginator<unknown>).toArray() : await result;
        expect(outcome).toEqual(method.paginate ? [person(1)] : person(1));
        const [request] = api.apiRequests();
        const expectedPath = method.pathParameters.reduce(
          (path, name, index) => path.replace(`{${name}}`, values[index] ?? ""),
          method.path,
        );
        expect(`${request?.method} ${request?.path}`).toBe(`${method.method.toUpperCase()} ${expectedPath}`);
        if (!method.paginate && method.hasBody) expect(JSON.parse(request?.body ?? "")).toEqual({ name: "body" });
      });
    }
  }

  it("throw the CrmApiError for the status", async () => {
    const api = fakeApi(() => Response.json({ title: "Not Found", status: 404 }, { status: 404 }));
    const helpers = createCrmClient(options(api.fetch)) as unknown as Record<string, Record<string, Helper>>;
    const single = resources.flatMap((resource) =>
      resource.methods.filter((method) => !method.paginate).map((method) => ({ resource, method })),
    )[0];
    if (!single) return;
    const args = [...single.method.pathParameters.map(() => "x"), ...(single.method.hasBody ? [{}] : [])];
    await expect(helpers[single.resource.name]?.[single.method.name]?.(...args)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("hand-written extensions", () => {
  it("organizations get tree(), built from the paged flat list", async () => {
    const all = [org("acme", null), org("eng", "acme"), org("web", "eng"), org("sales", "acme"), org("other", null)];
    const iterate = () => ({ toArray: async () => all }) as unknown as Paginator<ReturnType<typeof org>>;
    const core = createCrmCoreClient(options(fakeApi(() => Response.json({})).fetch));
    const tree = await extend("organizations", core, { iterate }).tree();
    expect(tree.map((node) => node.id)).toEqual(["acme", "other"]);
    expect(tree[0]?.children.map((node) => node.id)).toEqual(["eng", "sales"]);
    expect(tree[0]?.children[0]?.children.map((node) => node.id)).toEqual(["web"]);
    expect("tree" in extend("people", core, { iterate })).toBe(false);
  });

  it("buildTree keeps orphans as roots and breaks parent cycles without losing anyone", () => {
    const tree = buildTree([org("a", "b"), org("b", "a"), org("orphan", "missing")]);
    const ids = (nodes: typeof tree): string[] => nodes.flatMap((node) => [node.id, ...ids(node.children)]);
    expect(ids(tree).sort()).toEqual(["a", "b", "orphan"]);
  });
});

describe("core client and standalone resource factories", () => {
  it("createCrmCoreClient has no helpers; createResources(core) gives the same helpers as the full client", () => {
    const api = fakeApi(() => Response.json(person(1)));
    const core = createCrmCoreClient(options(api.fetch));
    const full = createCrmClient(options(api.fetch)) as unknown as Record<string, object>;
    for (const resource of resources) {
      expect(resource.name in core).toBe(false);
      const helpers = createResources(core) as unknown as Record<string, object>;
      expect(Object.keys(helpers[resource.name] ?? {}).sort()).toEqual(Object.keys(full[resource.name] ?? {}).sort());
    }
  });

  it("withTenant on the full client keeps the helpers and sends the other tenant", async () => {
    const api = fakeApi(() => Response.json(person(1)));
    const east = createCrmClient(options(api.fetch)).withTenant("acme-east");
    expect(east.tenantCode).toBe("acme-east");
    for (const resource of resources) expect(resource.name in east).toBe(true);
  });
});
