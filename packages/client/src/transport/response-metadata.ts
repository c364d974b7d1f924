/** What the transport learned about a logical request, kept beside the Response it returned. */
export interface ResponseMetadata {
  method: string;
  url: string;
  tenantCode: string | undefined;
  correlationId: string;
  attempts: number;
  /** A success's body, already read (text, or bytes when binary was asked for), so that the response is not read again. */
  body: string | ArrayBuffer | undefined;
}

const metadata = new WeakMap<Response, ResponseMetadata>();
const decoder = new TextDecoder();

export function recordMetadata(response: Response, data: ResponseMetadata): void {
  metadata.set(response, data);
}

export function metadataOf(response: Response): ResponseMetadata | undefined {
  return metadata.get(response);
}

/** The body the transport read, if it read this response's. */
export function bufferedBody(response: Response): string | ArrayBuffer | undefined {
  return metadata.get(response)?.body;
}

/** The response's body as text: as the transport read it, or read now. */
export function readText(response: Response): Promise<string> {
  const body = bufferedBody(response);
  if (typeof body === "string") return Promise.resolve(body);
  return body ? Promise.resolve(decoder.decode(body)) : response.text();
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
