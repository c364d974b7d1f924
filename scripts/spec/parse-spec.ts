import { parseDocument } from "yaml";
import { firstLine, SpecPullError } from "./spec-pull-error.js";

/** Parses a JSON or YAML document into plain values. */
export function parseSpec(text: string, label: string): unknown {
  if (text.trim() === "") throw new SpecPullError(`${label} is empty`);
  if (text.trimStart().startsWith("{")) {
    try {
      return JSON.parse(text);
    } catch {
      // Not strict JSON (perhaps a YAML flow mapping): the YAML parser below decides, and reports the position.
    }
  }
  // parseDocument rather than parse: parse() prints warnings to the console, which would break the one-line output.
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error) throw new SpecPullError(`cannot parse ${label}: ${firstLine(error)}`);
  try {
    return document.toJS();
  } catch (error) {
    throw new SpecPullError(`cannot parse ${label}: ${firstLine(error)}`);
  }
}
