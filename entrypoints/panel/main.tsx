/**
 * The badge panel, opened by a badge on a digest page in an iframe of the extension's origin (see
 * components/badge/PanelFrame.tsx): its parameters come in the address's fragment.
 */
import { render } from 'preact';
import { PANEL_CSS } from '../../components/badge/styles';
import { PanelApp } from '../../components/panel/PanelApp';
import { PanelParamsSchema, type ChangeEvent, type PanelCommand, type PanelParams, type PanelPost } from '../../lib/messages';

function readParams(): { params: PanelParams; origin: string } | null {
  try {
    const parsed = PanelParamsSchema.safeParse(JSON.parse(decodeURIComponent(location.hash.slice(1))));
    return parsed.success ? { params: parsed.data, origin: new URL(parsed.data.page.url).origin } : null;
  } catch {
    return null;
  }
}

const style = document.createElement('style');
style.textContent = PANEL_CSS;
document.head.append(style);
const app = document.getElementById('app')!;
const read = readParams();
if (!read) {
  app.textContent = 'Open this panel from a badge on a digest page.';
} else {
  const { params, origin } = read;
  if (params.theme) document.documentElement.dataset['theme'] = params.theme;
  if (params.font) document.documentElement.style.setProperty('--page-font', params.font);
  // Only to the page the panel was opened for: if anything else came to hold it, it hears nothing.
  const post = (m: PanelPost) => parent.postMessage(m, origin);
  const onChanged = (fn: (ev: ChangeEvent) => void) => {
    const listener = (msg: unknown) => {
      if (msg && typeof msg === 'object' && (msg as ChangeEvent).type === 'dejalu.changed') fn(msg as ChangeEvent);
    };
    chrome.runtime.onMessage.addListener(listener);
    return () => chrome.runtime.onMessage.removeListener(listener);
  };
  const onCommand = (fn: (c: PanelCommand) => void) => {
    const listener = (e: MessageEvent) => {
      const d = e.data as Partial<PanelCommand> | null;
      if (e.source === parent && d?.dejalu === 'panel' && d.kind === 'focus') fn({ dejalu: 'panel', kind: 'focus', tags: d.tags === true });
    };
    addEventListener('message', listener);
    return () => removeEventListener('message', listener);
  };
  render(<PanelApp params={params} post={post} onChanged={onChanged} onCommand={onCommand} />, app);
}
