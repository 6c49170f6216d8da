/**
 * Upstream's layers, as a lint rule: a module in `src/<folder>/` may import from its own folder and from
 * folders of lower layers, never from a higher layer or from another folder of its own layer. Folders of one
 * layer are siblings that must not know each other (the status adapters and the detection engine; the three
 * shells). Imports are resolved to files, so `../../model/x.ts` from `src/ui/popup/` counts as `model`.
 * Inside a few folders the parts are ordered too (`SUB_LAYERS`), so no cycle hides inside a folder either.
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

/**
 * Inside these folders, lowest first: each entry is one sub-layer, its parts subfolders or files directly in the
 * folder; `*` is every file not named. Subfolders of one sub-layer must not know each other; files may.
 * - ui: the shared components and words below the three pages, which never import each other.
 * - status: the adapter contract and platform-neutral readers, then the adapters, then the registry of adapters
 *   and what needs all of them (the relay's digest): no adapter can reach the registry.
 * - background: the worker's modules, then the message handlers that use them, then the router that dispatches
 *   to the handlers and the listeners above it: no module a handler uses can reach a handler.
 */
export const SUB_LAYERS = {
  ui: [['shared'], ['popup', 'app', 'options']],
  status: [['*'], ['adapters'], ['registry.ts', 'digest.ts']],
  background: [['*'], ['handlers'], ['router.ts', 'events.ts', 'index.ts']],
};

const layerOf = new Map(LAYERS.flatMap((folders, index) => folders.map((folder) => [folder, index])));

/** The folder under src/ that a file belongs to, or null outside src/. */
function srcFolder(file, cwd) {
  const parts = relative(cwd, file).split(sep);
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : null;
}

/** The part of `src/<folder>/` a file is in: its subfolder, or the file itself when it sits in the folder. */
function partOf(file, cwd) {
  const parts = relative(cwd, file).split(sep);
  return parts.length > 3 ? { name: parts[2], dir: true } : { name: parts[2], dir: false };
}

/** A part's sub-layer in its folder, or undefined when the order does not place it. */
function subLayerOf(folder, part) {
  const order = SUB_LAYERS[folder];
  const named = order.findIndex((parts) => parts.includes(part.name));
  if (named >= 0) return named;
  const rest = order.findIndex((parts) => parts.includes('*'));
  return !part.dir && rest >= 0 ? rest : undefined;
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
      subUpward: "'{{from}}' must not import from '{{to}}': inside src/{{folder}}/ dependencies point down too (docs/ARCHITECTURE.md).",
      subSibling: "'{{from}}' must not import from its sibling '{{to}}': parts of one sub-layer stay independent (docs/ARCHITECTURE.md).",
      unknownPart: "'{{part}}' has no place in src/{{folder}}/: add it to SUB_LAYERS in eslint-rules/layers.js.",
    },
  },
  create(context) {
    const file = context.filename;
    const cwd = context.cwd;
    const from = srcFolder(file, cwd);
    if (from === null) return {};
    const fromPart = from !== null && Object.hasOwn(SUB_LAYERS, from) ? partOf(file, cwd) : null;
    const checkWithin = (node, target) => {
      if (fromPart === null) return;
      const toPart = partOf(target, cwd);
      if (toPart.name === fromPart.name) return;
      const fromSub = subLayerOf(from, fromPart);
      const toSub = subLayerOf(from, toPart);
      for (const [part, sub] of [[fromPart, fromSub], [toPart, toSub]]) {
        if (sub === undefined) return context.report({ node, messageId: 'unknownPart', data: { part: part.name, folder: from } });
      }
      const data = { from: `${from}/${fromPart.name}`, to: `${from}/${toPart.name}`, folder: from };
      if (toSub > fromSub) context.report({ node, messageId: 'subUpward', data });
      else if (toSub === fromSub && fromPart.dir && toPart.dir) context.report({ node, messageId: 'subSibling', data });
    };
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolve(dirname(file), specifier);
      const to = srcFolder(target, cwd);
      if (to === null) return;
      if (to === from) return checkWithin(node, target);
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
