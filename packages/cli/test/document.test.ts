import { describe, expect, it } from "vitest";
import { CliError } from "../src/cli-error.js";
import { parseRateLimit } from "../src/config/resolve-config.js";
import { matchOperation, pathMatches } from "../src/document/operations.js";
import { guideDocument as document } from "./guide-document.js";

const failure = (method: string, path: string) => {
  try {
    matchOperation(document, method, path);
  } catch (error) {
    if (error instanceof CliError) return { message: error.message, hint: error.hint, exitCode: error.exitCode };
  }
  throw new Error("expected a CliError");
};

describe("matchOperation", () => {
  it("finds the operation for a concrete path, ignoring the case of the route", () => {
    expect(matchOperation(document, "get", "/API/v1/People/42").operationId).toBe("getPerson");
    expect(matchOperation(document, "DELETE", "/api/v1/committees/c-1/members/p-2").operationId).toBe(
      "removeCommitteeMember",
    );
    expect(pathMatches("/api/v1/people/{personId}", "/api/v1/people/42/")).toBe(true);
    expect(pathMatches("/api/v1/people/{personId}", "/api/v1/people/42/x")).toBe(false);
  });

  it("suggests the closest template for an unknown path", () => {
    expect(failure("GET", "/api/v1/persons/42")).toEqual({
      message: "/api/v1/persons/42 is not a path of the API",
      hint: "did you mean /api/v1/people/{personId}?",
      exitCode: 2,
    });
    expect(failure("GET", "/api/v2/organisations").hint).toBe("did you mean /api/v1/organizations?");
    expect(failure("GET", "/nothing/like/it").hint).toBe("see `engagifii api --list`");
  });

  it("names the methods of a known path", () => {
    expect(failure("PATCH", "/api/v1/people/42").message).toBe(
      "PATCH is not an operation of /api/v1/people/42; it has GET, PUT, DELETE",
    );
  });
});

describe("parseRateLimit", () => {
  it("reads requests per interval, per minute by default", () => {
    expect(parseRateLimit("600")).toEqual({ requests: 600, intervalMs: 60_000 });
    expect(parseRateLimit("50/1s")).toEqual({ requests: 50, intervalMs: 1_000 });
    expect(parseRateLimit("1000/60s")).toEqual({ requests: 1000, intervalMs: 60_000 });
    expect(parseRateLimit("10/500ms")).toEqual({ requests: 10, intervalMs: 500 });
    expect(() => parseRateLimit("fast")).toThrow("is not <requests>[/<interval>]");
    expect(() => parseRateLimit("0/1s")).toThrow(CliError);
  });
});
