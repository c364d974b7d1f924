import type { ParseAs } from "openapi-fetch";
import { InvalidResponseError } from "./errors.js";
import { bufferedBody } from "./transport/response-metadata.js";
import { contextOf } from "./unwrap.js";

const decoder = new TextDecoder();

/**
 * A success body as openapi-fetch's `parseAs` asks for it, from the bytes the transport read
 * (synchronously then), or read now from a response that did not go through the transport.
 */
export function parseBody(response: Response, parseAs: ParseAs): unknown {
  const bytes = bufferedBody(response);
  return bytes
    ? decode(bytes, response, parseAs)
    : response.arrayBuffer().then((read) => decode(read, response, parseAs));
}

function decode(bytes: ArrayBuffer, response: Response, parseAs: ParseAs): unknown {
  if (parseAs === "arrayBuffer") return bytes;
  if (parseAs === "blob") return new Blob([bytes], { type: response.headers.get("content-type") ?? "" });
  if (parseAs === "stream") return new Response(bytes).body;
  const text = decoder.decode(bytes);
  if (parseAs === "text") return text;
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const context = contextOf(response);
    throw new InvalidResponseError(
      `${context.method} ${context.path} returned ${response.status} with a body that is not valid JSON`,
      response.status,
      text.length > 500 ? `${text.slice(0, 500)}…` : text,
      context,
      { cause: error },
    );
  }
}
