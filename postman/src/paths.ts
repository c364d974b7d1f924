import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The generated files, relative to the repository root (spec:update writes them there too). */
export const collectionFile = "postman/generated/engagifii-crm.postman_collection.json";
export const environmentFile = "postman/generated/engagifii-crm.postman_environment.json";

export const specPath = `${repositoryRoot}specs/engagifii-crm.openapi.yaml`;
export const generatedDirectory = `${repositoryRoot}postman/generated/`;
export const collectionPath = `${repositoryRoot}${collectionFile}`;
export const environmentPath = `${repositoryRoot}${environmentFile}`;
