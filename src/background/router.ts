/**
 * Every message enters the worker here: it is parsed, its sender classified once, checked against the
 * handler's callers, and answered with a `Reply` — a value, or an error code the page words for the user.
 */
import type { Runtime } from 'webextension-polyfill';
import { fail, parseRequest, type MessageType, type Reply, type Request } from '../protocol/messages.ts';
import type { WorkerContext } from './context.ts';
import type { Sender } from './handler.ts';
import { HANDLERS } from './handlers/index.ts';

/** What the router needs to know about this extension: its id and the origin of its own pages. */
export interface Self {
  id: string;
  origin: string;
}

/** `scheme://host` of a URL; `URL.origin` is "null" for extension schemes outside browsers. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Who sent a message, or null when it is nobody we answer: another extension, a frame inside a page, or a
 * sender without the details that prove where it runs.
 */
export function classifySender(sender: Runtime.MessageSender, self: Self): Sender | null {
  if (sender.id !== self.id || sender.url === undefined) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  if (originOf(url) === self.origin) return { caller: 'extension-page' };
  const tabId = sender.tab?.id;
  // Only the top frame of a web page speaks for a tab.
  if (tabId === undefined || tabId < 0 || sender.frameId !== 0 || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  return { caller: 'page', tabId, pageHostname: url.hostname };
}

async function dispatch<T extends MessageType>(request: Request<T>, sender: Sender, ctx: WorkerContext): Promise<Reply<T>> {
  const handler = HANDLERS[request.type] as (typeof HANDLERS)[T];
  try {
    return await handler.handle(request.payload, sender, ctx);
  } catch {
    return fail('failed');
  }
}

export async function route(
  raw: unknown,
  from: Runtime.MessageSender,
  self: Self,
  context: () => WorkerContext | Promise<WorkerContext>,
): Promise<Reply<MessageType>> {
  const sender = classifySender(from, self);
  if (!sender) return fail('refused');
  const request = parseRequest(raw);
  if (!request) return fail('invalid-request');
  // Refused before the event's context is built: a caller that may not ask costs no reads.
  if (!HANDLERS[request.type].callers.includes(sender.caller)) return fail('refused');
  let ctx: WorkerContext;
  try {
    ctx = await context();
  } catch {
    return fail('failed');
  }
  return dispatch(request, sender, ctx);
}
