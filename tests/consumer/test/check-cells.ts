// Type-checks the cells of one TypeScript version in one process: `tsx check-cells.ts <typescript> <tsconfig>...`
// prints a JSON array with the diagnostics of each tsconfig. Each file is parsed once for all the cells (keyed by
// the settings that change how it parses, as TypeScript's language service does), so a cell costs its check only.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type * as TypeScript from "typescript";

export interface CellResult {
  config: string;
  /** The formatted diagnostics; empty when the cell type-checks. */
  diagnostics: string;
  ms: number;
}

function checkCells(ts: typeof TypeScript, configs: string[]): CellResult[] {
  const parsed = new Map<string, TypeScript.SourceFile | undefined>();
  const formatHost: TypeScript.FormatDiagnosticsHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => "\n",
  };
  return configs.map((config) => {
    const started = performance.now();
    const { config: json, error } = ts.readConfigFile(config, ts.sys.readFile);
    if (error) return { config, diagnostics: ts.formatDiagnostics([error], formatHost), ms: 0 };
    const { options, fileNames, errors } = ts.parseJsonConfigFileContent(json, ts.sys, dirname(config));
    const host = ts.createCompilerHost(options);
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, settings, ...rest) => {
      const key = `${fileName}|${JSON.stringify(settings)}`;
      if (!parsed.has(key)) parsed.set(key, parse(fileName, settings, ...rest));
      return parsed.get(key);
    };
    const program = ts.createProgram({ rootNames: fileNames, options, host, configFileParsingDiagnostics: errors });
    const diagnostics = ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), formatHost);
    return { config, diagnostics, ms: Math.round(performance.now() - started) };
  });
}

const [typescript, ...configs] = process.argv.slice(2);
if (!typescript || configs.length === 0) {
  console.error("usage: check-cells.ts <typescript module path> <tsconfig.json>...");
  process.exitCode = 1;
} else {
  const ts = createRequire(import.meta.url)(typescript) as typeof TypeScript;
  console.log(JSON.stringify(checkCells(ts, configs)));
}
