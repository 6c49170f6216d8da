import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/status/decode.ts';

const text = '{"status":"ok – ✓"}';

function utf16(value: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + value.length * 2);
  bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < value.length; i++) view.setUint16(2 + i * 2, value.charCodeAt(i), littleEndian);
  return bytes;
}

describe('decodeBody', () => {
  it('decodes UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeBody(utf8)).toBe(text);
    expect(decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
  });

  it('decodes UTF-16 little- and big-endian by their BOM', () => {
    expect(decodeBody(utf16(text, true))).toBe(text);
    expect(decodeBody(utf16(text, false))).toBe(text);
  });
});
