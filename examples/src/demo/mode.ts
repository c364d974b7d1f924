import { defaultBaseUrl } from "@engagifii/crm-client";

/** Where the demo runs: the embedded mock, or a live API from ENGAGIFII_* variables. */
export type DemoMode =
  | { kind: "mock"; write: true }
  | { kind: "live"; write: boolean; baseUrl: string; tenantCode: string; clientId: string; clientSecret: string };

const credentialVariables = ["ENGAGIFII_CLIENT_ID", "ENGAGIFII_CLIENT_SECRET", "ENGAGIFII_TENANT_CODE"] as const;

/**
 * Live when all three credential variables are set, the mock when none is. Half a configuration
 * is a mistake worth stopping for, rather than silently running against the mock.
 */
export function readMode(env: Record<string, string | undefined>, write: boolean): DemoMode {
  const missing = credentialVariables.filter((variable) => !env[variable]);
  if (missing.length === credentialVariables.length) return { kind: "mock", write: true };
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(" and ")} not set; set all of ${credentialVariables.join(", ")} to use a live API, or none to use the mock`,
    );
  }
  return {
    kind: "live",
    write,
    baseUrl: env.ENGAGIFII_BASE_URL || defaultBaseUrl,
    tenantCode: env.ENGAGIFII_TENANT_CODE as string,
    clientId: env.ENGAGIFII_CLIENT_ID as string,
    clientSecret: env.ENGAGIFII_CLIENT_SECRET as string,
  };
}
