import type { Server } from "node:http";

/** Listens on host:port, rejecting with one line when the port is taken or not allowed. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new Error(`Port ${port} on ${host} is already in use`));
      else if (error.code === "EACCES") reject(new Error(`Permission denied to listen on port ${port} on ${host}`));
      else reject(new Error(`Could not listen on ${host}:${port}: ${error.message}`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
