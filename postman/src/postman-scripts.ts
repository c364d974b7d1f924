// The collection-level scripts. They run inside Postman's sandbox (and newman's), so they are
// plain JavaScript source, kept here as strings; `pm` is Postman's scripting API.

/** Fetches a client-credentials token once, reuses it until a minute before it expires, and sets `tenant-code`. */
export function preRequestScript(tokenPath: string, scope: string): string[] {
  return [
    "// Generated from the OpenAPI document by postman/scripts/generate.ts; do not edit here.",
    "// Sets tenant-code on every request, and fetches and caches the bearer token used by the collection's auth.",
    'pm.request.headers.upsert({ key: "tenant-code", value: pm.variables.get("tenantCode") });',
    `if (pm.request.url.getPath() === ${JSON.stringify(tokenPath)}) return;`,
    'const expiresAt = Number(pm.environment.get("accessTokenExpiresAt") || 0);',
    'if (pm.environment.get("accessToken") && Date.now() < expiresAt - 60000) return;',
    "pm.sendRequest(",
    "  {",
    '    url: pm.variables.replaceIn(pm.variables.get("tokenUrl")),',
    '    method: "POST",',
    '    header: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },',
    "    body: {",
    '      mode: "urlencoded",',
    "      urlencoded: [",
    '        { key: "grant_type", value: "client_credentials" },',
    '        { key: "client_id", value: pm.variables.get("clientId") },',
    '        { key: "client_secret", value: pm.variables.get("clientSecret") },',
    `        { key: "scope", value: ${JSON.stringify(scope)} },`,
    "      ],",
    "    },",
    "  },",
    "  (error, response) => {",
    "    if (error) throw error;",
    '    if (response.code !== 200) throw new Error("token endpoint answered " + response.code + ": " + response.text());',
    "    const token = response.json();",
    '    pm.environment.set("accessToken", token.access_token);',
    '    pm.environment.set("accessTokenExpiresAt", String(Date.now() + token.expires_in * 1000));',
    "  },",
    ");",
  ];
}

/** Every response must be a 2xx: what `npm test`'s newman run checks. */
export const successTestScript = [
  "// Generated from the OpenAPI document by postman/scripts/generate.ts; do not edit here.",
  'pm.test(pm.info.requestName + " answers 2xx", () => pm.expect(pm.response.code).to.be.within(200, 299));',
];
