import { browser } from '../../platform/browser.ts';
import { fail, parseReply, type MessageMap, type MessageType, type ProtocolError, type Result } from '../../protocol/messages.ts';
import { t } from '../../platform/i18n.ts';
import type { MessageKey } from '../../model/i18n.ts';

/**
 * A typed request to the worker from an extension page. It never rejects: a worker that cannot be reached, or
 * an answer of the wrong shape, comes back as an error value like any other.
 */
export async function send<T extends MessageType>(type: T, payload: MessageMap[T]['request']): Promise<Result<MessageMap[T]['response']>> {
  try {
    return parseReply(await browser.runtime.sendMessage({ type, payload }));
  } catch {
    return fail('unreachable');
  }
}

const ERROR_TEXT: Record<ProtocolError['code'], MessageKey> = {
  unreachable: 'workerUnreachable',
  'invalid-request': 'errorInvalidRequest',
  refused: 'errorRefused',
  'not-found': 'errorNotFound',
  failed: 'errorFailed',
};

/** A protocol error in plain words. */
export function errorText(error: ProtocolError): string {
  return t(ERROR_TEXT[error.code]);
}
