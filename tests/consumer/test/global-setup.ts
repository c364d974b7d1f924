import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { createConsumerProject } from "./consumer-project.js";

/** One install of the tarballs, shared by the runtime test and the type matrix. */
export default async function setup(project: TestProject) {
  const consumer = await createConsumerProject();
  console.log(`consumer project setup (ms): ${JSON.stringify(consumer.timings)}`);
  project.provide("consumerProject", consumer.project);
  return () => rm(consumer.project, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    consumerProject: string;
  }
}
