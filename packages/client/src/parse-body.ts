import { InvalidResponseError } from "./errors.js";
import { contextOf } from "./unwrap.js";

/**
 * A success body asked for as JSON: openapi-fetch read it as text (`parseAs: "text"`), and it
 * is decoded here, so that a body that is not JSON (an HTML maintenance page behind a 200, a
 * body cut off by a proxy) becomes an InvalidResponseError with a scrubbed excerpt, not a bare SyntaxError.
 */
export function decodeJson(text: string, response: Response, scrub: (text: string) => string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const context = contextOf(response);
    // The excerpt goes into the error, so a secret the server echoed into the body is removed.
    const clean = scrub(text);
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
