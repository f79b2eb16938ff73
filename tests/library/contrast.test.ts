// The library page's colours, read from its stylesheet, against WCAG AA for its 14px text (4.5:1),
// in the light theme and in the dark one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../entrypoints/library/library.css', import.meta.url), 'utf8');
const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');

/** #abc → #aabbcc. */
const hex6 = (hex: string) => (hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex).toLowerCase();

function vars(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6}|#[0-9a-f]{3})\b/gi)].map((m) => [m[1]!, hex6(m[2]!)]));
}
const light = vars(css.slice(css.indexOf(':root'), darkAt));
const themes = { light, dark: { ...light, ...vars(css.slice(darkAt, css.indexOf('}', css.indexOf(':root', darkAt)))) } };

/** A rule's colour: a hex, or the theme's value of `var(--x)`. */
function colour(theme: Record<string, string>, selector: string, prop: 'color' | 'background'): string {
  const rule = new RegExp(`^${selector.replace('.', '\\.')} \\{([^}]*)\\}`, 'm').exec(css);
  if (!rule) throw new Error(`no rule ${selector}`);
  const value = new RegExp(`(?:^|;)\\s*${prop}:\\s*([^;]+);`).exec(rule[1]!)![1]!.trim();
  const name = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
  const hex = name ? theme[name] : value;
  if (!hex || !/^#([0-9a-f]{3}){1,2}$/i.test(hex)) throw new Error(`${selector} ${prop}: ${value}`);
  return hex6(hex);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.each(Object.entries(themes))('library colours, %s theme', (_, theme) => {
  it('the error toast', () => {
    expect(contrast(colour(theme, '.toast-error', 'color'), colour(theme, '.toast-error', 'background'))).toBeGreaterThanOrEqual(4.5);
  });

  it('the toast, error text, buttons and muted text', () => {
    expect(contrast(colour(theme, '.toast', 'color'), colour(theme, '.toast', 'background'))).toBeGreaterThanOrEqual(4.5);
    for (const surface of [theme['--bg']!, theme['--surface']!]) {
      expect(contrast(theme['--danger']!, surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(theme['--muted']!, surface)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(theme['--accent-text']!, theme['--accent']!)).toBeGreaterThanOrEqual(4.5);
  });
});
