import { isObject, type OpenApiDocument } from "./document.js";

// Global names a schema alias would shadow for whoever imports it: these get an `Api` prefix (`Error` → `ApiError`).
const GLOBAL_NAMES = new Set(
  "Error Object Array Date Promise Record Map Set Function String Number Boolean Symbol Response Request Headers URL Blob File".split(
    " ",
  ),
);
// Names index.ts exports itself.
const TAKEN = new Set(["Schema", "paths", "components", "operations", "webhooks", "$defs"]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript name for a schema: `Engagifii.Crm.PersonDto` → `PersonDto`, `Error` → `ApiError`. */
export function aliasName(schemaName: string): string | undefined {
  const last = schemaName.split(".").pop() ?? "";
  const cleaned = last.replace(/[^A-Za-z0-9_$]/g, "");
  const name = GLOBAL_NAMES.has(cleaned) ? `Api${cleaned}` : cleaned;
  return IDENTIFIER.test(name) && !TAKEN.has(name) ? name : undefined;
}

function enumConst(name: string, schema: Record<string, unknown>): string | undefined {
  const names = schema["x-enumNames"] ?? schema["x-enum-varnames"];
  const values = schema.enum;
  if (!Array.isArray(values) || !Array.isArray(names) || names.length !== values.length) return undefined;
  const members = names.map((member, index) => {
    const key = IDENTIFIER.test(String(member)) ? String(member) : JSON.stringify(String(member));
    return `  ${key}: ${JSON.stringify(values[index])},`;
  });
  return `/** The named values of \`${name}\` (from \`x-enumNames\`). */\nexport const ${name} = {\n${members.join("\n")}\n} as const;`;
}

/**
 * `src/generated/schemas.ts`: a type alias for every schema (`Person` for
 * `components["schemas"]["Person"]`), and a const of named values for each integer enum with
 * `x-enumNames` (`MemberRole.Chair === 0`). Generated, so that a spec swap renames them with the
 * document instead of breaking a hand-written list. A name two schemas would share goes to the first.
 */
export function renderSchemas(document: OpenApiDocument, header: string): string {
  const lines: string[] = [];
  const used = new Set<string>();
  for (const [schemaName, schema] of Object.entries(document.components?.schemas ?? {})) {
    const name = aliasName(schemaName);
    if (name === undefined || used.has(name)) continue;
    used.add(name);
    lines.push(`export type ${name} = components["schemas"][${JSON.stringify(schemaName)}];`);
    const constant = isObject(schema) ? enumConst(name, schema) : undefined;
    if (constant) lines.push(constant);
  }
  const body =
    lines.length > 0 ? `import type { components } from "./openapi.js";\n\n${lines.join("\n")}\n` : "export {};\n";
  return header + body;
}
