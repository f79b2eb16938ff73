/**
 * Styles inside the closed shadow roots. Colours follow the page's theme (`data-theme` on the host,
 * see theme.ts) and otherwise the system's. The page's own font is inherited so the badge reads as
 * part of the page; `!important` on :host because page rules for `*` (Tailwind's preflight resets
 * margins) beat :host rules otherwise.
 */
const LIGHT = `
  --new-bg: #eff6ff; --new-fg: #1d4ed8; --new-bd: #bfdbfe; --new-dot: #3b82f6;
  --seen-bg: #f3f4f6; --seen-fg: #4b5563; --seen-bd: #e5e7eb; --seen-dot: #9ca3af;
  --saved-bg: #fffbeb; --saved-fg: #92400e; --saved-bd: #fcd34d; --saved-dot: #f59e0b;
  --panel-bg: #ffffff; --panel-fg: #111827; --panel-bd: #e5e7eb; --muted: #6b7280; --soft: #f9fafb;
  --accent: #2563eb; --accent-fg: #ffffff; --field-bg: #ffffff; --field-bd: #d1d5db; --hover: #f3f4f6;
  --shadow: 0 10px 30px rgba(17, 24, 39, .14), 0 2px 6px rgba(17, 24, 39, .08); --error: #b91c1c;
`;
const DARK = `
  --new-bg: rgba(59, 130, 246, .16); --new-fg: #93c5fd; --new-bd: rgba(96, 165, 250, .38); --new-dot: #60a5fa;
  --seen-bg: #1f2937; --seen-fg: #a1a9b6; --seen-bd: #374151; --seen-dot: #6b7280;
  --saved-bg: rgba(245, 158, 11, .14); --saved-fg: #fcd34d; --saved-bd: rgba(245, 158, 11, .45); --saved-dot: #fbbf24;
  --panel-bg: #111827; --panel-fg: #f3f4f6; --panel-bd: #374151; --muted: #9ca3af; --soft: #0b1220;
  --accent: #3b82f6; --accent-fg: #ffffff; --field-bg: #0b1220; --field-bd: #4b5563; --hover: #1f2937;
  --shadow: 0 10px 30px rgba(0, 0, 0, .5), 0 2px 6px rgba(0, 0, 0, .4); --error: #fca5a5;
`;

const THEME = `
  :host { all: initial; font-family: inherit; ${LIGHT} }
  :host([data-theme="dark"]) { ${DARK} }
  @media (prefers-color-scheme: dark) { :host(:not([data-theme="light"])) { ${DARK} } }
  * { box-sizing: border-box; font-family: inherit; }
  button { font: inherit; color: inherit; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const BADGE = `
  :host { display: inline-block !important; vertical-align: middle !important; margin: 0 0 0 8px !important;
    padding: 0 !important; border: 0 !important; line-height: 1 !important; position: static !important; }
  /* Inline in a title line: negative vertical margins keep the 18px box from growing the line. */
  :host([data-slot="title-end"]) { margin: -4px 0 -4px 8px !important; }
  /* In a row the badge takes only the room left over (basis 0, up to its natural width) and
     ellipsises its label, so the page's own items never shrink or wrap because of it. */
  :host([data-slot="row-start"]) { margin: 0 10px 0 0 !important; flex: 1 1 0px !important; min-width: 64px !important;
    max-width: max-content !important; }
  :host([data-slot="after-title"]) { display: block !important; width: fit-content !important; margin: 2px 0 6px !important; }
  .wrap { display: inline-flex; max-width: 100%; vertical-align: top; align-items: stretch; height: 18px; font-size: 11.5px; font-weight: 500;
    line-height: 16px; white-space: nowrap; border-radius: 6px; border: 1px solid; letter-spacing: .005em;
    font-variant-numeric: tabular-nums; }
  .new { background: var(--new-bg); color: var(--new-fg); border-color: var(--new-bd); --dot: var(--new-dot); }
  .seen { background: var(--seen-bg); color: var(--seen-fg); border-color: var(--seen-bd); --dot: var(--seen-dot); }
  .saved { background: var(--saved-bg); color: var(--saved-fg); border-color: var(--saved-bd); --dot: var(--saved-dot); }
  .pill, .save { all: unset; cursor: pointer; display: inline-flex; align-items: center; }
  .pill { gap: 5px; padding: 0 7px 0 6px; border-radius: 5px 0 0 5px; min-width: 0; }
  .label-text { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
  .pill::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: var(--dot); flex: none; }
  /* The reader's note (label.ts hasNote): after the label, never cut by its ellipsis. */
  .wrap[data-note] .pill::after { content: "✎"; flex: none; font-size: 11px; margin-left: -1px; }
  .save { flex: none; padding: 0 6px; border-left: 1px solid; border-color: inherit; border-radius: 0 5px 5px 0; font-size: 12px; }
  .save svg { width: 12px; height: 12px; display: block; }
  .pill:hover, .save:hover { background: rgba(127, 127, 127, .12); }
  .pill:focus-visible, .save:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  .saved .save { color: var(--saved-dot); }
  .busy { opacity: .6; cursor: progress; }
`;

/**
 * The panel's frame on the page: a popover in the top layer (a card's `overflow: hidden` or
 * `content-visibility` cannot clip it) holding the extension page that is the panel (panel-host.ts).
 * Unseen until the panel has said how tall it is: transparent, not `visibility: hidden`, which
 * would leave its frame unable to take focus, and an opening by `t` or `n` waits for focus to move
 * there (panel-host.ts whenFocusMoved) before the panel is drawn and sized: it waited out its 3 s.
 */
const FRAME = `
  .frame { position: fixed; inset: auto; margin: 0; padding: 0; z-index: 2147483000; width: 340px; max-width: calc(100vw - 16px);
    overflow: hidden; border-radius: 10px; border: 1px solid var(--panel-bd); background: var(--panel-bg);
    box-shadow: var(--shadow); opacity: 0; pointer-events: none; }
  .frame.sized { opacity: 1; pointer-events: auto; }
  .frame iframe { display: block; width: 100%; height: 100%; border: 0; background: transparent; color-scheme: normal; }
`;

/** The panel itself, a document of its own (entrypoints/panel): no page script can read it. */
const PANEL = `
  .panel { padding: 12px 14px 12px; color: var(--panel-fg); background: var(--panel-bg);
    font-size: 13px; line-height: 1.4; font-weight: 400; white-space: normal; text-align: left; cursor: auto; }
  .panel:focus { outline: none; }
  .head { display: flex; align-items: flex-start; gap: 8px; }
  .title { flex: 1; font-weight: 600; font-size: 13.5px; overflow-wrap: anywhere;
    display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .x { all: unset; cursor: pointer; color: var(--muted); font-size: 18px; line-height: 18px; padding: 0 4px; border-radius: 4px; }
  .x:hover { color: var(--panel-fg); background: var(--hover); }
  .status { display: flex; align-items: center; gap: 8px; margin: 8px 0 10px; color: var(--muted); font-size: 12px; }
  .status .text { flex: 1; }
  .match { display: block; font-size: 11.5px; margin-top: 2px; }
  .status .venue { font-style: italic; }
  .btn { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 5px; padding: 4px 10px;
    border-radius: 6px; border: 1px solid var(--field-bd); font-size: 12px; font-weight: 500; color: var(--panel-fg); }
  .btn:hover { background: var(--hover); }
  .btn.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
  .btn.primary:hover { filter: brightness(1.08); }
  .btn:focus-visible, .x:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  .section { margin-top: 10px; }
  .label { display: block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em;
    color: var(--muted); margin-bottom: 4px; }
  .tags { position: relative; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 4px;
    border: 1px solid var(--field-bd); border-radius: 6px; background: var(--field-bg); cursor: text; }
  .tag-field { display: flex; flex-wrap: wrap; flex: 1; min-width: 90px; }
  .tags:focus-within, textarea:focus { border-color: var(--accent); box-shadow: 0 0 0 2px color-mix(in srgb, var(--accent) 25%, transparent); }
  .chip { display: inline-flex; align-items: center; gap: 2px; padding: 1px 2px 1px 7px; border-radius: 999px;
    background: var(--saved-bg); color: var(--saved-fg); border: 1px solid var(--saved-bd); font-size: 12px; }
  .chip button { all: unset; cursor: pointer; padding: 0 4px; border-radius: 999px; opacity: .7; }
  .chip button:hover, .chip button:focus-visible { opacity: 1; background: rgba(127, 127, 127, .2); }
  .chip .chip-text { padding: 0; opacity: 1; }
  .chip .chip-text:hover, .chip .chip-text:focus-visible { background: none; text-decoration: underline; }
  /* The chip's one tab stop (Delete there removes the tag): a ring, not an underline alone. */
  .chip .chip-text:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; border-radius: 3px; }
  .tag-input { all: unset; flex: 1; min-width: 90px; padding: 2px 4px; font-size: 12.5px; color: var(--panel-fg); }
  .tag-input::placeholder, textarea::placeholder { color: var(--muted); opacity: 1; }
  /* In the flow, not floating: the panel's frame is as tall as its content, so a floating list would be cut. */
  .suggest { flex: 1 0 100%; margin: 2px 0 0; padding: 4px; list-style: none; background: var(--panel-bg);
    border: 1px solid var(--panel-bd); border-radius: 6px; }
  .suggest li { display: flex; justify-content: space-between; gap: 8px; padding: 3px 8px; border-radius: 4px; cursor: pointer; font-size: 12.5px; }
  .suggest li[aria-selected="true"], .suggest li:hover { background: var(--hover); }
  .suggest .count { color: var(--muted); font-variant-numeric: tabular-nums; }
  textarea { display: block; width: 100%; min-height: 60px; max-height: 240px; resize: vertical; padding: 6px 8px;
    border: 1px solid var(--field-bd); border-radius: 6px; background: var(--field-bg); color: var(--panel-fg);
    font: inherit; font-size: 12.5px; line-height: 1.45; outline: none; }
  .notestate { float: right; font-weight: 400; text-transform: none; letter-spacing: 0; }
  .notestate.error { color: var(--error); }
  .history { margin: 0; padding: 0; list-style: none; font-size: 12px; color: var(--muted); }
  .history li { padding: 1px 0; }
  .history a { color: inherit; text-decoration: none; }
  .history a:hover { color: var(--accent); text-decoration: underline; }
  .error { color: var(--error); font-size: 12px; margin-top: 6px; }
  .foot { display: flex; align-items: baseline; flex-wrap: wrap; gap: 4px 10px; margin-top: 10px; font-size: 12px; }
  .link { all: unset; cursor: pointer; color: var(--accent); text-decoration: underline;
    text-decoration-color: color-mix(in srgb, currentColor 40%, transparent); text-underline-offset: 2px; }
  .link:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; border-radius: 2px; }
  .cited { color: var(--muted); overflow-wrap: anywhere; }
  .cited.error { margin: 0; }
`;

export const BADGE_CSS = `${THEME}${BADGE}`;

/** The panel's one frame on the page (panel-host.ts). */
export const PANEL_FRAME_CSS = `${THEME}${FRAME}`;

/** The panel's document: the same colours on its root, which the frame's `data-theme` is copied to. */
export const PANEL_CSS = `
  :root { ${LIGHT} color-scheme: light; }
  :root[data-theme="dark"] { ${DARK} color-scheme: dark; }
  @media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) { ${DARK} color-scheme: dark; } }
  html, body { margin: 0; padding: 0; background: var(--panel-bg); }
  body { font-family: var(--page-font, system-ui, -apple-system, "Segoe UI", sans-serif); }
  * { box-sizing: border-box; font-family: inherit; }
  button { font: inherit; color: inherit; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
${PANEL}`;

export const SUMMARY_CSS = `${THEME}
  :host { position: fixed !important; right: 16px !important; bottom: 16px !important; z-index: 2147482000 !important; }
  .summary { display: flex; align-items: center; gap: 10px; padding: 6px 6px 6px 8px; border-radius: 10px;
    background: var(--panel-bg); color: var(--panel-fg); border: 1px solid var(--panel-bd);
    box-shadow: var(--shadow); font-size: 12.5px; line-height: 1.3; }
  .brand { display: inline-grid; place-items: center; width: 20px; height: 20px; border-radius: 5px;
    background: var(--accent); color: var(--accent-fg); font-size: 9.5px; font-weight: 700; letter-spacing: -.02em; }
  .counts { font-variant-numeric: tabular-nums; white-space: pre; }
  .counts b { font-weight: 600; }
  .n-new { color: var(--new-fg); } .n-seen { color: var(--seen-fg); } .n-saved { color: var(--saved-fg); }
  .sep { color: var(--muted); }
  .toggle { display: inline-flex; align-items: center; gap: 5px; color: var(--muted); cursor: pointer; white-space: nowrap;
    padding: 2px 6px; border-radius: 6px; }
  .toggle:hover { background: var(--hover); color: var(--panel-fg); }
  .toggle input { margin: 0; accent-color: var(--accent); }
  .toggle[hidden] { display: none; }
  .close { all: unset; cursor: pointer; color: var(--muted); font-size: 16px; line-height: 16px; padding: 2px 5px; border-radius: 5px; }
  .close:hover { color: var(--panel-fg); background: var(--hover); }
  .close:focus-visible { outline: 2px solid var(--accent); }
`;
