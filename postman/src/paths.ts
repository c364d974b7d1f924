import { fileURLToPath } from "node:url";

export const specPath = fileURLToPath(new URL("../../specs/engagifii-crm.openapi.yaml", import.meta.url));
export const generatedDirectory = fileURLToPath(new URL("../generated/", import.meta.url));
export const collectionPath = `${generatedDirectory}engagifii-crm.postman_collection.json`;
export const environmentPath = `${generatedDirectory}engagifii-crm.postman_environment.json`;
