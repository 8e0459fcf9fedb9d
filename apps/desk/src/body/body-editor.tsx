import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { history } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { useSignedIn } from '../session-context.js';
import { type CardLookup, cardView, quoteView } from './cards.js';
import { baseKeymap, type BlockKind, blockKind, COMMANDS, insertBlock, KEYS, markActive, setLink } from './commands.js';
import { type Block, toBlocks, toDoc } from './convert.js';
import { readingLabel } from './reading.js';
import { bodySchema as schema } from './schema.js';
import './body-editor.css';

type Picker = 'link' | 'image' | 'audio' | 'embed' | 'related' | null;

const BLOCK_BUTTONS: [BlockKind & keyof typeof COMMANDS, string][] = [
  ['paragraph', 'Paragraph'],
  ['heading2', 'Heading 2'],
  ['heading3', 'Heading 3'],
  ['heading4', 'Heading 4'],
  ['quote', 'Quote'],
  ['bullet_list', 'Bulleted list'],
  ['ordered_list', 'Numbered list'],
];

/**
 * The story body on ProseMirror: Dispatch's blocks and marks only (see
 * schema.ts), a toolbar, Mod-b / Mod-i / Mod-z / Mod-y, and cards for images,
 * audio, embeds and Read-more. Reports the body as Block[] on every change;
 * saving is the page's.
 */
/** The two marks with a toolbar button of their own (links have a form). */
const MARK_BUTTONS = [
  { mark: 'bold', label: <strong>Bold</strong>, shortcut: 'Control+B' },
  { mark: 'italic', label: <em>Italic</em>, shortcut: 'Control+I' },
] as const;

export function BodyEditor({ initial, onChange }: { initial: readonly Block[]; onChange: (body: Block[]) => void }) {
  const { client } = useSignedIn();
  const labelId = useId();
  const mount = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [, setTick] = useState(0);
  const [body, setBody] = useState<readonly Block[]>(initial);
  const [picker, setPicker] = useState<Picker>(null);
  const report = useRef(onChange);
  report.current = onChange;

  const lookup = useMemo<CardLookup>(() => {
    const media = new Map<string, ReturnType<CardLookup['media']>>();
    const articles = new Map<string, ReturnType<CardLookup['article']>>();
    return {
      media: (id) => {
        if (!media.has(id))
          media.set(
            id,
            client.get('/admin/v1/media/{id}', { params: { path: { id } } }).catch(() => null),
          );
        return media.get(id)!;
      },
      article: (id) => {
        if (!articles.has(id))
          articles.set(
            id,
            client.get('/admin/v1/articles/{id}', { params: { path: { id } } }).catch(() => null),
          );
        return articles.get(id)!;
      },
    };
  }, [client]);

  useEffect(() => {
    const cards = cardView(lookup);
    const editor = new EditorView(mount.current, {
      state: EditorState.create({ doc: toDoc(initial), plugins: [history(), keymap(KEYS), keymap(baseKeymap)] }),
      nodeViews: { image: cards, audio: cards, embed: cards, related: cards, quote: quoteView },
      attributes: { role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelId, class: 'body-text', spellcheck: 'true' },
      dispatchTransaction(tr) {
        editor.updateState(editor.state.apply(tr));
        setTick((tick) => tick + 1);
        if (tr.docChanged) {
          const blocks = toBlocks(editor.state.doc);
          setBody(blocks);
          report.current(blocks);
        }
      },
    });
    setView(editor);
    return () => editor.destroy();
    // The document is made once; later changes come from the user, and a save remounts the editor.
  }, [lookup, labelId]);

  const state = view?.state;
  const kind = state ? blockKind(state) : 'other';
  const run = (command: (typeof COMMANDS)[keyof typeof COMMANDS]) => () => {
    if (!view) return;
    command(view.state, view.dispatch, view);
    view.focus();
  };
  const insert = (node: Parameters<typeof insertBlock>[0]) => {
    if (!view) return;
    insertBlock(node)(view.state, view.dispatch);
    setPicker(null);
    view.focus();
  };
  const toggle = (which: Exclude<Picker, null>) => () => setPicker(picker === which ? null : which);
  const canLink = !!state && !state.selection.empty && state.selection.$from.parent.type.allowsMarkType(schema.marks.link);

  return (
    <div className="field body-editor">
      <span className="label" id={labelId}>
        Body
      </span>
      <div className="body-toolbar" role="toolbar" aria-label="Body formatting">
        {BLOCK_BUTTONS.map(([name, label]) => (
          <button key={name} type="button" aria-pressed={kind === name} onClick={run(COMMANDS[name])} disabled={!view}>
            {label}
          </button>
        ))}
        <span className="body-toolbar-gap" />
        {MARK_BUTTONS.map(({ mark, label, shortcut }) => (
          <button
            key={mark}
            type="button"
            aria-pressed={!!state && markActive(state, schema.marks[mark])}
            onClick={run(COMMANDS[mark])}
            aria-keyshortcuts={shortcut}
            disabled={!view}
          >
            {label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={!!state && markActive(state, schema.marks.link)}
          aria-expanded={picker === 'link'}
          onClick={toggle('link')}
          disabled={!canLink && picker !== 'link'}
        >
          Link
        </button>
        <span className="body-toolbar-gap" />
        <button type="button" aria-expanded={picker === 'image'} onClick={toggle('image')} disabled={!view}>
          Image
        </button>
        <button type="button" aria-expanded={picker === 'audio'} onClick={toggle('audio')} disabled={!view}>
          Audio
        </button>
        <button type="button" aria-expanded={picker === 'embed'} onClick={toggle('embed')} disabled={!view}>
          Embed
        </button>
        <button type="button" aria-expanded={picker === 'related'} onClick={toggle('related')} disabled={!view}>
          Read-more card
        </button>
      </div>
      {picker === 'link' && view && (
        <LinkForm
          initial={(state && schema.marks.link.isInSet(state.selection.$from.marks())?.attrs.href) as string | undefined}
          onDone={(href) => {
            setLink(href)(view.state, view.dispatch);
            setPicker(null);
            view.focus();
          }}
          onCancel={() => setPicker(null)}
        />
      )}
      {(picker === 'image' || picker === 'audio') && (
        <MediaPicker kind={picker} onPick={(mediaId) => insert(schema.nodes[picker].create({ mediaId }))} onCancel={() => setPicker(null)} />
      )}
      {picker === 'embed' && <EmbedForm onDone={(url, provider) => insert(schema.nodes.embed.create({ url, provider }))} onCancel={() => setPicker(null)} />}
      {picker === 'related' && <StoryPicker onPick={(articleId) => insert(schema.nodes.related.create({ articleId }))} onCancel={() => setPicker(null)} />}
      <div ref={mount} className="body-mount" />
      <p className="hint body-count">{readingLabel(body)}</p>
    </div>
  );
}

function Panel({ title, onCancel, children }: { title: string; onCancel: () => void; children: ReactNode }) {
  return (
    <section className="body-panel" role="dialog" aria-label={title} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <div className="body-panel-head">
        <h3>{title}</h3>
        <button type="button" className="quiet" onClick={onCancel}>
          Close
        </button>
      </div>
      {children}
    </section>
  );
}

function LinkForm({ initial, onDone, onCancel }: { initial: string | undefined; onDone: (href: string | null) => void; onCancel: () => void }) {
  const [href, setHref] = useState(initial ?? 'https://');
  const valid = /^https?:\/\/[^)\s]+$/.test(href);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (valid) onDone(href);
  };
  return (
    <Panel title="Link" onCancel={onCancel}>
      {/* Not a <form>: it sits inside the story's form. */}
      <div className="body-panel-row" onKeyDown={(event) => event.key === 'Enter' && submit(event)}>
        <label>
          Link address
          <input value={href} onChange={(event) => setHref(event.target.value)} type="url" autoFocus />
        </label>
        <button type="button" onClick={submit} disabled={!valid}>
          Apply link
        </button>
        {initial && (
          <button type="button" onClick={() => onDone(null)}>
            Remove link
          </button>
        )}
      </div>
      {!valid && <p className="hint">An http:// or https:// address, without spaces or “)”.</p>}
    </Panel>
  );
}

function EmbedForm({ onDone, onCancel }: { onDone: (url: string, provider: string | null) => void; onCancel: () => void }) {
  const [url, setUrl] = useState('https://');
  const [provider, setProvider] = useState('');
  let valid: boolean;
  try {
    valid = ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    valid = false;
  }
  return (
    <Panel title="Insert embed" onCancel={onCancel}>
      <div className="body-panel-row">
        <label>
          Embed address
          <input value={url} onChange={(event) => setUrl(event.target.value)} type="url" autoFocus />
        </label>
        <label>
          Provider (optional)
          <input value={provider} onChange={(event) => setProvider(event.target.value)} placeholder="youtube, x, instagram" maxLength={100} />
        </label>
        <button type="button" disabled={!valid} onClick={() => onDone(url, provider.trim() || null)}>
          Insert embed
        </button>
      </div>
    </Panel>
  );
}

function MediaPicker({ kind, onPick, onCancel }: { kind: 'image' | 'audio'; onPick: (id: string) => void; onCancel: () => void }) {
  const { client } = useSignedIn();
  const [q, setQ] = useState('');
  const media = useQuery({
    queryKey: ['media', kind, q],
    queryFn: () => client.get('/admin/v1/media', { params: { query: { kind, limit: 20, ...(q ? { q } : {}) } } }),
  });
  const title = kind === 'image' ? 'Insert image' : 'Insert audio';
  return (
    <Panel title={title} onCancel={onCancel}>
      <label className="body-panel-search">
        Search the library
        <input type="search" value={q} onChange={(event) => setQ(event.target.value)} autoFocus />
      </label>
      {media.isPending && <p className="hint">Loading…</p>}
      {media.isError && <p className="error">{media.error.message}</p>}
      {media.data?.data.length === 0 && <p className="hint">Nothing in the library matches. (Upload comes later.)</p>}
      <ul className="body-pick-list">
        {media.data?.data.map((asset) => (
          <li key={asset.id}>
            <button type="button" onClick={() => onPick(asset.id)}>
              <span className="body-pick-title">{asset.caption || 'No caption'}</span>
              <span className="body-pick-detail">{asset.creditLine || 'No credit yet'}</span>
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function StoryPicker({ onPick, onCancel }: { onPick: (id: string) => void; onCancel: () => void }) {
  const { client } = useSignedIn();
  const [q, setQ] = useState('');
  const stories = useQuery({
    queryKey: ['articles', 'pick', q],
    queryFn: () => client.get('/admin/v1/articles', { params: { query: { limit: 20, ...(q ? { q } : {}) } } }),
  });
  return (
    <Panel title="Insert Read-more card" onCancel={onCancel}>
      <label className="body-panel-search">
        Search headlines
        <input type="search" value={q} onChange={(event) => setQ(event.target.value)} autoFocus />
      </label>
      {stories.isError && <p className="error">{stories.error.message}</p>}
      {stories.data?.data.length === 0 && <p className="hint">No story matches.</p>}
      <ul className="body-pick-list">
        {stories.data?.data.map((story) => (
          <li key={story.id}>
            <button type="button" onClick={() => onPick(story.id)}>
              <span className="body-pick-title">{story.headline}</span>
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
