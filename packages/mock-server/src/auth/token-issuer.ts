// Real-looking bearer tokens: HS256 JWTs signed with a key made at start-up, so the sandbox can
// tell its own tokens from made-up ones, and an expired token from a live one.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

export type TokenCheck = "valid" | "expired" | "invalid";

export interface TokenIssuer {
  issue(subject: string, scope: string): { accessToken: string; expiresIn: number };
  check(token: string): TokenCheck;
}

export function createTokenIssuer(options: { issuer: string; ttlSeconds: number; now: () => number }): TokenIssuer {
  const key = randomBytes(32);
  const sign = (content: string) => createHmac("sha256", key).update(content).digest("base64url");
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    issue(subject, scope) {
      const issuedAt = Math.floor(options.now() / 1000);
      const content = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({
        iss: options.issuer,
        sub: subject,
        scope,
        iat: issuedAt,
        exp: issuedAt + options.ttlSeconds,
        jti: randomUUID(),
      })}`;
      return { accessToken: `${content}.${sign(content)}`, expiresIn: options.ttlSeconds };
    },
    check(token) {
      const [header, payload, signature] = token.split(".");
      if (header === undefined || payload === undefined || signature === undefined) return "invalid";
      const expected = Buffer.from(sign(`${header}.${payload}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
      const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      const expiry = typeof claims === "object" && claims !== null && "exp" in claims ? Number(claims.exp) : 0;
      return options.now() < expiry * 1000 ? "valid" : "expired";
    },
  };
}
