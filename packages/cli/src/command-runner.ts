import type { Command } from "commander";
import type { GlobalFlags } from "./config/resolve-config.js";
import { type Connection, connect } from "./connect.js";

/** The global flags, as commander collected them on any command. */
export function globalFlags(command: Command): GlobalFlags {
  return command.optsWithGlobals() as GlobalFlags;
}

/** Runs an action with a connected client and closes the embedded mock afterwards. */
export async function withConnection<T>(command: Command, action: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await connect(globalFlags(command), process.env);
  try {
    return await action(connection);
  } finally {
    await connection.close();
  }
}
