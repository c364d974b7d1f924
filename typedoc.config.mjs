// `pnpm docs`: one API reference for the published packages, written to docs/api/ (gitignored).
import { OptionDefaults } from "typedoc";

const packageOptions = {
  entryPoints: ["src/index.ts"],
  excludeInternal: true,
  // openapi-typescript writes `@description` in the generated types; TypeDoc does not know the tag by default.
  blockTags: [...OptionDefaults.blockTags, "@description"],
  sourceLinkTemplate: "https://github.com/engagifii/crm-sdk-typescript/blob/{gitRevision}/{path}#L{line}",
};

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "Engagifii CRM SDK",
  entryPointStrategy: "packages",
  entryPoints: ["packages/types", "packages/client", "packages/mock-server", "packages/redis"],
  packageOptions,
  out: "docs/api",
  includeVersion: true,
};
