import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useSignedIn } from '../session-context.js';
import { formatInZone, newsroomTimeZone } from '../workflow/zoned-time.js';
import './story.css';

/** "Preview link": a shareable link to the saved working copy (POST …/preview-token), with its expiry and a copy button. */
export function PreviewLink({ articleId, unsaved }: { articleId: string; unsaved: boolean }) {
  const { client } = useSignedIn();
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  const make = useMutation({
    mutationFn: () => client.post('/admin/v1/articles/{id}/preview-token', { params: { path: { id: articleId } } }),
    onMutate: () => setCopied(null),
  });
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      // No clipboard (an insecure origin, a refusal): the text is selected for the user to copy.
      (document.getElementById('preview-url') as HTMLInputElement | null)?.select();
      setCopied('select');
    }
  };
  return (
    <section className="preview-link" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <button type="button" onClick={() => make.mutate()} disabled={make.isPending}>
        Preview link
      </button>
      {unsaved && <p className="hint">The link shows the saved copy: changes not saved yet are not in it.</p>}
      {make.data && (
        <div className="field">
          <label htmlFor="preview-url">Preview URL</label>
          <div className="inline">
            <input id="preview-url" readOnly value={make.data.url} onFocus={(event) => event.target.select()} />
            <button type="button" onClick={() => void copy(make.data.url)}>
              Copy link
            </button>
            <a href={make.data.url} target="_blank" rel="noreferrer">
              Open
            </a>
          </div>
          <p className="hint">
            Expires {formatInZone(make.data.expiresAt, newsroomTimeZone())}.{' '}
            <span role="status">{copied === 'copied' ? 'Copied.' : copied === 'select' ? 'Press Ctrl+C to copy.' : ''}</span>
          </p>
        </div>
      )}
      {make.isError && (
        <p className="error" role="alert">
          {make.error.message}
        </p>
      )}
    </section>
  );
}
