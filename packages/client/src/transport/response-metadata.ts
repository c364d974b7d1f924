/** What the transport learned about a logical request, kept beside the Response it returned. */
export interface ResponseMetadata {
  method: string;
  url: string;
  tenantCode: string | undefined;
  correlationId: string;
  attempts: number;
}

// The request's description for errors (never a body): unwrap() reads it from the response.
const metadata = new WeakMap<Response, ResponseMetadata>();

export function recordMetadata(response: Response, data: ResponseMetadata): void {
  metadata.set(response, data);
}

export function metadataOf(response: Response): ResponseMetadata | undefined {
  return metadata.get(response);
}

const requestIdHeaders = ["x-request-id", "request-id", "x-ms-request-id", "x-correlation-id"];

/** The server's id for the request when it sent one, else our correlation id. */
export function requestIdOf(headers: Headers | undefined, correlationId: string | undefined): string | undefined {
  if (headers) {
    for (const name of requestIdHeaders) {
      const value = headers.get(name);
      if (value) return value;
    }
  }
  return correlationId;
}

export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
