/**
 * The library page: the whole library in a tab. Talks to the background only through
 * `send`/`call`, and refreshes on `dejalu.changed` events (its own edits included).
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { CardInput, PaperView, Settings } from '../../lib/messages';
import { texToUnicode } from '../../lib/tex-unicode';
import type { VenueEdit } from '../../lib/venue';
import { call, send } from '../../lib/rpc';
import { BulkBar } from './BulkBar';
import { Detail } from './Detail';
import { count, plural } from './format';
import { useChanges, useOverview, usePaper, useSearchList } from './hooks';
import { PaperList } from './PaperList';
import { isFiltered, paperFromHash } from './query';
import { useListKeys } from './useListKeys';
import { useBulkActions } from './useBulkActions';
import { useSelection } from './useSelection';
import { SettingsPane } from './SettingsPane';
import { Toast, type ToastData } from './Toast';
import { Toolbar } from './Toolbar';
import { Transfer } from './Transfer';
import { BackupReminder } from './BackupReminder';

type Tab = 'library' | 'transfer' | 'settings';

export function App() {
  const [tab, setTab] = useState<Tab>('library');
  const list = useSearchList();
  const overview = useOverview();
  const [activeKey, setActiveKey] = useState<string | null>(() => paperFromHash(globalThis.location?.hash ?? ''));
  const detail = usePaper(activeKey);
  const [toast, setToast] = useState<ToastData | null>(null);
  const [pushedSettings, setPushedSettings] = useState<Settings | undefined>(undefined);
  const toastId = useRef(0);
  const say = (text: string, extra: Partial<ToastData> = {}) => setToast({ id: ++toastId.current, text, ...extra });

  useChanges((e) => {
    list.refresh();
    overview.reload();
    if (activeKey && (e.keys.length === 0 || e.keys.includes(activeKey))) detail.reload();
    if (e.settings) setPushedSettings(e.settings);
  });

  const keys = useMemo(() => list.papers.map((p) => p.key), [list.papers]);
  const selection = useSelection(keys, JSON.stringify(list.filters), list.query, (message) => say(message, { kind: 'error' }));
  const selected = selection.selected;
  const bulk = useBulkActions({ selection, list, overview, detail, activeKey, setActiveKey, say });
  const tagNames = useMemo(() => overview.tags.map((t) => t.tag), [overview.tags]);

  // Edits update the list and panel at once; the change event that follows confirms them.
  const applied = (paper: PaperView) => {
    list.patch(paper);
    if (paper.key === activeKey) detail.set(paper);
  };

  const toggleSave = async (paper: PaperView) => {
    const r = await send({ type: 'paper.save', target: { key: paper.key }, saved: paper.savedAt === undefined });
    if (r.ok) applied(r.paper);
    else say(r.error.message, { kind: 'error' });
  };

  const editTags = async (paper: PaperView, change: { add?: string[]; remove?: string[] }) => {
    const r = await send({ type: 'paper.tags', target: { key: paper.key }, add: change.add ?? [], remove: change.remove ?? [] });
    if (r.ok) {
      applied(r.paper);
      overview.reload();
    } else say(r.error.message, { kind: 'error' });
  };

  const chooseTitle = async (paper: PaperView, title: string) => {
    const r = await send({ type: 'paper.title', key: paper.key, title });
    if (r.ok) applied(r.paper);
    else say(r.error.message, { kind: 'error' });
  };

  const setVenue = async (paper: PaperView, venue: VenueEdit) => {
    const r = await send({ type: 'paper.venue', key: paper.key, ...venue });
    if (r.ok) applied(r.paper);
    else say(r.error.message, { kind: 'error' });
    return r.ok;
  };

  // The add-a-paper form: null closed, else the title it starts from.
  const [adding, setAdding] = useState<string | null>(null);
  const addPaper = async (card: CardInput, asNew: boolean) => {
    const r = await send({ type: 'paper.add', card, ...(asNew ? { asNew } : {}) });
    if (!r.ok) {
      say(r.error.message, { kind: 'error' });
      return null;
    }
    const title = `“${texToUnicode(r.paper.title)}”`;
    // One held by a near title only is the form's to ask about; the others open in the details.
    if (r.existed && r.match?.rule === 'similar-title') return r;
    say(r.existed ? `Already in your library: ${title}.` : `Added ${title} to your library, saved.`);
    setActiveKey(r.paper.key);
    return r;
  };

  const saveNote = async (key: string, note: string) => {
    // Throws on failure so the note editor keeps the text and retries.
    const r = await call({ type: 'paper.note', target: { key }, note });
    list.patch(r.paper);
  };

  useListKeys({
    keys,
    more: list.papers.length < list.total,
    enabled: tab === 'library',
    activeKey,
    open: setActiveKey,
    loadMore: list.loadMore,
    tick: (key) => selection.select(key, !selected.has(key), false),
    toggleSave: (key) => {
      const paper = list.papers.find((p) => p.key === key) ?? (detail.paper?.key === key ? detail.paper : undefined);
      if (paper) void toggleSave(paper);
    },
  });

  // The list stays on the same papers, now under the new name.
  const renameTag = async (from: string, to: string) => {
    const merging = overview.tags.some((t) => t.tag === to);
    const r = await send({ type: 'tags.rename', from, to });
    if (!r.ok) return say(r.error.message, { kind: 'error' });
    list.setFilters({ tag: to });
    overview.reload();
    say(`${merging ? `Merged #${from} into #${to}` : `Renamed #${from} to #${to}`} on ${plural(r.changed, 'paper')}.`);
  };

  const stats = overview.stats;
  return (
    <div class="app">
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ◐
          </span>
          <span>Déjà Lu</span>
        </div>
        <nav class="tabs" role="tablist" aria-label="Sections">
          {(
            [
              ['library', 'Library'],
              ['transfer', 'Import & export'],
              ['settings', 'Settings'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" class="tab" data-testid={`tab-${id}`} aria-selected={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </nav>
        <div class="stats" data-testid="stats">
          {stats && (
            <>
              <span>{plural(stats.papers, 'paper')}</span>
              <span>{count(stats.saved)} saved</span>
              <span>{plural(stats.sightings, 'sighting')}</span>
            </>
          )}
        </div>
      </header>

      {tab === 'library' && (
        <>
          <BackupReminder stats={stats} onBackedUp={overview.reload} say={say} />
          <Toolbar
            filters={list.filters}
            tags={overview.tags}
            onChange={list.setFilters}
            onReset={list.resetFilters}
            onRenameTag={renameTag}
            onAddPaper={addPaper}
            onOpen={setActiveKey}
            adding={adding}
            onAdding={setAdding}
          />
          {selected.size > 0 && (
            <BulkBar
              count={selected.size}
              busy={bulk.busy}
              tagSuggestions={tagNames}
              onRun={(op) => void bulk.run(op)}
              onExport={(f) => void bulk.exportSelection(f)}
              onCopyBibtex={() => void bulk.copyBibtex([...selected])}
              onMerge={() => void bulk.merge()}
              onClear={selection.clear}
            />
          )}
          <div class={`body${activeKey ? ' has-detail' : ''}`}>
            <PaperList
              papers={list.papers}
              total={list.total}
              loading={list.loading}
              error={list.error}
              filtered={isFiltered(list.filters)}
              sort={list.filters.sort}
              selected={selected}
              pageSelection={selection.page}
              matching={selection.matching}
              activeKey={activeKey}
              onSelect={selection.select}
              onSelectPage={selection.selectPage}
              onSelectMatching={() => void selection.selectMatching()}
              onClearSelection={selection.clear}
              onOpen={(k) => setActiveKey((cur) => (cur === k ? null : k))}
              onToggleSave={(p) => void toggleSave(p)}
              onTag={(tag) => list.setFilters({ tag })}
              onLoadMore={list.loadMore}
              onImport={() => setTab('transfer')}
              searchText={list.filters.text}
              onAddByHand={setAdding}
            />
            {activeKey && (
              <Detail
                {...detail}
                knownTags={overview.tags}
                onClose={() => setActiveKey(null)}
                onToggleSave={(p) => void toggleSave(p)}
                onTags={(p, c) => void editTags(p, c)}
                saveNote={saveNote}
                onOpen={setActiveKey}
                onSearch={(text) => list.setFilters({ text })}
                onChooseTitle={(p, t) => void chooseTitle(p, t)}
                onVenue={setVenue}
                onCopyBibtex={(p) => void bulk.copyBibtex([p.key])}
                onSearchTag={(tag) => list.setFilters({ tag })}
              />
            )}
          </div>
        </>
      )}
      {/* Hidden, not unmounted: an import or export running meanwhile keeps its status and its lock. */}
      <div hidden={tab !== 'transfer'}>
        <Transfer total={stats?.papers ?? list.total} stats={stats} selectedKeys={[...selected]} onExported={overview.reload} />
      </div>
      {tab === 'settings' && (
        <SettingsPane
          pushed={pushedSettings}
          onCleared={() => {
            selection.clear();
            setActiveKey(null);
            list.refresh();
            overview.reload();
          }}
        />
      )}
      <Toast toast={toast} onDone={() => setToast(null)} />
    </div>
  );
}
