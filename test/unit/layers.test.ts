import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, SUB_LAYERS } from '../../eslint-rules/layers.js';

const eslint = new ESLint();

/** The layer rule's messages for a file at `path` with this one import. */
async function layerProblems(path: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath: path });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'upstream/layers').map((message) => message.message);
}

describe('layers, enforced by the linter', () => {
  it('fails an import that points up the layers', async () => {
    expect(await layerProblems('src/model/example.ts', '../catalog/index.ts')).toEqual([
      "'model' (layer 0) must not import from 'catalog' (layer 1): dependencies point down the layers (docs/ARCHITECTURE.md).",
    ]);
    expect(await layerProblems('src/health/example.ts', '../protocol/messages.ts')).toHaveLength(1);
    expect(await layerProblems('src/catalog/example.ts', '../status/registry.ts')).toHaveLength(1);
  });

  it('fails an import between folders of one layer, the shells included', async () => {
    expect(await layerProblems('src/status/example.ts', '../detect/engine.ts')).toEqual([
      "'status' must not import from its sibling 'detect': folders of one layer stay independent (docs/ARCHITECTURE.md).",
    ]);
    expect(await layerProblems('src/ui/popup/example.tsx', '../../background/poller.ts')).toHaveLength(1);
    expect(await layerProblems('src/content/example.ts', '../background/index.ts')).toHaveLength(1);
  });

  it('lets imports point down, at any depth, and within a folder', async () => {
    expect(await layerProblems('src/ui/popup/example.tsx', '../../protocol/messages.ts')).toEqual([]);
    expect(await layerProblems('src/status/adapters/example.ts', '../../catalog/types.ts')).toEqual([]);
    expect(await layerProblems('src/health/example.ts', './assess.ts')).toEqual([]);
    expect(await layerProblems('src/background/handlers/example.ts', '../context.ts')).toEqual([]);
  });

  it('inside ui, status and background: fails an import up the sub-layers or between sibling subfolders', async () => {
    expect(await layerProblems('src/ui/shared/example.tsx', '../popup/popup.tsx')).toEqual([
      "'ui/shared' must not import from 'ui/popup': inside src/ui/ dependencies point down too (docs/ARCHITECTURE.md).",
    ]);
    expect(await layerProblems('src/ui/shared/example.ts', '../options/options.tsx')).toHaveLength(1);
    expect(await layerProblems('src/ui/popup/example.tsx', '../app/route.ts')).toEqual([
      "'ui/popup' must not import from its sibling 'ui/app': parts of one sub-layer stay independent (docs/ARCHITECTURE.md).",
    ]);
    expect(await layerProblems('src/status/adapters/example.ts', '../registry.ts')).toEqual([
      "'status/adapters' must not import from 'status/registry.ts': inside src/status/ dependencies point down too (docs/ARCHITECTURE.md).",
    ]);
    expect(await layerProblems('src/status/bounds.ts', './adapters/rss.ts')).toHaveLength(1);
    expect(await layerProblems('src/status/drift.ts', './digest.ts')).toHaveLength(1);
    expect(await layerProblems('src/background/cycle.ts', './handlers/refresh-now.ts')).toEqual([
      "'background/cycle.ts' must not import from 'background/handlers': inside src/background/ dependencies point down too (docs/ARCHITECTURE.md).",
    ]);
    expect(await layerProblems('src/background/handlers/example.ts', '../router.ts')).toHaveLength(1);
    expect(await layerProblems('src/background/handlers/example.ts', '../events.ts')).toHaveLength(1);
    expect(await layerProblems('src/background/newpart/example.ts', '../poller.ts')).toEqual([
      "'newpart' has no place in src/background/: add it to SUB_LAYERS in eslint-rules/layers.js.",
    ]);
  });

  it('inside ui, status and background: lets imports point down, and files of one sub-layer know each other', async () => {
    expect(await layerProblems('src/ui/popup/example.tsx', ['..', 'shared', 'labels.ts'].join('/'))).toEqual([]);
    expect(await layerProblems('src/status/adapters/example.ts', '../adapter.ts')).toEqual([]);
    expect(await layerProblems('src/status/registry.ts', './adapters/rss.ts')).toEqual([]);
    expect(await layerProblems('src/status/digest.ts', './registry.ts')).toEqual([]);
    expect(await layerProblems('src/background/router.ts', './handlers/index.ts')).toEqual([]);
    expect(await layerProblems('src/background/events.ts', './router.ts')).toEqual([]);
    expect(await layerProblems('src/background/cycle.ts', './poller.ts')).toEqual([]);
  });

  it('places every subfolder of an ordered folder in its order', () => {
    for (const [folder, order] of Object.entries(SUB_LAYERS)) {
      const placed = order.flat();
      const subfolders = readdirSync(join('src', folder), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
      for (const name of subfolders) expect(placed, `${folder}/${name}`).toContain(name);
    }
  });

  it('places every folder of src/ in exactly one layer', () => {
    const placed = LAYERS.flat();
    expect(new Set(placed).size).toBe(placed.length);
    expect(readdirSync('src', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()).toEqual([...placed].sort());
  });
});
