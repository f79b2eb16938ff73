/**
 * Typed `send` for content scripts and extension pages. Imports only types from lib/messages.ts so
 * that zod never lands in the content-script bundle.
 */
import type { Reply, Request, RequestType, Replies } from './messages';
import { errorMessage } from './errors';

type Req<T extends RequestType> = Extract<Request, { type: T }>;

/** Send one request to the background; transport failures come back as error values too. */
export async function send<T extends RequestType>(message: Req<T>): Promise<Reply<T>> {
  try {
    const reply = (await chrome.runtime.sendMessage(message)) as Reply<T> | undefined;
    if (!reply) return { ok: false, error: { code: 'internal', message: 'No reply from the background.' } };
    return reply;
  } catch (err) {
    return { ok: false, error: { code: 'internal', message: errorMessage(err) } };
  }
}

/** Like `send`, but throws on an error reply; for UI code that shows the message. */
export async function call<T extends RequestType>(message: Req<T>): Promise<{ ok: true } & Replies[T]> {
  const reply = await send(message);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply;
}
