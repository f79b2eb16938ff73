/**
 * Styles inside the closed shadow roots. Colours follow the system scheme; sizes are small and
 * inline so the page's layout does not move.
 */
const THEME = `
  :host { all: initial; }
  * { box-sizing: border-box; font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  .wrap, .summary {
    --new-bg: #eef2ff; --new-fg: #3730a3; --new-bd: #c7d2fe;
    --seen-bg: #f3f4f6; --seen-fg: #4b5563; --seen-bd: #d1d5db;
    --saved-bg: #fef3c7; --saved-fg: #92400e; --saved-bd: #fcd34d;
    --panel-bg: #ffffff; --panel-fg: #111827; --panel-bd: #e5e7eb; --muted: #6b7280; --accent: #4f46e5;
  }
  @media (prefers-color-scheme: dark) {
    .wrap, .summary {
      --new-bg: #1e1b4b; --new-fg: #c7d2fe; --new-bd: #3730a3;
      --seen-bg: #1f2937; --seen-fg: #d1d5db; --seen-bd: #374151;
      --saved-bg: #451a03; --saved-fg: #fde68a; --saved-bd: #92400e;
      --panel-bg: #111827; --panel-fg: #f3f4f6; --panel-bd: #374151; --muted: #9ca3af; --accent: #818cf8;
    }
  }
`;

export const BADGE_CSS = `${THEME}
  :host { display: inline-block; vertical-align: middle; margin-left: 6px; line-height: 1; }
  .wrap { display: inline-flex; align-items: center; gap: 2px; font-size: 11px; font-weight: 500; white-space: nowrap; }
  .pill { display: inline-block; padding: 3px 7px; border-radius: 999px; border: 1px solid; letter-spacing: .01em; }
  .new .pill { background: var(--new-bg); color: var(--new-fg); border-color: var(--new-bd); }
  .seen .pill { background: var(--seen-bg); color: var(--seen-fg); border-color: var(--seen-bd); }
  .saved .pill { background: var(--saved-bg); color: var(--saved-fg); border-color: var(--saved-bd); }
  .save { all: unset; cursor: pointer; font-size: 14px; line-height: 1; padding: 2px 4px; border-radius: 6px; color: var(--muted); }
  .save:hover, .save:focus-visible { color: var(--accent); background: var(--seen-bg); outline: none; }
  .saved .save { color: #d97706; }
`;

export const SUMMARY_CSS = `${THEME}
  :host { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; }
  .summary { display: flex; align-items: center; gap: 10px; padding: 8px 10px 8px 8px; border-radius: 12px;
    background: var(--panel-bg); color: var(--panel-fg); border: 1px solid var(--panel-bd);
    box-shadow: 0 6px 24px rgba(0,0,0,.12); font-size: 12.5px; }
  .brand { display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 6px;
    background: var(--accent); color: white; font-size: 10px; font-weight: 700; }
  .counts { font-variant-numeric: tabular-nums; }
  .toggle { display: inline-flex; align-items: center; gap: 4px; color: var(--muted); cursor: pointer; }
  .close { all: unset; cursor: pointer; color: var(--muted); font-size: 16px; padding: 0 4px; }
  .close:hover { color: var(--panel-fg); }
`;
