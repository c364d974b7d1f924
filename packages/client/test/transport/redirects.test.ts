import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../src/index.js";
import { followRedirects } from "../../src/transport/redirects.js";
import { crmRequest, recordingNext } from "./request.js";

const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });

describe("followRedirects", () => {
  it("follows a GET anywhere, without the credentials once it leaves the origin", async () => {
    const request = crmRequest({ headers: new Headers({ authorization: "Bearer t" }) });
    const { next, seen } = recordingNext((_request, call) =>
      call === 1 ? redirect(302, "https://cdn.example.test/file") : new Response("ok"),
    );
    expect(await (await followRedirects(request, next)).text()).toBe("ok");
    expect(seen[1]?.url).toBe("https://cdn.example.test/file");
    expect(seen[1]?.headers.has("authorization")).toBe(false);
  });

  it("resends a POST after a 307 with the same method and body", async () => {
    const body = new TextEncoder().encode("{}").buffer;
    const { next, seen } = recordingNext((_request, call) =>
      call === 1 ? redirect(307, "/api/v1/moved") : new Response(null, { status: 201 }),
    );
    const response = await followRedirects(crmRequest({ method: "POST", body }), next);
    expect(response.status).toBe(201);
    expect(seen[1]).toMatchObject({ method: "POST", url: "https://crm.example.test/api/v1/moved", body });
  });

  it.each([301, 302, 303])("refuses a %i to a PUT, naming it", async (status) => {
    const { next, seen } = recordingNext(() => redirect(status, "/elsewhere"));
    const error = await followRedirects(crmRequest({ method: "PUT" }), next).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(`redirected (${status}) to https://crm.example.test/elsewhere`);
    expect(seen).toHaveLength(1);
  });

  it("stops after 5 redirects", async () => {
    const { next, seen } = recordingNext(() => redirect(302, "/again"));
    await expect(followRedirects(crmRequest(), next)).rejects.toThrow("after 5 redirects");
    expect(seen).toHaveLength(6);
  });
});
