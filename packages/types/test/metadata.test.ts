import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateAll } from "../scripts/generate.js";

const fixture = fileURLToPath(new URL("fixtures/live-shaped.openapi.yaml", import.meta.url));

describe("generation from a live-shaped document", async () => {
  const files = await generateAll(fixture);
  const types = files["openapi.ts"] ?? "";
  const operations = files["operations.ts"] ?? "";
  const schemas = files["schemas.ts"] ?? "";

  it("takes the token URL and scopes from securitySchemes", () => {
    expect(operations).toContain('tokenUrl: "https://identity.example.com/connect/token"');
    expect(operations).toContain('scopes: ["crm.api"]');
  });

  it("detects the POST PagingList shape (1-based pageNumber, itemCount, result)", () => {
    expect(operations).toContain(
      '"/api/Person/PagingList": {"method":"post","location":"body","pageField":"pageNumber","firstPage":1,"itemsField":"result","totalField":"totalCount","sizeField":"itemCount","reportedSizeField":"itemCount"}',
    );
  });

  it("detects the GET pageIndex shape", () => {
    expect(operations).toContain(
      '"/api/v1/people": {"method":"get","location":"query","pageField":"pageIndex","firstPage":0',
    );
  });

  it("lists every operation with its method, path and operationId", () => {
    expect(operations).toContain('{ method: "get", path: "/api/Person/{id}", operationId: "PersonGet" }');
    expect(operations).not.toContain('"/api/Person/{id}": {');
  });

  it("removes tenant-code and Authorization header parameters, inline or referenced", () => {
    expect(types).not.toMatch(/"tenant-code"\??:/);
    expect(types).not.toMatch(/Authorization\??:/);
  });

  it("lists application/json before text/plain", () => {
    expect(types.indexOf('"application/json": components["schemas"]["PersonPagingList"]')).toBeLessThan(
      types.indexOf('"text/plain": components["schemas"]["PersonPagingList"]'),
    );
  });

  it("gives integer enums with x-enumNames a const of named values, and every schema an alias", () => {
    expect(schemas).toContain(
      "export const MemberStatus = {\n  Active: 0,\n  Inactive: 1,\n  Pending: 2,\n} as const;",
    );
    expect(schemas).toContain('export type PersonPagingList = components["schemas"]["PersonPagingList"];');
  });
});
