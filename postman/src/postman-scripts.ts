// The collection's scripts. They run inside Postman's sandbox (and newman's), so they are plain
// JavaScript source, kept here as strings; `pm` is Postman's scripting API.
import type { RecordLookup } from "./record-variables.js";

const generatedNote = "// Generated from the OpenAPI document by postman/scripts/generate.ts; do not edit here.";

/**
 * Sets `tenant-code`, fetches a client-credentials token once and reuses it until a minute before it
 * expires, then fills each record variable this request's path uses that no earlier request has set,
 * from the first item its collection lists (a nested collection's parents first).
 */
export function preRequestScript(tokenPath: string, scope: string, lookups: Record<string, RecordLookup>): string[] {
  return [
    generatedNote,
    "// Sets tenant-code on every request, fetches and caches the bearer token used by the collection's auth, and",
    "// fills the record variables ({{…}}) of this request's path that no earlier request has set.",
    'pm.request.headers.upsert({ key: "tenant-code", value: pm.variables.get("tenantCode") });',
    `if (pm.request.url.getPath() === ${JSON.stringify(tokenPath)}) return;`,
    "// For each record variable: the list whose first item it takes.",
    `const records = ${JSON.stringify(lookups)};`,
    "const withToken = (next) => {",
    '  const expiresAt = Number(pm.environment.get("accessTokenExpiresAt") || 0);',
    '  if (pm.environment.get("accessToken") && Date.now() < expiresAt - 60000) return next();',
    "  pm.sendRequest(",
    "    {",
    '      url: pm.variables.replaceIn(pm.variables.get("tokenUrl")),',
    '      method: "POST",',
    '      header: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },',
    "      body: {",
    '        mode: "urlencoded",',
    "        urlencoded: [",
    '          { key: "grant_type", value: "client_credentials" },',
    '          { key: "client_id", value: pm.variables.get("clientId") },',
    '          { key: "client_secret", value: pm.variables.get("clientSecret") },',
    `          { key: "scope", value: ${JSON.stringify(scope)} },`,
    "        ],",
    "      },",
    "    },",
    "    (error, response) => {",
    "      if (error) throw error;",
    '      if (response.code !== 200) throw new Error("token endpoint answered " + response.code + ": " + response.text());',
    "      const token = response.json();",
    '      pm.environment.set("accessToken", token.access_token);',
    '      pm.environment.set("accessTokenExpiresAt", String(Date.now() + token.expires_in * 1000));',
    "      next();",
    "    },",
    "  );",
    "};",
    "const fill = (names, next) => {",
    "  const [name, ...rest] = names;",
    "  if (name === undefined) return next();",
    "  const record = records[name];",
    "  if (record === undefined || pm.collectionVariables.get(name)) return fill(rest, next);",
    "  fill(Object.values(record.parents), () => {",
    "    const path = record.path.replace(/\\{([^}]+)\\}/g, (whole, parameter) =>",
    '      encodeURIComponent(pm.collectionVariables.get(record.parents[parameter]) || ""),',
    "    );",
    '    const query = Object.entries(record.query || {}).map(([key, value]) => key + "=" + value).join("&");',
    "    pm.sendRequest(",
    "      {",
    '        url: pm.variables.replaceIn("{{baseUrl}}") + path + (query ? "?" + query : ""),',
    "        method: record.method,",
    "        header: {",
    '          Authorization: "Bearer " + pm.environment.get("accessToken"),',
    '          "tenant-code": pm.variables.get("tenantCode"),',
    '          Accept: "application/json",',
    '          "Content-Type": "application/json",',
    "        },",
    '        body: record.body ? { mode: "raw", raw: JSON.stringify(record.body) } : undefined,',
    "      },",
    "      (error, response) => {",
    "        const page = !error && response.code < 300 ? response.json() : undefined;",
    "        const items = record.itemsField && page ? page[record.itemsField] : page;",
    "        const first = Array.isArray(items) ? items[0] : undefined;",
    "        const id = first ? first[record.keyField] : undefined;",
    "        if (id !== undefined && id !== null) pm.collectionVariables.set(name, String(id));",
    '        else console.warn("{{" + name + "}} stays unset: " + record.method + " " + path + " listed no record");',
    "        fill(rest, next);",
    "      },",
    "    );",
    "  });",
    "};",
    "const used = pm.request.url.variables",
    "  .all()",
    "  .map((variable) => /^\\{\\{(.+)\\}\\}$/.exec(String(variable.value)))",
    "  .filter((match) => match !== null)",
    "  .map((match) => match[1]);",
    "withToken(() => fill(used, () => undefined));",
  ];
}

/** Every response must be a 2xx: what `npm test`'s newman run checks. */
export const successTestScript = [
  generatedNote,
  'pm.test(pm.info.requestName + " answers 2xx", () => pm.expect(pm.response.code).to.be.within(200, 299));',
];

/** A create's test script: the requests after it use the record it created. */
export function createdRecordScript(variable: string, keyField: string): string[] {
  return [
    generatedNote,
    `// The requests after this one use the record it created ({{${variable}}}).`,
    "if (pm.response.code >= 200 && pm.response.code < 300) {",
    "  const read = (text) => {",
    "    try {",
    "      return JSON.parse(text) || {};",
    "    } catch (error) {",
    "      return {};",
    "    }",
    "  };",
    `  const key = ${JSON.stringify(keyField)};`,
    "  const created = read(pm.response.text());",
    "  const id = created[key] !== undefined ? created[key] : read(pm.request.body && pm.request.body.raw)[key];",
    `  if (id !== undefined && id !== null) pm.collectionVariables.set(${JSON.stringify(variable)}, String(id));`,
    "}",
  ];
}

/** A delete's test script: the record is gone, so the next request that names one finds another. */
export function deletedRecordScript(variable: string): string[] {
  return [
    generatedNote,
    `// The record is gone: the next request that names one ({{${variable}}}) finds another.`,
    `if (pm.response.code >= 200 && pm.response.code < 300) pm.collectionVariables.unset(${JSON.stringify(variable)});`,
  ];
}
