/** Where a paper was met, in words, for the badge panel, the popup and the library page. */
import type { SiteIdOrSource } from '../../lib/messages';
import { PAGE_SITES, type SiteId } from '../../lib/sites/directory';

const SITE_NAMES: Record<SiteIdOrSource, string> = {
  ...(Object.fromEntries(PAGE_SITES.map((s) => [s.id, s.name])) as Record<SiteId, string>),
  import: 'imported',
  manual: 'added by hand',
};

/** Every place a paper can come from, as the library page's filter lists them. */
export { SOURCES } from '../../lib/sites/directory';

/** Names that start a label rather than sit mid-sentence; brand names keep their own case. */
const LABELS: Partial<Record<SiteIdOrSource, string>> = {
  import: 'Imported',
  manual: 'Added by hand',
};

/** Mid-sentence: "Nov 3 · Hugging Face", "Seen 2×: arXiv cs.LG new, imported". */
export function siteName(site: SiteIdOrSource): string {
  return SITE_NAMES[site] ?? site;
}

/** On its own, as the library page's filters and details show it: "Imported", "arXiv". */
export function siteLabel(site: SiteIdOrSource): string {
  return LABELS[site] ?? siteName(site);
}
