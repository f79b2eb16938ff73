/** Change events from the background (`dejalu.changed`), for the extension's own pages. */
import type { ChangeEvent } from '../../lib/messages';

export function isChangeEvent(message: unknown): message is ChangeEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'dejalu.changed' &&
    Array.isArray((message as { keys?: unknown }).keys)
  );
}

/** A runtime's `onMessage`, from whichever API object the page uses. */
export interface MessageEvents {
  addListener(handler: (message: unknown) => undefined): void;
  removeListener(handler: (message: unknown) => undefined): void;
}

/**
 * Calls `listener` for each `dejalu.changed` event on `onMessage` (none when it is missing);
 * returns the unsubscribe. No keys means "something changed": a tab reported its cards, an
 * import, a restore.
 */
export function onChangeEvents(onMessage: MessageEvents | undefined, listener: (event: ChangeEvent) => void): () => void {
  return onEvents(onMessage, isChangeEvent, listener);
}

/** Calls `listener` for each message on `onMessage` that `accept` takes; returns the unsubscribe. */
export function onEvents<T>(onMessage: MessageEvents | undefined, accept: (message: unknown) => message is T, listener: (event: T) => void): () => void {
  if (!onMessage) return () => {};
  const handler = (message: unknown): undefined => {
    if (accept(message)) listener(message);
    // No reply: returning nothing lets the sender's other listeners answer.
    return undefined;
  };
  onMessage.addListener(handler);
  return () => onMessage.removeListener(handler);
}
