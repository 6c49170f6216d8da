import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from '../../scripts/zip.ts';

const text = (value: string) => new TextEncoder().encode(value);
const ENTRIES = [
  { name: 'src/b.js', data: text('console.log("b");\n'.repeat(50)) },
  { name: 'manifest.json', data: text('{"manifest_version":3}\n') },
  { name: 'icons/icon-16.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  { name: 'src/a.js', data: new Uint8Array(0) },
];

/** The central directory's records: name, method, DOS time and date, external attributes, "made by". */
function centralRecords(archive: Buffer) {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  let offset = archive.readUInt32LE(end + 16);
  const records = [];
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    expect(archive.readUInt32LE(offset)).toBe(0x02014b50);
    const nameLength = archive.readUInt16LE(offset + 28);
    records.push({
      name: archive.toString('utf8', offset + 46, offset + 46 + nameLength),
      madeBy: archive.readUInt16LE(offset + 4) >> 8,
      method: archive.readUInt16LE(offset + 10),
      time: archive.readUInt16LE(offset + 12),
      date: archive.readUInt16LE(offset + 14),
      mode: archive.readUInt32LE(offset + 38) >>> 16,
    });
    offset += 46 + nameLength + archive.readUInt16LE(offset + 30) + archive.readUInt16LE(offset + 32);
  }
  return records;
}

describe('the deterministic zip writer', () => {
  it('writes an archive other readers open, with every file as given', () => {
    const files = unzipSync(zip(ENTRIES));
    expect(Object.keys(files).sort()).toEqual(ENTRIES.map((entry) => entry.name).sort());
    for (const entry of ENTRIES) expect(Buffer.compare(files[entry.name]!, entry.data), entry.name).toBe(0);
  });

  it('gives the same bytes whatever order the files come in', () => {
    expect(zip([...ENTRIES].reverse()).equals(zip(ENTRIES))).toBe(true);
  });

  it('sorts entries by name and fixes time, date and permissions; deflates only what shrinks', () => {
    const records = centralRecords(zip(ENTRIES));
    expect(records.map((record) => record.name)).toEqual(['icons/icon-16.png', 'manifest.json', 'src/a.js', 'src/b.js']);
    for (const record of records) expect(record).toMatchObject({ madeBy: 3, time: 0, date: (1 << 5) | 1, mode: 0o100644 });
    expect(Object.fromEntries(records.map((record) => [record.name, record.method]))).toEqual({ 'icons/icon-16.png': 0, 'manifest.json': 0, 'src/a.js': 0, 'src/b.js': 8 });
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('refuses absolute or escaping paths and duplicate names', () => {
    for (const name of ['/etc/passwd', '../up.js', 'a//b.js', 'a\\b.js', '']) expect(() => zip([{ name, data: text('x') }]), name).toThrow();
    expect(() => zip([ENTRIES[0]!, ENTRIES[0]!])).toThrow(/duplicate/);
  });
});
