import { useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { movedId, withId, withoutId } from './meta.js';

export interface Named {
  id: string;
  name: string;
}

/**
 * A multi-select over a searchable list from the API (tags, bylines): the
 * chosen items (in order, with Move up/down when `ordered`), and a search
 * box whose matches are buttons that add them.
 */
export function PickList(props: {
  id: string;
  label: string;
  /** One item, for the buttons' names: "tag", "author". */
  noun: string;
  ordered?: boolean;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  /** Items whose name or slug contains the text (all of them, up to a page, for ""). */
  search: (text: string) => Promise<Named[]>;
  queryKey: string;
  error?: string | undefined;
}) {
  const { id, label, noun, ordered = false, value, onChange, search, queryKey, error } = props;
  const [text, setText] = useState('');
  const found = useQuery({
    queryKey: [queryKey, text.trim()],
    queryFn: () => search(text.trim()),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  // Names of everything seen so far, for the chosen ids (a search narrows the list; the chosen stay named).
  const known = useRef(new Map<string, string>());
  for (const item of found.data ?? []) known.current.set(item.id, item.name);
  const nameOf = (itemId: string) => known.current.get(itemId) ?? `(${noun} ${itemId.slice(0, 8)})`;
  const matches = (found.data ?? []).filter((item) => !value.includes(item.id)).slice(0, 8);

  return (
    <div className="field pick-list">
      <label htmlFor={id}>{label}</label>
      {value.length > 0 && (
        <ol className="picked" aria-label={`${label} chosen`}>
          {value.map((itemId, index) => {
            const name = nameOf(itemId);
            return (
              <li key={itemId}>
                <span>{name}</span>
                {ordered && (
                  <>
                    <button
                      type="button"
                      className="quiet"
                      aria-label={`Move ${name} up`}
                      disabled={index === 0}
                      onClick={() => onChange(movedId(value, itemId, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="quiet"
                      aria-label={`Move ${name} down`}
                      disabled={index === value.length - 1}
                      onClick={() => onChange(movedId(value, itemId, 1))}
                    >
                      ↓
                    </button>
                  </>
                )}
                <button type="button" className="quiet" aria-label={`Remove ${name}`} onClick={() => onChange(withoutId(value, itemId))}>
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <input
        id={id}
        type="search"
        value={text}
        placeholder={`Search ${label.toLowerCase()}`}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter adds the first match rather than submitting the form.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          const first = matches[0];
          if (first) {
            onChange(withId(value, first.id));
            setText('');
          }
        }}
      />
      <ul className="pick-matches" aria-label={`${label} found`}>
        {matches.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="quiet"
              aria-label={`Add ${noun} ${item.name}`}
              onClick={() => {
                onChange(withId(value, item.id));
                setText('');
              }}
            >
              + {item.name}
            </button>
          </li>
        ))}
        {found.isSuccess && text.trim() !== '' && matches.length === 0 && (
          <li className="hint">
            No {noun} matches “{text.trim()}”.
          </li>
        )}
      </ul>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
