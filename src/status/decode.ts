/**
 * Decodes a response body by its byte-order mark. Some status endpoints (AWS Health's currentevents)
 * answer UTF-16 with a BOM, which `Response.json()` cannot read.
 */
export function decodeBody(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // TextDecoder drops a UTF-8 BOM by itself.
  return new TextDecoder('utf-8').decode(bytes);
}
