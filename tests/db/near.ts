/** What a worker that has just started finds near titles with, for tests comparing it to the catalog. */
import type { DejaLuDB } from '../../lib/db';
import { CatalogStore } from '../../lib/library/catalog-store';
import { NearKeys } from '../../lib/library/near-keys';

/**
 * The near keys a fresh worker would read now: the saved snapshot's 'near' row (saved first when
 * there is none) plus the journal of papers written since.
 */
export async function nearKeysOf(db: DejaLuDB): Promise<NearKeys> {
  await new CatalogStore(db).get();
  const from = await new CatalogStore(db).nearTitles();
  if (!(from instanceof NearKeys)) throw new Error('expected the near keys, got the catalog');
  return from;
}
