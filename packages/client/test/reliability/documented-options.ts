/**
 * The options of CrmClientOptions as the sources of truth list them: the interface's own members
 * (read from the source with the TypeScript compiler, wherever the interface is declared under
 * src/) and the rows of the options table in the package README.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The member names of `interface CrmClientOptions`, in declaration order. */
export function declaredOptions(): string[] {
  const files = (readdirSync(join(packageRoot, "src"), { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts") && !file.includes("generated"))
    .map((file) => join(packageRoot, "src", file));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("interface CrmClientOptions")) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const declaration = source.statements.find(
      (statement): statement is ts.InterfaceDeclaration =>
        ts.isInterfaceDeclaration(statement) && statement.name.text === "CrmClientOptions",
    );
    if (declaration) return declaration.members.map((member) => member.name?.getText(source) ?? "");
  }
  throw new Error("no interface CrmClientOptions under src/");
}

/** The option names in the first column of the README's options table (`| Option | …`). */
export function readmeOptions(): string[] {
  const lines = readFileSync(join(packageRoot, "README.md"), "utf8").split("\n");
  const header = lines.findIndex((line) => /^\|\s*Option\s*\|/.test(line));
  if (header === -1) throw new Error("README.md has no table whose first column is 'Option'");
  const options: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    options.push(...[...(line.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ""));
  }
  return options;
}
