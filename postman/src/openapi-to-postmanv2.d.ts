// openapi-to-postmanv2 ships no types; this is the part of its API we call.
declare module "openapi-to-postmanv2" {
  interface ConversionResult {
    result: boolean;
    reason?: string;
    output: Array<{ type: string; data: unknown }>;
  }
  export function convert(
    input: { type: "string"; data: string },
    options: Record<string, unknown>,
    callback: (error: Error | null, result: ConversionResult) => void,
  ): void;
}
