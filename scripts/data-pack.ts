// Data packs for the publisher (DEVELOPERS.md, "Data packs"):
//
//   npm run data:key -- <directory outside the repository>
//       makes an Ed25519 key pair: the private key goes to <directory>/upstream-data-signing-key.pem (mode 600);
//       the public key is printed, for UPSTREAM_DATA_KEYS.
//   npm run data:pack -- (--version <n> | --since <previous pack>) [--since-ref <git ref>] [--out <file>]
//       builds a pack from src/catalog (the bundled copy's sources, checked by the same validator), signs it with
//       the key in DATA_PACK_SIGNING_KEY_FILE (or DATA_PACK_SIGNING_KEY), opens it again exactly as the
//       extension would, and writes it (default dist/data/upstream-data.pack). The release notes are the
//       difference from the previous pack's catalog (--since) or from the catalog at a git ref (--since-ref).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG } from '../src/catalog/index.ts';
import type { Catalog } from '../src/catalog/types.ts';
import { changelogBetween, changelogFits, packPayload } from '../src/pack/build.ts';
import { fromBase64, readEnvelope } from '../src/pack/format.ts';
import { openPack, trustedKeys } from '../src/pack/open.ts';
import { insideRepository, keyFromEnvironment, newSigningKey, signPack } from './data-pack-core.ts';

const ROOT = resolve(import.meta.dirname, '..');

function previousPack(path: string): { version: number; catalog: Catalog } {
  const envelope = readEnvelope(readFileSync(path));
  if (!envelope) throw new Error(`${path} is not a data pack`);
  const document = JSON.parse(new TextDecoder().decode(envelope.payload)) as { version: number; catalog: Catalog };
  return { version: document.version, catalog: document.catalog };
}

function catalogAt(ref: string): Catalog {
  const show = (file: string) => JSON.parse(execFileSync('git', ['show', `${ref}:src/catalog/${file}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return { products: show('products.json'), providers: show('providers.json') };
}

async function makeKey(directory: string | undefined): Promise<void> {
  if (!directory) throw new Error('usage: npm run data:key -- <directory outside the repository>');
  if (insideRepository(directory, ROOT)) throw new Error('that directory is inside the repository: keep the private key elsewhere');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'upstream-data-signing-key.pem');
  if (existsSync(path)) throw new Error(`${path} exists: a key is never overwritten`);
  const key = await newSigningKey();
  writeFileSync(path, key.privatePem, { mode: 0o600 });
  console.log(`private key: ${path} (keep it secret, and a copy somewhere safe)`);
  console.log(`public key (for UPSTREAM_DATA_KEYS): ${key.publicKey}`);
  console.log(`key id: ${key.keyId}`);
}

async function makePack(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { version: { type: 'string' }, since: { type: 'string' }, 'since-ref': { type: 'string' }, out: { type: 'string' } },
  });
  const previous = values.since ? previousPack(values.since) : null;
  const version = values.version ? Number(values.version) : previous ? previous.version + 1 : Number.NaN;
  if (!Number.isSafeInteger(version) || version < 1) throw new Error('give --version <n> (a whole number from 1), or --since <previous pack> to take the next one');
  if (previous && version <= previous.version) throw new Error(`version ${version} is not newer than the previous pack's ${previous.version}`);
  const base = previous?.catalog ?? (values['since-ref'] ? catalogAt(values['since-ref']) : null);
  const changelog = base ? changelogBetween(base, CATALOG) : [];
  if (!changelogFits(changelog)) throw new Error(`${changelog.length} changes: more than a pack's release notes hold; compare with a nearer pack or ref`);

  const key = await keyFromEnvironment(process.env, (path) => readFileSync(path, 'utf8'), ROOT);
  const now = new Date();
  const bytes = signPack(packPayload(CATALOG, { version, published: now, changelog }), key);
  // The pack is opened exactly as the extension will open it: a pack that would be refused is not written.
  const opened = await openPack(bytes, { keys: await trustedKeys([fromBase64(key.publicKey) ?? new Uint8Array()]), now, newestApplied: previous?.version ?? null, bundledAt: null });
  if (!opened.ok) throw new Error(`the pack would be refused: ${JSON.stringify(opened.refusal)}`);

  const out = resolve(values.out ?? join(ROOT, 'dist/data/upstream-data.pack'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const kinds = new Map<string, number>();
  for (const entry of changelog) kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1);
  console.log(`wrote ${out}: version ${version}, ${(bytes.length / 1024).toFixed(0)} KB, signed by key ${key.keyId}`);
  console.log(`${CATALOG.products.length} products, ${CATALOG.providers.length} providers; changes: ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none listed'}`);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'key') await makeKey(rest[0]);
  else await makePack(command === 'pack' ? rest : process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
