import browser from 'webextension-polyfill';
import type { MessageMap, MessageType, Response } from '../../protocol/messages.ts';

/** Typed request to the background from an extension page. */
export async function send<T extends MessageType>(type: T, payload: MessageMap[T]['request']): Promise<Response<T>> {
  return (await browser.runtime.sendMessage({ type, payload })) as Response<T>;
}
