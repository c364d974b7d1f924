import { usageError } from "./cli-error.js";

/** A whole, non-negative number from a flag's text, or a usage error naming the flag. */
export function integerFlag(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw usageError(`${flag} "${text}" is not a whole number`);
  return value;
}
