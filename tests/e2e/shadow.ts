/**
 * Reading and clicking inside the extension's *closed* shadow roots from Playwright, through the
 * Chrome DevTools Protocol (which pierces closed roots), so the shipped extension never has to
 * open them or carry test hooks.
 *
 *   const dom = await ShadowDom.open(page);
 *   const badges = await dom.hosts('dejalu-badge');          // every badge, in page order
 *   badges[0].text                                           // "New", "Seen 2× · first Oct 29", …
 *   const save = badges[0].find('[data-action=save]')[0];
 *   await dom.click(save!);
 *   const badge = await dom.hostAt(`document.querySelector('a[href="/papers/2502.97509"]').closest('article').querySelector('dejalu-badge')`);
 */
import type { CDPSession, Page } from '@playwright/test';

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

/** One element inside a shadow root (or the root itself, name `#document-fragment`). */
export interface ShadowEl {
  backendNodeId: number;
  name: string;
  attrs: Record<string, string>;
  /** Text of the subtree as rendered text nodes, `<style>` left out. */
  text: string;
  children: ShadowEl[];
  /** Elements in this subtree matching a simple compound selector: `tag.class[attr][attr=value]`. */
  find(selector: string): ShadowEl[];
}

/** A shadow host in the page (light DOM) with its shadow tree. */
export interface ShadowHost {
  backendNodeId: number;
  name: string;
  attrs: Record<string, string>;
  root: ShadowEl;
  /** The shadow tree's text, trimmed. */
  text: string;
  find(selector: string): ShadowEl[];
}

function attrsOf(node: CdpNode): Record<string, string> {
  const out: Record<string, string> = {};
  const a = node.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i]!] = a[i + 1]!;
  return out;
}

type Part = { tag?: string; classes: string[]; attrs: [string, string | undefined][] };

function parseSelector(selector: string): Part {
  const part: Part = { classes: [], attrs: [] };
  const re = /^([a-zA-Z][\w-]*)|\.([\w-]+)|\[([\w-]+)(?:=["']?([^\]"']*)["']?)?\]/y;
  let i = 0;
  while (i < selector.length) {
    re.lastIndex = i;
    const m = re.exec(selector);
    if (!m) throw new Error(`Unsupported selector: ${selector}`);
    if (m[1]) part.tag = m[1].toLowerCase();
    else if (m[2]) part.classes.push(m[2]);
    else if (m[3]) part.attrs.push([m[3], m[4]]);
    i = re.lastIndex;
  }
  return part;
}

function matches(el: ShadowEl, part: Part): boolean {
  if (part.tag && el.name !== part.tag) return false;
  const classes = (el.attrs['class'] ?? '').split(/\s+/);
  if (!part.classes.every((c) => classes.includes(c))) return false;
  return part.attrs.every(([k, v]) => k in el.attrs && (v === undefined || el.attrs[k] === v));
}

function findIn(root: ShadowEl, selector: string): ShadowEl[] {
  const part = parseSelector(selector);
  const out: ShadowEl[] = [];
  const walk = (el: ShadowEl) => {
    for (const c of el.children) {
      if (matches(c, part)) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

function toShadowEl(node: CdpNode): ShadowEl {
  const children: ShadowEl[] = [];
  let text = '';
  for (const c of node.children ?? []) {
    if (c.nodeType === 3) text += c.nodeValue;
    else if (c.nodeType === 1 && c.localName !== 'style' && c.localName !== 'script') {
      const el = toShadowEl(c);
      children.push(el);
      // What a reader sees: screen-reader-only text (`.sr`, the badge's live region) is left out of
      // its parent's; its element still has it.
      if (!/(^|\s)sr(\s|$)/.test(el.attrs['class'] ?? '')) text += el.text;
    }
  }
  const el: ShadowEl = {
    backendNodeId: node.backendNodeId,
    name: node.localName || node.nodeName.toLowerCase(),
    attrs: attrsOf(node),
    text,
    children,
    find: (selector) => findIn(el, selector),
  };
  return el;
}

function toHost(node: CdpNode): ShadowHost | null {
  const root = node.shadowRoots?.find((r) => r.nodeName === '#document-fragment');
  if (!root) return null;
  const tree = toShadowEl(root);
  return {
    backendNodeId: node.backendNodeId,
    name: node.localName,
    attrs: attrsOf(node),
    root: tree,
    text: tree.text.trim(),
    find: (selector) => tree.find(selector),
  };
}

export class ShadowDom {
  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
  ) {}

  static async open(page: Page): Promise<ShadowDom> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('Runtime.enable');
    return new ShadowDom(page, cdp);
  }

  /** Every shadow host with this tag name, in document order. */
  async hosts(tag: string): Promise<ShadowHost[]> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const want = tag.toLowerCase();
    const out: ShadowHost[] = [];
    const walk = (n: CdpNode) => {
      if (n.nodeType === 1 && n.localName === want) {
        const h = toHost(n);
        if (h) out.push(h);
      }
      for (const c of n.children ?? []) walk(c);
      // Our hosts never nest in other shadow roots, but page components might hold them.
      for (const s of n.shadowRoots ?? []) walk(s);
      if (n.contentDocument) walk(n.contentDocument);
    };
    walk(root);
    return out;
  }

  /** The host a page expression (evaluated in the page) returns, e.g. a card's badge. */
  async hostAt(expression: string): Promise<ShadowHost> {
    const { result, exceptionDetails } = (await this.cdp.send('Runtime.evaluate', { expression })) as {
      result: { objectId?: string; subtype?: string };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails || !result.objectId || result.subtype === 'null')
      throw new Error(`No element for ${expression}: ${exceptionDetails?.text ?? 'null'}`);
    const { node } = (await this.cdp.send('DOM.describeNode', { objectId: result.objectId, depth: -1, pierce: true })) as {
      node: CdpNode;
    };
    await this.cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    const host = toHost(node);
    if (!host) throw new Error(`${expression} has no shadow root`);
    return host;
  }

  /** The centre of an element's border box in viewport coordinates, after scrolling it into view. */
  async center(el: { backendNodeId: number }): Promise<{ x: number; y: number }> {
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: el.backendNodeId });
    const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: el.backendNodeId })) as {
      model: { border: number[] };
    };
    const q = model.border;
    const xs = [q[0]!, q[2]!, q[4]!, q[6]!];
    const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
    return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
  }

  /** The element's border box (viewport coordinates), or null when it is not rendered. */
  async box(el: { backendNodeId: number }): Promise<{ x: number; y: number; width: number; height: number } | null> {
    try {
      const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: el.backendNodeId })) as {
        model: { border: number[]; width: number; height: number };
      };
      return { x: model.border[0]!, y: model.border[1]!, width: model.width, height: model.height };
    } catch {
      return null;
    }
  }

  /** A real mouse click at the element's centre, as a user would. */
  async click(el: { backendNodeId: number }): Promise<void> {
    const { x, y } = await this.center(el);
    await this.page.mouse.click(x, y);
  }

  async hover(el: { backendNodeId: number }): Promise<void> {
    const { x, y } = await this.center(el);
    await this.page.mouse.move(x, y);
  }

  /** Call `fn` (a function source, `this` = the element) on an element and return its JSON result. */
  async call<T>(el: { backendNodeId: number }, fn: string): Promise<T> {
    const { object } = (await this.cdp.send('DOM.resolveNode', { backendNodeId: el.backendNodeId })) as {
      object: { objectId: string };
    };
    const { result } = (await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      returnByValue: true,
    })) as { result: { value: T } };
    await this.cdp.send('Runtime.releaseObject', { objectId: object.objectId });
    return result.value;
  }

  /** The live `value` of an input or textarea (not an attribute, so not in the DOM snapshot). */
  value(el: { backendNodeId: number }): Promise<string> {
    return this.call<string>(el, 'function () { return this.value; }');
  }

  /** Is the element focused inside its shadow root? */
  focused(el: { backendNodeId: number }): Promise<boolean> {
    return this.call<boolean>(el, 'function () { return this.getRootNode().activeElement === this; }');
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}

/** The visible texts of every badge on the page, in page order. */
export async function badgeTexts(dom: ShadowDom): Promise<string[]> {
  return (await dom.hosts('dejalu-badge')).map((h) => h.text);
}
