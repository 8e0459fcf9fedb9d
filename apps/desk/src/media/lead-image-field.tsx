import { type DragEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSignedIn } from '../session-context.js';
import {
  CREDIT_FIELDS,
  CREDIT_LABEL,
  type CreditForm,
  creditChanges,
  creditFormOf,
  isCreditProblem,
  isUncredited,
  type Media,
  mediaTitle,
  percent,
} from './credit.js';
import { uploadMedia } from './upload.js';
import './media.css';

const mediaKey = (id: string) => ['media', id] as const;

/**
 * The story's lead image: chosen from the library (searchable) or uploaded
 * (file picker or a file dropped on the field, with its progress), its
 * credit shown as readers will see it, and a photo without one flagged
 * before publishing, with a form to credit it (PATCH /media/:id).
 * `error` is a problem on `leadMediaId` (a save's, or a refused publish's).
 */
export function LeadImageField({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error: string | undefined }) {
  const { client } = useSignedIn();
  const queryClient = useQueryClient();
  const media = useQuery({
    queryKey: mediaKey(value ?? ''),
    queryFn: () => client.get('/admin/v1/media/{id}', { params: { path: { id: value ?? '' } } }),
    enabled: value !== null,
    staleTime: 60_000,
  });
  const [picking, setPicking] = useState(false);
  const [crediting, setCrediting] = useState(false);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  const upload = useMutation({
    mutationFn: (file: File) => {
      setProgress({ name: file.name, percent: 0 });
      return uploadMedia(client, file, (loaded, total) => setProgress({ name: file.name, percent: percent(loaded, total) }));
    },
    onSuccess: (asset) => {
      queryClient.setQueryData(mediaKey(asset.id), asset);
      void queryClient.invalidateQueries({ queryKey: ['media-library'] });
      setPicking(false);
      setCrediting(false);
      onChange(asset.id);
    },
    onSettled: () => setProgress(null),
  });
  const uploadFile = (file: File | undefined) => {
    if (file && !upload.isPending) upload.mutate(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    uploadFile(event.dataTransfer.files[0]);
  };

  const chosen = value !== null ? media.data : undefined;
  const creditProblem = isCreditProblem(error) ? error : undefined;
  const otherError = creditProblem && chosen ? undefined : error;
  const uncredited = chosen !== undefined && isUncredited(chosen);
  // A refused publish says the photo has no credit while the copy here has one: read it again (someone may have taken it away).
  const stale = creditProblem !== undefined && chosen !== undefined && !uncredited;
  const refetch = media.refetch;
  useEffect(() => {
    if (stale) void refetch();
  }, [stale, refetch]);

  return (
    <div
      className={`field lead-image${dragging ? ' dropping' : ''}`}
      role="group"
      aria-labelledby="lead-image-label"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <span className="label" id="lead-image-label">
        Lead image
      </span>

      {value === null ? (
        <p className="hint">No lead image. Choose one from the library, or drop a photo here.</p>
      ) : media.isPending ? (
        <p className="hint">Loading the photo…</p>
      ) : media.isError ? (
        <p className="error">This photo cannot be read: {media.error.message}</p>
      ) : (
        chosen && (
          <div className="chosen">
            <p className="title">{mediaTitle(chosen)}</p>
            <p className="hint">
              {chosen.mime}
              {chosen.width && chosen.height ? `, ${chosen.width} × ${chosen.height}` : ''}
            </p>
            {!uncredited && (
              <p className="credit-line">
                <span className="hint">Credit line: </span>
                <span aria-label="Credit line">{chosen.creditLine}</span>
              </p>
            )}
          </div>
        )
      )}

      {uncredited && (
        <div className="notice uncredited" role="alert" id="lead-image-error">
          {creditProblem
            ? 'This photo has no credit, and the story cannot be published without one: name the agency or the photographer.'
            : 'This photo has no credit. Credit it before the story is published.'}
        </div>
      )}
      {otherError && (
        <p className="error" id="lead-image-error">
          {otherError}
        </p>
      )}

      {chosen && crediting && (
        <CreditEditor
          media={chosen}
          onDone={(next) => {
            if (next) queryClient.setQueryData(mediaKey(next.id), next);
            void queryClient.invalidateQueries({ queryKey: ['media-library'] });
            setCrediting(false);
          }}
          onCancel={() => setCrediting(false)}
        />
      )}

      <div className="actions">
        {chosen && !crediting && (
          <button type="button" className={uncredited ? 'primary' : undefined} onClick={() => setCrediting(true)}>
            {uncredited ? 'Add credit' : 'Edit credit'}
          </button>
        )}
        <button type="button" aria-expanded={picking} onClick={() => setPicking((open) => !open)}>
          Choose from library
        </button>
        <label className="button">
          Upload a photo
          <input
            type="file"
            accept="image/*"
            className="visually-hidden"
            disabled={upload.isPending}
            onChange={(event) => {
              uploadFile(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </label>
        {value !== null && (
          <button type="button" onClick={() => onChange(null)}>
            Remove lead image
          </button>
        )}
      </div>

      {progress && (
        <div className="upload-progress">
          <progress max={100} value={progress.percent} aria-label={`Uploading ${progress.name}`} />
          <span role="status">
            Uploading {progress.name}… {progress.percent}%
          </span>
        </div>
      )}
      {upload.isError && (
        <p className="error" role="alert">
          The upload failed: {upload.error.message}
        </p>
      )}

      {picking && (
        <LibraryPicker
          onPick={(asset) => {
            queryClient.setQueryData(mediaKey(asset.id), asset);
            setPicking(false);
            setCrediting(false);
            onChange(asset.id);
          }}
        />
      )}
    </div>
  );
}

/** Caption, credit, creator, copyright notice and alt text of the chosen photo, saved to the library (the same photo in other stories changes too). */
function CreditEditor({ media, onDone, onCancel }: { media: Media; onDone: (next: Media | null) => void; onCancel: () => void }) {
  const { client } = useSignedIn();
  const [form, setForm] = useState<CreditForm>(() => creditFormOf(media));
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const save = useMutation({
    mutationFn: (body: Partial<CreditForm>) => client.patch('/admin/v1/media/{id}', { params: { path: { id: media.id } }, body }),
    onSuccess: (next) => onDone(next),
  });
  const submit = () => {
    const body = creditChanges(media, form);
    if (Object.keys(body).length === 0) onDone(null);
    else save.mutate(body);
  };
  // Enter saves the credit, not the story around it.
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !(event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <fieldset className="credit-form" onKeyDown={onKey}>
      <legend>Photo credit</legend>
      <p className="hint">Saved with the photo in the library: every story that uses it shows the change.</p>
      {CREDIT_FIELDS.map((key) => (
        <div className="field" key={key}>
          <label htmlFor={`photo-${key}`}>{CREDIT_LABEL[key]}</label>
          {key === 'caption' ? (
            <textarea id={`photo-${key}`} rows={2} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} />
          ) : (
            <input
              id={`photo-${key}`}
              ref={key === 'credit' ? first : undefined}
              value={form[key]}
              onChange={(event) => setForm({ ...form, [key]: event.target.value })}
            />
          )}
        </div>
      ))}
      {save.isError && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={submit} disabled={save.isPending}>
          Save credit
        </button>
        <button type="button" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}

/** The library, newest first, searched by caption, credit and creator. */
function LibraryPicker({ onPick }: { onPick: (asset: Media) => void }) {
  const { client } = useSignedIn();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const library = useQuery({
    queryKey: ['media-library', query],
    queryFn: () => client.get('/admin/v1/media', { params: { query: { kind: 'image', limit: 24, ...(query ? { q: query } : {}) } } }),
  });
  return (
    <div className="library">
      <input
        type="search"
        aria-label="Search the library"
        placeholder="Search caption, credit, creator"
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      {library.isPending ? (
        <p className="hint">Loading the library…</p>
      ) : library.isError ? (
        <p className="error">{library.error.message}</p>
      ) : library.data.data.length === 0 ? (
        <p className="hint">No photos{query ? ` match “${query}”` : ' yet'}.</p>
      ) : (
        <ul aria-label="Photos in the library">
          {library.data.data.map((asset) => (
            <li key={asset.id}>
              <button type="button" onClick={() => onPick(asset)}>
                <span className="title">{mediaTitle(asset)}</span> <span className="hint">{asset.creditLine || 'No credit'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
