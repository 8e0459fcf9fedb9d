import { useSignedIn } from '../session-context.js';
import type { Fields } from '../editing/fields.js';
import { newsroomTimeZone, utcToZoned, zoneAbbreviation, zonedToUtc } from '../workflow/zoned-time.js';
import { type Kind, KIND_LABEL, KINDS, seoWith } from './meta.js';
import { PickList } from './pick-list.js';
import './story.css';

type Meta = Pick<Fields, 'kind' | 'tagIds' | 'authorIds' | 'embargoUntil' | 'seo'>;

/**
 * The story's metadata in the editor: kind, tags, bylines (in order),
 * embargo (in the browser's time zone, sent as UTC) and the SEO texts. Each
 * is a field of the editing hook: saved, kept locally and compared like the
 * headline.
 */
export function StoryMeta({
  fields,
  onChange,
  fieldError,
}: {
  fields: Meta;
  onChange: (change: Partial<Meta>) => void;
  fieldError: (path: string) => string | undefined;
}) {
  const { client } = useSignedIn();
  const zone = newsroomTimeZone();
  const embargoAt = fields.embargoUntil ?? new Date();
  return (
    <>
      <div className="field">
        <label htmlFor="kind">Kind</label>
        <select id="kind" value={fields.kind} onChange={(event) => onChange({ kind: event.target.value as Kind })}>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABEL[kind]}
            </option>
          ))}
        </select>
        {fieldError('kind') && <p className="error">{fieldError('kind')}</p>}
      </div>
      <PickList
        id="tags"
        label="Tags"
        noun="tag"
        queryKey="tag-search"
        value={fields.tagIds}
        onChange={(tagIds) => onChange({ tagIds })}
        search={async (q) => (await client.get('/admin/v1/tags', { params: { query: { limit: 100, ...(q ? { q } : {}) } } })).data}
        error={fieldError('tagIds')}
      />
      <PickList
        id="authors"
        label="Authors"
        noun="author"
        ordered
        queryKey="author-search"
        value={fields.authorIds}
        onChange={(authorIds) => onChange({ authorIds })}
        search={async (q) => (await client.get('/admin/v1/authors', { params: { query: { limit: 100, ...(q ? { q } : {}) } } })).data}
        error={fieldError('authorIds')}
      />
      <div className="field">
        <label htmlFor="embargo">Embargo until</label>
        <div className="inline">
          <input
            id="embargo"
            type="datetime-local"
            aria-describedby="embargo-zone"
            value={fields.embargoUntil ? utcToZoned(fields.embargoUntil, zone) : ''}
            onChange={(event) => onChange({ embargoUntil: event.target.value ? zonedToUtc(event.target.value, zone) : null })}
          />
          <span className="hint" id="embargo-zone">
            {zone} time ({zoneAbbreviation(embargoAt, zone)})
          </span>
          {fields.embargoUntil && (
            <button type="button" className="quiet" onClick={() => onChange({ embargoUntil: null })}>
              No embargo
            </button>
          )}
        </div>
        {fieldError('embargoUntil') && <p className="error">{fieldError('embargoUntil')}</p>}
      </div>
      <fieldset className="seo">
        <legend>SEO</legend>
        <div className="field">
          <label htmlFor="seo-title">SEO title</label>
          <input
            id="seo-title"
            value={fields.seo.title ?? ''}
            placeholder="The headline"
            onChange={(event) => onChange({ seo: seoWith(fields.seo, 'title', event.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor="seo-description">SEO description</label>
          <textarea
            id="seo-description"
            rows={2}
            value={fields.seo.description ?? ''}
            placeholder="The standfirst"
            onChange={(event) => onChange({ seo: seoWith(fields.seo, 'description', event.target.value) })}
          />
        </div>
        {fieldError('seo') && <p className="error">{fieldError('seo')}</p>}
      </fieldset>
    </>
  );
}
