/**
 * Explains why bytes are not UTF-8 (RFC 3629 §4 well-formed sequences): the offset and value of the
 * first bad byte, and a hint for UTF-16 files. Only called after TextDecoder has refused the bytes.
 */
export function describeInvalidUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'The file is UTF-16 encoded; SBOMs must be UTF-8 — convert it first';
  }
  const offset = firstInvalidOffset(bytes);
  const value = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return `The file is not valid UTF-8 (byte 0x${value} at offset ${offset}); SBOMs must be UTF-8 — a Latin-1 or Windows-1252 file must be converted first`;
}

function firstInvalidOffset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      i++;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let code = byte & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}
