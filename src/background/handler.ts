/**
 * A handler answers one message type. It says who may call it; the router checks that before it runs, so a
 * handler never sees a sender it did not accept. Its reply is type-checked against the message map.
 */
import type { Caller, MessageMap, MessageType, Result } from '../protocol/messages.ts';
import type { WorkerContext } from './context.ts';

/** The sender, as the router classified it. */
export type Sender = { caller: 'page'; tabId: number; pageHostname: string } | { caller: 'extension-page' };

export interface Handler<T extends MessageType> {
  /** Who may send this message. */
  readonly callers: readonly Caller[];
  handle(payload: MessageMap[T]['request'], sender: Sender, ctx: WorkerContext): Promise<Result<MessageMap[T]['response']>>;
}

export function defineHandler<T extends MessageType>(handler: Handler<T>): Handler<T> {
  return handler;
}
