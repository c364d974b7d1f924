import type { CallSettings, CrmRequest } from "../../src/transport/pipeline.js";

/** A request as the transport's policies see it, with the client's defaults unless overridden. */
export function crmRequest(
  overrides: Partial<Omit<CrmRequest, "settings">> & { settings?: Partial<CallSettings> } = {},
): CrmRequest {
  const { settings, ...rest } = overrides;
  return {
    method: "GET",
    url: "https://crm.example.test/api/v1/people",
    headers: new Headers(),
    body: undefined,
    attemptSignal: undefined,
    trace: { correlationId: "", tenantCode: undefined, attempts: 0 },
    ...rest,
    settings: {
      maxRetries: 2,
      timeoutMs: 30_000,
      deadline: undefined,
      signal: undefined,
      idempotent: undefined,
      stream: false,
      maxResponseBytes: 10 * 1024 * 1024,
      tenantCode: undefined,
      ...settings,
    },
  };
}

/** A `next` that records the requests it gets and answers with `respond`. */
export function recordingNext(respond: (request: CrmRequest, call: number) => Response | Promise<Response>) {
  const seen: CrmRequest[] = [];
  const next = async (request: CrmRequest) => {
    seen.push(request);
    return respond(request, seen.length);
  };
  return { next, seen };
}
