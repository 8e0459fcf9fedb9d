import { type MouseEvent, useEffect, useState } from 'react';

/** Where the Desk is served; its own URLs live under it. */
export const BASE = '/desk/';

export interface Place {
  /** The path below /desk/, e.g. `stories/3f1c…` ('' for the desk list). */
  path: string;
  search: string;
}

const current = (): Place => ({ path: window.location.pathname.slice(BASE.length), search: window.location.search });

/** The current place; changes with navigate() and the browser's back and forward. */
export function usePlace(): Place {
  const [place, setPlace] = useState(current);
  useEffect(() => {
    const update = () => setPlace(current());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return place;
}

let leaveGuard: (() => boolean) | null = null;

/** While set, navigating inside the Desk asks it first (the editor, with unsaved changes); null lifts it. */
export function guardLeaving(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

/** Goes to a Desk URL (`stories/…?x=y`, relative to /desk/) without reloading. */
export function navigate(to: string, { replace = false } = {}): void {
  const url = BASE + to;
  if (url === window.location.pathname + window.location.search) return;
  if (leaveGuard && !leaveGuard()) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** A link inside the Desk: a real href (open in a new tab works), navigated in place on a plain click. */
export function linkProps(to: string): { href: string; onClick: (event: MouseEvent) => void } {
  return {
    href: BASE + to,
    onClick: (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(to);
    },
  };
}
