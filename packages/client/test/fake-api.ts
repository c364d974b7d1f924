/**
 * A scripted stand-in for the CRM API and its token endpoint, injected as the client's `fetch`.
 * Every request is recorded (with its body read once) so tests can assert on what went out.
 */
export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  headers: Headers;
  body: string;
}

export type Route = (request: RecordedRequest, attempt: number) => Response | Promise<Response>;

export const baseUrl = "https://crm.example.test";
export const tokenUrl = `${baseUrl}/oauth/token`;
export const clientSecret = "s3cr3t-client-secret-value";

let tokenCounter = 0;

export function tokenResponse(expiresIn = 3600, accessToken = `token-${++tokenCounter}-abcdefghijkl`): Response {
  return Response.json({
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: expiresIn,
    scope: "api:read api:write",
  });
}

export function page<T>(data: T[], totalCount: number, pageIndex: number, pageSize: number): Response {
  return Response.json({ data, totalCount, pageIndex, pageSize });
}

export function fakeApi(api: Route, token: Route = () => tokenResponse()) {
  const requests: RecordedRequest[] = [];
  let apiAttempts = 0;
  let tokenAttempts = 0;
  const fetch = async (request: Request, init?: { signal?: AbortSignal }): Promise<Response> => {
    const signal = init?.signal ?? request.signal;
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      headers: new Headers(request.headers),
      body: request.body ? await request.text() : "",
    };
    requests.push(recorded);
    if (signal.aborted) throw signal.reason;
    const isToken = url.pathname.endsWith("/oauth/token") || url.pathname.endsWith("/connect/token");
    const response = isToken ? token(recorded, ++tokenAttempts) : api(recorded, ++apiAttempts);
    return abortable(Promise.resolve(response), signal);
  };
  return {
    fetch,
    requests,
    apiRequests: () => requests.filter((request) => !request.path.endsWith("/token")),
    tokenRequests: () => requests.filter((request) => request.path.endsWith("/token")),
  };
}

/** Settles with the response, or rejects when the request's signal aborts (as real fetch does). */
function abortable(response: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    response.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** A response that never arrives (until the request is aborted). */
export const never = (): Promise<Response> => new Promise(() => undefined);

export const person = (index: number) => ({
  id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  firstName: "Person",
  lastName: String(index),
  email: `person${index}@example.com`,
  createdDate: "2024-01-15T10:30:00Z",
  isActive: true,
});

let clients = 0;

/** Options for a client of the fake API. Each call gets its own clientId, so no test shares another's cached token. */
export const options = (fetch: (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>) => ({
  baseUrl,
  tokenUrl,
  clientId: `client-${++clients}`,
  clientSecret,
  tenantCode: "acme",
  fetch,
  rateLimit: false as const,
  env: {},
});
