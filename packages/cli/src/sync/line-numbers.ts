const carriageReturn = 0x0d;
const lineFeed = 0x0a;

/**
 * Line numbers of byte offsets in a file, where \r\n, \n and \r each end one line. csv-parse's own
 * count drifts by one per quoted line break in a CRLF file, so the plan counts for itself.
 */
export function lineNumbers(bytes: Uint8Array): {
  lineAt(offset: number): number;
  skipLineBreaks(offset: number): number;
} {
  const lineStarts: number[] = [];
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === carriageReturn && bytes[index + 1] === lineFeed) index += 1;
    if (bytes[index] === carriageReturn || bytes[index] === lineFeed) lineStarts.push(index + 1);
  }
  return {
    /** 1-based: one more than the number of lines that start at or before `offset`'s line. */
    lineAt(offset) {
      let low = 0;
      let high = lineStarts.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((lineStarts[middle] ?? 0) <= offset) low = middle + 1;
        else high = middle;
      }
      return low + 1;
    },
    /** The first offset from `offset` on that is not a line break: where the next record starts. */
    skipLineBreaks(offset) {
      let position = offset;
      while (bytes[position] === carriageReturn || bytes[position] === lineFeed) position += 1;
      return position;
    },
  };
}
