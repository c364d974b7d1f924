import { tokenMetadata } from "@engagifii/crm-types";
import { describe, expect, it } from "vitest";
import { documentScope, documentTokenUrl } from "../src/document-defaults.js";
import { createCrmClient } from "../src/index.js";
import { fakeApi, options } from "./fake-api.js";

describe("defaults from the API document", () => {
  it("takes an identity server's absolute token URL as it is, and joins the declared scopes", () => {
    const identity = { tokenUrl: "https://identity.example.test/connect/token", scopes: ["crm.api", "offline"] };
    expect(documentTokenUrl("https://api.example.test/base", identity)).toBe(identity.tokenUrl);
    expect(documentScope(identity)).toBe("crm.api offline");
  });

  it("appends a token path to the base URL, keeping its base path, and falls back to /oauth/token", () => {
    expect(documentTokenUrl("https://api.example.test/base", { tokenUrl: "/connect/token", scopes: [] })).toBe(
      "https://api.example.test/base/connect/token",
    );
    expect(documentTokenUrl("https://api.example.test", { tokenUrl: undefined, scopes: [] })).toBe(
      "https://api.example.test/oauth/token",
    );
    expect(documentScope({ tokenUrl: undefined, scopes: [] })).toBeUndefined();
  });

  it("are the client's defaults: the token request goes to the committed document's token URL with its scopes", async () => {
    const api = fakeApi(() => Response.json({}));
    const { tokenUrl: _tokenUrl, ...settings } = options(api.fetch);
    const crm = createCrmClient(settings);
    await crm.GET("/" as never);
    const [request] = api.tokenRequests();
    expect(request?.url).toBe(documentTokenUrl(crm.baseUrl));
    expect(new URLSearchParams(request?.body).get("scope")).toBe(tokenMetadata.scopes.join(" ") || null);
  });

  it("sends no scope when scope is the empty string", async () => {
    const api = fakeApi(() => Response.json({}));
    await createCrmClient({ ...options(api.fetch), scope: "" }).GET("/" as never);
    expect(new URLSearchParams(api.tokenRequests()[0]?.body).has("scope")).toBe(false);
  });
});
