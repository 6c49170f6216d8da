/**
 * Upstream's layers, as a lint rule: a module in `src/<folder>/` may import from its own folder and from
 * folders of lower layers, never from a higher layer or from another folder of its own layer. Folders of one
 * layer are siblings that must not know each other (the status adapters and the detection engine; the three
 * shells). Imports are resolved to files, so `../../model/x.ts` from `src/ui/popup/` counts as `model`.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Lowest first. Each entry is one layer: the folders under src/ that belong to it. */
export const LAYERS = [
  ['model'],
  ['catalog'],
  ['detect', 'status'],
  ['pack'],
  ['health'],
  ['stack'],
  ['protocol'],
  ['platform'],
  ['content', 'background', 'ui'],
];

const layerOf = new Map(LAYERS.flatMap((folders, index) => folders.map((folder) => [folder, index])));

/** The folder under src/ that a file belongs to, or null outside src/. */
function srcFolder(file, cwd) {
  const parts = relative(cwd, file).split(sep);
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : null;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers: model ← catalog ← detect | status ← pack ← health ← stack ← protocol ← platform ← shells' },
    schema: [],
    messages: {
      upward: "'{{from}}' (layer {{fromLayer}}) must not import from '{{to}}' (layer {{toLayer}}): dependencies point down the layers (docs/ARCHITECTURE.md).",
      sibling: "'{{from}}' must not import from its sibling '{{to}}': folders of one layer stay independent (docs/ARCHITECTURE.md).",
      unknown: "'{{folder}}' is not in a layer: add it to LAYERS in eslint-rules/layers.js.",
    },
  },
  create(context) {
    const file = context.filename;
    const cwd = context.cwd;
    const from = srcFolder(file, cwd);
    if (from === null) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = srcFolder(resolve(dirname(file), specifier), cwd);
      if (to === null || to === from) return;
      if (!layerOf.has(from)) return context.report({ node, messageId: 'unknown', data: { folder: from } });
      if (!layerOf.has(to)) return context.report({ node, messageId: 'unknown', data: { folder: to } });
      const fromLayer = layerOf.get(from);
      const toLayer = layerOf.get(to);
      if (toLayer > fromLayer) context.report({ node, messageId: 'upward', data: { from, to, fromLayer, toLayer } });
      else if (toLayer === fromLayer) context.report({ node, messageId: 'sibling', data: { from, to } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
