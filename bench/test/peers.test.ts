import { describe, expect, it } from "vitest";
import { smallPage } from "../src/fixtures.js";
import { peers } from "../src/peers/index.js";
import type { AnyFetch } from "../src/peers/peer.js";

const limit = { requests: 1_000, intervalMs: 60_000 };

/** A fetch that records each request and answers with `status` and `body`. */
function recordingFetch(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetch: AnyFetch = async (input, init) => {
    requests.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { requests, fetch };
}

// The side-by-side cases are only fair if every client does the same work on the same bytes.
describe.each(peers.map((peer) => [peer.name, peer] as const))("%s", (_name, peer) => {
  it("sends one GET with the token, the tenant and the query, and parses the page", async () => {
    const { requests, fetch } = recordingFetch(200, smallPage);
    await peer.create({ baseUrl: "https://api.bench.local", fetch, limit })();
    expect(requests).toHaveLength(1);
    const [request] = requests as [Request];
    expect(request.method).toBe("GET");
    expect(request.url).toBe("https://api.bench.local/api/v1/people?pageSize=10");
    expect(request.headers.get("authorization")).toMatch(/bench-token$/);
    expect(request.headers.get("tenant-code")).toBe("bench");
  });

  it("rejects when it does not get a page", async () => {
    const { fetch } = recordingFetch(404, { message: "not found" });
    await expect(peer.create({ baseUrl: "https://api.bench.local", fetch, limit })()).rejects.toThrow();
  });
});
