import { firstSeenDate, shortDate } from '../../lib/dates';
import type { BadgeModel } from '../../lib/page/controller';

/** The badge's words: "New", "Seen 3× · first Nov 3", "Saved · #llm #quantization". */
export function badgeLabel(model: BadgeModel, now = new Date()): string {
  const p = model.paper;
  if (model.status === 'saved') {
    const tags = (p?.tags ?? []).slice(0, 3).map((t) => `#${t}`);
    const more = (p?.tags.length ?? 0) > 3 ? ` +${(p?.tags.length ?? 0) - 3}` : '';
    return tags.length ? `Saved · ${tags.join(' ')}${more}` : 'Saved';
  }
  if (model.status === 'seen' && p) {
    const first = firstSeenDate(p.first);
    const count = p.seenCount;
    return first ? `Seen ${count}× · first ${shortDate(first, now)}` : `Seen ${count}×`;
  }
  return 'New';
}
