/**
 * Light or dark, as the page actually looks. Hugging Face lets users pick a theme apart from the
 * system's, and pages without a dark mode stay white under a dark system theme, so the badge reads
 * the page's own background and falls back to `prefers-color-scheme` only when it cannot tell.
 */
export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

let ctx: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour (rgb, oklch, lab…) as sRGB bytes and alpha, by painting one pixel. */
function toRgba(color: string): [number, number, number, number] | undefined {
  const m = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*([\d.]+))?\)$/.exec(color);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  if (ctx === undefined) {
    try {
      ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    } catch {
      ctx = null;
    }
  }
  if (!ctx) return undefined;
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** The theme behind `from`: the first mostly opaque background up the tree, else the canvas. */
export function pageTheme(from: Element | null | undefined): Theme {
  try {
    for (let el = from ?? null; el; el = el.parentElement) {
      const rgba = toRgba(getComputedStyle(el).backgroundColor);
      if (rgba === undefined) return systemTheme();
      const [r, g, b, a] = rgba;
      if (a < 0.5) continue;
      return (0.299 * r + 0.587 * g + 0.114 * b) / 255 < 0.5 ? 'dark' : 'light';
    }
    // No background anywhere: the canvas is dark only if the page opted into dark colour schemes.
    const scheme = getComputedStyle(document.documentElement).colorScheme || 'normal';
    if (!scheme.includes('dark')) return 'light';
    return scheme.includes('light') ? systemTheme() : 'dark';
  } catch {
    return systemTheme();
  }
}

/** Call `onChange` when the page may have switched theme (system setting, or a class on <html>/<body>). */
export function watchTheme(onChange: () => void): () => void {
  const media = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
  media?.addEventListener('change', onChange);
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(onChange) : null;
  for (const el of [document.documentElement, document.body]) {
    if (el) observer?.observe(el, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  }
  return () => {
    media?.removeEventListener('change', onChange);
    observer?.disconnect();
  };
}
