import { describe, expect, it } from "vitest";
import { documentTokenUrl } from "../src/document-defaults.js";
import { ConfigurationError, type CrmClientOptions, defaultBaseUrl } from "../src/index.js";
import { fakeApi, options, page } from "./fake-api.js";
import { createTransportClient } from "./fixtures/transport-client.js";

const valid: CrmClientOptions = { clientId: "id", clientSecret: "secret", tenantCode: "acme", env: {} };

/** `valid` without one option, as a user who forgot it would pass. */
function without(option: keyof CrmClientOptions): CrmClientOptions {
  const { [option]: _omitted, ...rest } = valid;
  return rest;
}

function configError(create: () => unknown): ConfigurationError {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("configuration", () => {
  it("defaults baseUrl to the spec's server and tokenUrl to the document's (our guide's: baseUrl/oauth/token)", async () => {
    const api = fakeApi(() => page([], 0, 0, 50));
    const crm = createTransportClient({ ...valid, fetch: api.fetch, rateLimit: false });
    expect(crm.baseUrl).toBe(defaultBaseUrl);
    await crm.GET("/api/v1/people");
    expect(api.tokenRequests()[0]?.url).toBe(documentTokenUrl(defaultBaseUrl));
    expect(api.apiRequests()[0]?.url).toBe(`${defaultBaseUrl}/api/v1/people`);
  });

  it("reads every option from ENGAGIFII_* environment variables", async () => {
    const api = fakeApi(() => page([], 0, 0, 50));
    const crm = createTransportClient({
      fetch: api.fetch,
      rateLimit: false,
      env: {
        ENGAGIFII_BASE_URL: "https://env.example.test/",
        ENGAGIFII_CLIENT_ID: "env-id",
        ENGAGIFII_CLIENT_SECRET: "env-secret",
        ENGAGIFII_TENANT_CODE: "env-tenant",
        ENGAGIFII_TOKEN_URL: "https://id.example.test/connect/token",
        ENGAGIFII_SCOPE: "api:read",
        ENGAGIFII_LOG: "off",
      },
    });
    expect(crm.baseUrl).toBe("https://env.example.test");
    expect(crm.tenantCode).toBe("env-tenant");
    await crm.GET("/api/v1/people");
    const form = new URLSearchParams(api.tokenRequests()[0]?.body);
    expect(api.tokenRequests()[0]?.url).toBe("https://id.example.test/connect/token");
    expect([form.get("client_id"), form.get("client_secret"), form.get("scope")]).toEqual([
      "env-id",
      "env-secret",
      "api:read",
    ]);
    expect(api.apiRequests()[0]?.headers.get("tenant-code")).toBe("env-tenant");
  });

  it("prefers explicit options over the environment", () => {
    const crm = createTransportClient({ ...valid, env: { ENGAGIFII_TENANT_CODE: "from-env" } });
    expect(crm.tenantCode).toBe("acme");
  });

  it.each([
    [without("tenantCode"), "tenantCode (or ENGAGIFII_TENANT_CODE) is required"],
    [{ ...valid, tenantCode: "  " }, "tenantCode (or ENGAGIFII_TENANT_CODE) is required"],
    [without("clientId"), "clientId (or ENGAGIFII_CLIENT_ID) is required"],
    [{ ...valid, clientSecret: "" }, "clientSecret (or ENGAGIFII_CLIENT_SECRET) is required"],
    [{ ...valid, baseUrl: "not a url" }, "baseUrl (or ENGAGIFII_BASE_URL) must be an absolute URL"],
    [{ ...valid, baseUrl: "ftp://example.com" }, "baseUrl (or ENGAGIFII_BASE_URL) must use https"],
    [
      { ...valid, baseUrl: "http://crm.example.com" },
      "baseUrl (or ENGAGIFII_BASE_URL) must use https (plain http only to loopback hosts)",
    ],
    [{ ...valid, tokenUrl: "http://10.0.0.1/oauth/token" }, "tokenUrl (or ENGAGIFII_TOKEN_URL) must use https"],
    [{ ...valid, baseUrl: "https://user:pw@example.com" }, "must not contain credentials"],
    [
      { ...valid, tenantCode: "acme\r\nx-admin: true" },
      "tenantCode (or ENGAGIFII_TENANT_CODE) tenant-code header value",
    ],
    [
      { ...valid, logLevel: "verbose" as never },
      "logLevel (or ENGAGIFII_LOG) must be one of off, error, warn, info, debug",
    ],
    [{ ...valid, maxRetries: -1 }, "maxRetries must be a whole number from 0 to 10, got -1"],
    [{ ...valid, maxRetries: "3" as never }, "maxRetries must be a whole number from 0 to 10, got string"],
    [{ ...valid, timeoutMs: 0 }, "timeoutMs must be a whole number"],
    [{ ...valid, rateLimit: { requests: 0 } }, "rateLimit.requests must be a whole number"],
    [{ ...valid, rateLimit: true as never }, "rateLimit must be false or { requests, intervalMs }"],
    [{ ...valid, clientId: 42 as never }, "clientId (or ENGAGIFII_CLIENT_ID) must be a string, got number"],
    [{ ...valid, fetch: "fetch" as never }, "fetch must be a function"],
    [{ ...valid, logger: {} as never }, "logger must have error, warn, info and debug methods"],
    [{ ...valid, accessToken: 12 as never }, "accessToken must be a string or a function"],
  ] as [CrmClientOptions, string][])("rejects bad configuration at construction: %#", (bad, message) => {
    expect(configError(() => createTransportClient(bad)).message).toContain(message);
  });

  it("allows plain http to loopback hosts", () => {
    for (const baseUrl of ["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"]) {
      expect(createTransportClient({ ...valid, baseUrl }).baseUrl).toBe(baseUrl);
    }
  });

  it("names the option and its environment variable", () => {
    const error = configError(() => createTransportClient({ clientId: "id", clientSecret: "secret", env: {} }));
    expect(error).toMatchObject({ option: "tenantCode", environmentVariable: "ENGAGIFII_TENANT_CODE" });
  });

  it("refuses a clientSecret in a browser unless dangerouslyAllowBrowser is set", () => {
    const scope = globalThis as { window?: unknown; document?: unknown };
    scope.window = {};
    scope.document = {};
    try {
      expect(configError(() => createTransportClient(valid)).message).toContain("dangerouslyAllowBrowser");
      expect(() => createTransportClient({ ...valid, dangerouslyAllowBrowser: true })).not.toThrow();
      expect(() =>
        createTransportClient({ tenantCode: "acme", accessToken: "token-from-server", env: {} }),
      ).not.toThrow();
    } finally {
      delete scope.window;
      delete scope.document;
    }
  });
});

describe("tenant", () => {
  it("sends tenant-code on every API request but not to the token endpoint", async () => {
    const api = fakeApi(() => page([], 0, 0, 50));
    await createTransportClient(options(api.fetch)).GET("/api/v1/people");
    expect(api.tokenRequests()[0]?.headers.has("tenant-code")).toBe(false);
    expect(api.apiRequests()[0]?.headers.get("tenant-code")).toBe("acme");
  });

  it("withTenant and the per-request tenantCode override it visibly", async () => {
    const api = fakeApi(() => page([], 0, 0, 50));
    const crm = createTransportClient(options(api.fetch));
    const east = crm.withTenant("acme-east");
    await east.GET("/api/v1/people");
    await crm.GET("/api/v1/people", { tenantCode: "acme-west" });
    await crm.GET("/api/v1/people");
    expect(east.tenantCode).toBe("acme-east");
    expect(api.apiRequests().map((request) => request.headers.get("tenant-code"))).toEqual([
      "acme-east",
      "acme-west",
      "acme",
    ]);
  });

  it("rejects header-unsafe tenant codes", async () => {
    const crm = createTransportClient(options(fakeApi(() => page([], 0, 0, 50)).fetch));
    expect(() => crm.withTenant("evil\nheader")).toThrow(/CR, LF/);
    expect(() => crm.withTenant("")).toThrow(/non-empty/);
    await expect(crm.GET("/api/v1/people", { tenantCode: "a\r\nb" })).rejects.toThrow(/CR, LF/);
  });
});
