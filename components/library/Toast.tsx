/** One short message at the bottom of the page, optionally with an action (Undo). */
import { useEffect } from 'preact/hooks';

export interface ToastData {
  id: number;
  text: string;
  kind?: 'info' | 'error';
  action?: { label: string; run(): void };
  /** Stays until the next message replaces it (work under way). */
  sticky?: boolean;
}

export function Toast({ toast, onDone, ms = 10_000 }: { toast: ToastData | null; onDone(): void; ms?: number }) {
  useEffect(() => {
    if (!toast || toast.sticky) return;
    const t = setTimeout(onDone, ms);
    return () => clearTimeout(t);
  }, [toast?.id]);
  if (!toast) return null;
  return (
    <div class={`toast${toast.kind === 'error' ? ' toast-error' : ''}`} data-testid="toast" role={toast.kind === 'error' ? 'alert' : 'status'}>
      {toast.sticky && <span class="spinner" aria-hidden="true" />}
      <span>{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          class="btn btn-quiet toast-action"
          data-testid="toast-undo"
          onClick={() => {
            toast.action?.run();
            onDone();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" class="icon-btn" aria-label="Dismiss" onClick={onDone}>
        ×
      </button>
    </div>
  );
}
