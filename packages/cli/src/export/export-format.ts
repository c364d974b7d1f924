import { stringify } from "csv-stringify/sync";

export type ExportFormatName = "csv" | "jsonl" | "json";
export const exportFormatNames: readonly ExportFormatName[] = ["csv", "jsonl", "json"];

/** How one output format starts, writes a page, and ends; each piece is appended to the file. */
export interface ExportFormat {
  start(): string;
  /** `first` is true for the first item of the whole export (a JSON array needs no comma before it). */
  page(items: readonly Record<string, unknown>[], first: boolean): string;
  end(): string;
}

export function exportFormat(name: ExportFormatName, columns: readonly string[]): ExportFormat {
  switch (name) {
    case "csv":
      return {
        start: () => stringify([columns as string[]]),
        page: (items) =>
          stringify(
            items.map((item) => columns.map((column) => csvCell(item[column]))),
            { cast: { boolean: (value) => String(value) } },
          ),
        end: () => "",
      };
    case "jsonl":
      return {
        start: () => "",
        page: (items) => items.map((item) => `${JSON.stringify(item)}\n`).join(""),
        end: () => "",
      };
    case "json":
      return {
        start: () => "[",
        page: (items, first) =>
          items.map((item, index) => `${first && index === 0 ? "" : ","}\n${JSON.stringify(item)}`).join(""),
        end: () => "\n]\n",
      };
  }
}

/** Objects and arrays as JSON in one cell; null and missing fields as an empty cell. */
function csvCell(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : value;
}
