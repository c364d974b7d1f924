// The real client, pointed at the mock, with a fetch that records every exchange on the wire.
// The client calls this fetch for the token request too, so a test can see the token endpoint's
// answer without the client having to expose the token.
import { type CrmClient, type CrmClientOptions, createCrmClient } from "@engagifii/crm-client";

export interface Exchange {
  method: string;
  /** URL path without the query string. */
  path: string;
  requestHeaders: Headers;
  status: number;
  headers: Headers;
  /** The response body as text ("" when empty). */
  body: string;
}

export interface ContractClient {
  crm: CrmClient;
  /** Every exchange so far, oldest first. */
  exchanges: Exchange[];
}

export interface ContractClientOptions extends Omit<CrmClientOptions, "fetch"> {
  /** Changes a response after it was recorded, before the client sees it. */
  alterResponse?: (response: Response) => Response;
}

export function contractClient(url: string, { alterResponse, ...options }: ContractClientOptions = {}): ContractClient {
  const exchanges: Exchange[] = [];
  const crm = createCrmClient({
    // No tokenUrl: the client's default, the document's token URL on the base URL, is part of the contract.
    baseUrl: url,
    clientId: "contract-test",
    clientSecret: "contract-test-secret",
    tenantCode: "acme",
    rateLimit: false,
    env: {},
    ...options,
    fetch: async (request) => {
      const requestHeaders = new Headers(request.headers);
      const response = await globalThis.fetch(request);
      exchanges.push({
        method: request.method,
        path: new URL(request.url).pathname,
        requestHeaders,
        status: response.status,
        headers: response.headers,
        body: await response.clone().text(),
      });
      return alterResponse ? alterResponse(response) : response;
    },
  });
  return { crm, exchanges };
}
