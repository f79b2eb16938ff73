/** The site recognisers, one module per site, and the lookup the content script starts from. */

import type { SiteModule } from '../types';
import { arxiv } from './arxiv';
import { dblp } from './dblp';
import { huggingface } from './huggingface';
import { openreview } from './openreview';
import { scholar } from './scholar';

/** In lib/sites/directory.ts's order, which the tests hold it to. */
export const SITES: readonly SiteModule[] = [huggingface, arxiv, scholar, openreview, dblp];

/** The module that reads this page, or null when no module handles it (or it is not a URL). */
export function siteFor(url: URL | string): SiteModule | null {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return SITES.find((site) => site.handles(parsed)) ?? null;
}

export { arxiv, dblp, huggingface, openreview, scholar };
