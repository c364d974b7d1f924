import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";
import { type Profile, profileFilePath, readProfileFile } from "./profile-file.js";

/** The global flags every command takes. */
export interface GlobalFlags {
  profile?: string;
  tenant?: string;
  baseUrl?: string;
  rateLimit?: string;
  spec?: string;
  mock?: boolean;
}

export interface CliConfig extends Profile {
  profileName: string;
  rateLimit: { requests: number; intervalMs: number };
  /** Where each setting came from, for `auth check`. */
  sources: Partial<Record<keyof Profile, "flag" | "environment" | "profile">>;
}

const environmentNames: Record<keyof Profile, string> = {
  baseUrl: "ENGAGIFII_BASE_URL",
  tokenUrl: "ENGAGIFII_TOKEN_URL",
  tenantCode: "ENGAGIFII_TENANT_CODE",
  clientId: "ENGAGIFII_CLIENT_ID",
  clientSecret: "ENGAGIFII_CLIENT_SECRET",
  scope: "ENGAGIFII_SCOPE",
};

/** Flags first, then ENGAGIFII_* variables, then the profile file. */
export async function resolveConfig(flags: GlobalFlags, env: Record<string, string | undefined>): Promise<CliConfig> {
  const profileName = flags.profile || env.ENGAGIFII_PROFILE || "default";
  const path = profileFilePath(env);
  const file = await readProfileFile(path);
  const profile = file.profiles[profileName];
  if (!profile && profileName !== "default") {
    throw new CliError(`no profile named "${profileName}" in ${path}`, {
      hint: `create it with \`engagifii configure --profile ${profileName}\``,
      exitCode: exitCodes.configuration,
    });
  }
  const fromFlags: Profile = {
    ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
    ...(flags.tenant ? { tenantCode: flags.tenant } : {}),
  };
  const config: CliConfig = {
    profileName,
    rateLimit: parseRateLimit(flags.rateLimit || env.ENGAGIFII_RATE_LIMIT || "1000/60s"),
    sources: {},
  };
  for (const key of Object.keys(environmentNames) as (keyof Profile)[]) {
    const candidates: [string | undefined, "flag" | "environment" | "profile"][] = [
      [fromFlags[key], "flag"],
      [env[environmentNames[key]], "environment"],
      [profile?.[key], "profile"],
    ];
    const found = candidates.find(([value]) => value !== undefined && value !== "");
    if (found) {
      config[key] = found[0] as string;
      config.sources[key] = found[1];
    }
  }
  return config;
}

/** `1000/60s`, `50/1s` or `600` (per minute) → the client's `rateLimit` option. */
export function parseRateLimit(text: string): { requests: number; intervalMs: number } {
  const match = /^(\d+)(?:\/(\d+)(ms|s|m))?$/.exec(text.trim());
  const requests = Number(match?.[1]);
  if (!match || !Number.isInteger(requests) || requests < 1) {
    throw new CliError(`--rate-limit "${text}" is not <requests>[/<interval>], e.g. 1000/60s or 50/1s`, {
      exitCode: exitCodes.usage,
    });
  }
  const amount = match[2] === undefined ? 60 : Number(match[2]);
  const unit = match[3] ?? "s";
  const intervalMs = amount * (unit === "ms" ? 1 : unit === "s" ? 1000 : 60_000);
  if (intervalMs < 1) throw new CliError(`--rate-limit "${text}" has an empty interval`, { exitCode: exitCodes.usage });
  return { requests, intervalMs };
}
