import { STATUS_CODES } from "node:http";

/** An answer the sandbox (not Prism) gives: a status, headers and a JSON body, if any. */
export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** An RFC 7807 problem details answer, in the ASP.NET Core shape the API uses (`title`, `status`, `detail`). */
export function problem(status: number, detail: string, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
    body: { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail },
  };
}
