import { once } from "node:events";
import { createServer } from "node:http";

export interface LimitServerOptions {
  /** At most this many API requests arrive in any `intervalMs`; more get a 429 with Retry-After. */
  requests: number;
  intervalMs: number;
  /** The `expires_in` of the tokens it hands out. */
  tokenLifetimeSeconds: number;
}

export interface LimitServerCounts {
  tokenRequests: number;
  ok: number;
  tooMany: number;
}

export interface LimitServer {
  url: string;
  counts: LimitServerCounts;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for the API as the multi-process proof needs it: an OAuth2 token endpoint
 * (`POST /oauth/token`) that counts its calls, and every other path answering 200 unless more than
 * `requests` arrived in the last `intervalMs` (one client, as the API counts per client).
 */
export async function startLimitServer(options: LimitServerOptions): Promise<LimitServer> {
  const counts: LimitServerCounts = { tokenRequests: 0, ok: 0, tooMany: 0 };
  const arrivals: number[] = [];
  let oldest = 0;

  const server = createServer((request, response) => {
    request.resume();
    if (request.method === "POST" && request.url === "/oauth/token") {
      counts.tokenRequests++;
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          access_token: `token-${counts.tokenRequests}`,
          token_type: "Bearer",
          expires_in: options.tokenLifetimeSeconds,
        }),
      );
      return;
    }
    const now = performance.timeOrigin + performance.now();
    while (oldest < arrivals.length && (arrivals[oldest] as number) <= now - options.intervalMs) oldest++;
    if (oldest > 10_000) oldest -= arrivals.splice(0, oldest).length;
    if (arrivals.length - oldest >= options.requests) {
      counts.tooMany++;
      const retryAfterMs = (arrivals[oldest] as number) + options.intervalMs - now;
      response.writeHead(429, { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) });
      response.end();
      return;
    }
    arrivals.push(now);
    counts.ok++;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ ok: true }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
