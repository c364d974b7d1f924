import { chmod, mkdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { writeFileAtomically } from "../atomic-write.js";
import { CliError } from "../cli-error.js";
import { exitCodes } from "../exit-codes.js";

/** One named set of connection settings. The secret is stored here only by `engagifii configure`. */
export interface Profile {
  baseUrl?: string;
  tokenUrl?: string;
  tenantCode?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
}

export interface ProfileFile {
  profiles: Record<string, Profile>;
}

/** `$XDG_CONFIG_HOME/engagifii/config.json`, else `~/.config/engagifii/config.json`. */
export function profileFilePath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "engagifii", "config.json");
}

export async function readProfileFile(path: string): Promise<ProfileFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { profiles: {} };
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, { exitCode: exitCodes.configuration });
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProfileFile>;
    if (typeof parsed.profiles !== "object" || parsed.profiles === null) throw new Error("no `profiles` object");
    return { profiles: parsed.profiles };
  } catch (error) {
    throw new CliError(`${path} is not a valid profile file: ${(error as Error).message}`, {
      hint: "fix it, or delete it and run `engagifii configure`",
      exitCode: exitCodes.configuration,
    });
  }
}

/** Writes the file with mode 0600 (it may hold a client secret), atomically. */
export async function writeProfileFile(path: string, file: ProfileFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomically(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
  await chmod(path, 0o600); // the rename keeps the temporary file's mode, but an umask may have narrowed it further
}
