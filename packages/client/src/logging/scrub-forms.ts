/**
 * What a secret looks like once every text encoding around it is undone: the secret itself, and
 * the part of its base64 and base64url encodings that depends on the secret alone, at each of the
 * three byte alignments, so that a secret inside a longer encoded value (Basic credentials
 * `id:secret`, a base64 JSON blob) is found too. A character or two at either end of an encoded
 * secret also depends on its neighbours; those stay, and carry at most a few bits of it.
 */
export function searchFormsOf(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = new Set([secret]);
  for (let alignment = 0; alignment < 3; alignment++) {
    const padded = new Uint8Array(alignment + bytes.length);
    padded.set(bytes, alignment);
    const encoded = base64(padded);
    const core = encoded.slice(Math.ceil((8 * alignment) / 6), Math.floor((8 * padded.length) / 6));
    forms.add(core);
    forms.add(core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return [...forms].map(foldForSearch);
}

/**
 * Makes `+` and a space the same character, in the text searched and in the forms searched for:
 * a form body encodes a space as `+`, and a secret that holds either is then found both ways.
 */
export function foldForSearch(text: string): string {
  return text.includes("+") ? text.replaceAll("+", " ") : text;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}
