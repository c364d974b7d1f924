// The CLI's own test document and resource map (test/fixtures/guide.*.yaml, frozen copies of our
// guide's): the tests of the CLI's machinery read these, never specs/, so a swap leaves them as they are.
import { fileURLToPath } from "node:url";
import { loadDocument } from "../src/document/load-document.js";

export const guideDocumentPath = fileURLToPath(new URL("fixtures/guide.openapi.yaml", import.meta.url));
export const guideMapPath = fileURLToPath(new URL("fixtures/guide.resources.yaml", import.meta.url));
export const guideDocument = loadDocument(guideDocumentPath);
