/**
 * lib/rpc as a mock for component tests: `send` is a vi.fn the test answers; `call` goes through it
 * and throws an error reply, as the real one does (Copy BibTeX uses it). For `vi.mock`'s factory:
 * `vi.mock('../../lib/rpc', () => import('./rpc-mock').then((m) => m.rpcMock()))`.
 */
import { vi } from 'vitest';

export function rpcMock() {
  const send = vi.fn();
  const call = async (m: unknown) => {
    const r = await send(m);
    if (!r.ok) throw new Error(r.error.message);
    return r;
  };
  return { send, call };
}
