import type { ParseAs } from "openapi-fetch";
import { InvalidResponseError } from "./errors.js";
import { bufferedBody } from "./transport/response-metadata.js";
import { contextOf } from "./unwrap.js";

/** Whether `parseAs` needs the body's bytes rather than its text. */
export function isBinary(parseAs: ParseAs): boolean {
  return parseAs === "arrayBuffer" || parseAs === "blob" || parseAs === "stream";
}

/**
 * A success body as openapi-fetch's `parseAs` asks for it, from what the transport read
 * (synchronously then), or read now from a response that did not go through the transport.
 * Either way the body is bytes exactly when `isBinary(parseAs)`, text otherwise.
 */
export function parseBody(response: Response, parseAs: ParseAs, scrub: (text: string) => string): unknown {
  const body = bufferedBody(response);
  if (body !== undefined) return decode(body, response, parseAs, scrub);
  const read = isBinary(parseAs) ? response.arrayBuffer() : response.text();
  return read.then((fresh: string | ArrayBuffer) => decode(fresh, response, parseAs, scrub));
}

function decode(
  body: string | ArrayBuffer,
  response: Response,
  parseAs: ParseAs,
  scrub: (text: string) => string,
): unknown {
  if (typeof body !== "string") {
    if (parseAs === "blob") return new Blob([body], { type: response.headers.get("content-type") ?? "" });
    if (parseAs === "stream") return new Response(body).body;
    return body;
  }
  if (parseAs === "text") return body;
  if (body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch (error) {
    const context = contextOf(response);
    // The excerpt goes into the error, so a secret the server echoed into the body is removed.
    const clean = scrub(body);
    const excerpt = clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
    throw new InvalidResponseError(
      `${context.method} ${context.path} returned ${response.status} with a body that is not valid JSON`,
      response.status,
      excerpt,
      context,
      { cause: error },
    );
  }
}
