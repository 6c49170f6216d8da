import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint-rules/layers.js';

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

  it('places every folder of src/ in exactly one layer', () => {
    const placed = LAYERS.flat();
    expect(new Set(placed).size).toBe(placed.length);
    expect(readdirSync('src', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()).toEqual([...placed].sort());
  });
});
