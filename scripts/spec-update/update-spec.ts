import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { DroppedModel } from "../../packages/client/scripts/model-map.js";
import type { DroppedMethod } from "../../packages/client/scripts/resource-map.js";
import { type PullSpecResult, pullSpec } from "../spec/pull-spec.js";
import type { Level } from "./change.js";
import { changesetFileName, renderChangeset } from "./changeset.js";
import { diffSpec, type SpecDiff } from "./diff-spec.js";
import type { OpenApi } from "./openapi.js";
import { regenerate } from "./regenerate.js";
import { type TypecheckWorkspaceOptions, type TypeErrorReport, typecheckWorkspace } from "./typecheck-workspace.js";
import { readIfExists, writeAll } from "./write-all.js";

/** The repository this script belongs to. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The files spec:update writes, relative to the repository root. */
export const SPEC_FILE = "specs/engagifii-crm.openapi.yaml";
export const GENERATED_TYPES_FILE = "packages/types/src/generated/openapi.ts";
export const RESOURCE_MAP_FILE = "specs/resources.yaml";
export const CHANGESET_DIR = ".changeset";

export interface UpdateSpecOptions {
  /** The repository to update: its specs/, packages/types and packages/client. Default: this repository. */
  repoRoot?: string | undefined;
  /** URL or file to pull (JSON or YAML, Swagger 2.0 or OpenAPI 3). Default: $ENGAGIFII_SPEC_URL, else the live API. */
  from?: string | undefined;
  /** Directory a relative `from` is resolved against. Default: $INIT_CWD, else the working directory. */
  cwd?: string | undefined;
  /** Report only; write nothing. Default: false. */
  dryRun?: boolean | undefined;
  /** HTTP timeout for the pull, in milliseconds. Default: 30 000. */
  timeoutMs?: number | undefined;
  /** Environment for ENGAGIFII_SPEC_URL and INIT_CWD. Default: process.env. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Type-checks the workspace with the regenerated files. Default: tsc over every workspace package. */
  typecheck?: ((options: TypecheckWorkspaceOptions) => Promise<TypeErrorReport[]>) | undefined;
}

export interface UpdateSpecResult {
  pull: PullSpecResult;
  /** Undefined when the pulled document is byte-for-byte the committed one. */
  diff: (SpecDiff & { level: Level }) | undefined;
  /** Errors in hand-written code of any workspace package (tests and examples too) compiled against the new files. */
  typeErrors: TypeErrorReport[];
  /** Resource helpers of specs/resources.yaml whose operation is gone: dropped from the client, a breaking change. */
  droppedHelpers: DroppedMethod[];
  /** Operations of the new document that no helper maps: suggestions for specs/resources.yaml. */
  unmappedOperations: string[];
  /** Model types of specs/resources.yaml whose schema is gone: no longer exported, a breaking change. */
  droppedModels: DroppedModel[];
  /** A breaking spec change, a dropped helper, or one that breaks hand-written code. */
  breaking: boolean;
  /** The changeset written (or, in a dry run, that would be written), relative to the repository root. */
  changeset: { file: string; text: string } | undefined;
  /** Files written, relative to the repository root; empty for a dry run or no change. */
  written: string[];
}

/**
 * Pulls the spec into a temporary file, classifies its changes against the committed one, generates the types, the
 * operation metadata, the resource helpers of specs/resources.yaml and the CLI's resource commands (dropping the entries whose operation is gone)
 * and the Postman collection and environment, and type-checks every workspace package against them; only then,
 * unless it is a dry run, writes the spec, the generated files and a changeset, restoring them all if one of the
 * writes fails.
 */
export async function updateSpec(options: UpdateSpecOptions = {}): Promise<UpdateSpecResult> {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const work = await mkdtemp(join(tmpdir(), "spec-update-"));
  try {
    const pulledPath = join(work, "pulled.openapi.yaml");
    const pull = await pullSpec({
      from: options.from,
      out: pulledPath,
      cwd: options.cwd,
      env: options.env,
      timeoutMs: options.timeoutMs,
    });
    const pulled = (await readIfExists(pulledPath)) ?? "";
    const specPath = join(repoRoot, SPEC_FILE);
    const committed = await readIfExists(specPath);
    if (committed === pulled)
      return {
        pull,
        diff: undefined,
        typeErrors: [],
        droppedHelpers: [],
        unmappedOperations: [],
        droppedModels: [],
        breaking: false,
        changeset: undefined,
        written: [],
      };

    const spec = diffSpec(
      committed === undefined ? { paths: {} } : (parse(committed) as OpenApi),
      parse(pulled) as OpenApi,
    );
    // Bytes differ but nothing the classifier knows about does (say, a path item's summary): call it docs.
    const diff = { ...spec, level: spec.level ?? "patch" };
    if (spec.level === undefined)
      diff.document = [{ level: "patch", message: "other changes with no effect on types", docs: "other text" }];

    const { files: regenerated, resources } = await regenerate(pulledPath, join(repoRoot, RESOURCE_MAP_FILE));
    const typeErrors = await (options.typecheck ?? typecheckWorkspace)({ repoRoot, files: regenerated });
    const breaking =
      diff.level === "major" ||
      resources.dropped.length > 0 ||
      resources.droppedModels.length > 0 ||
      typeErrors.length > 0;
    const changeset = {
      file: `${CHANGESET_DIR}/${changesetFileName(pulled)}`,
      text: renderChangeset(diff, pull.title || "API", resources.dropped, resources.droppedModels),
    };
    const files = [
      { path: SPEC_FILE, text: pulled },
      ...Object.entries(regenerated).map(([path, text]) => ({ path, text })),
      { path: changeset.file, text: changeset.text },
    ];
    if (!options.dryRun) await writeAll(files.map(({ path, text }) => ({ path: join(repoRoot, path), text })));
    return {
      pull,
      diff,
      typeErrors,
      droppedHelpers: resources.dropped,
      unmappedOperations: resources.unmapped,
      droppedModels: resources.droppedModels,
      breaking,
      changeset,
      written: options.dryRun ? [] : files.map(({ path }) => path),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
