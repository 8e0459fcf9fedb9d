import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ProblemError } from '#client';
import { adminClient, clearSession, loadSession, saveSession, type Session } from './session.js';
import { SignIn } from './sign-in.js';
import { StoryList } from './story-list.js';
import { linkProps, usePlace } from './router.js';
import { SessionContext } from './session-context.js';

// The editor is a separate chunk: the desk list is what loads first.
const StoryEditor = lazy(() => import('./story-editor.js').then((module) => ({ default: module.StoryEditor })));

const isUnauthenticated = (error: unknown) => error instanceof ProblemError && error.status === 401;

export function App() {
  const [session, setSession] = useState(loadSession);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((why: string | null) => {
    clearSession();
    setSession(null);
    setNotice(why);
  }, []);

  // Any 401 (the session expired or was ended elsewhere) sends the user back to sign-in.
  const queryClient = useMemo(() => {
    const onError = (error: unknown) => {
      if (isUnauthenticated(error)) signOut('Your session has ended. Sign in again to go on.');
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: { queries: { retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2 } },
    });
    // A new cache per session: nothing one user loaded is shown to the next.
  }, [session?.token, signOut]);

  const client = useMemo(() => (session ? adminClient(session.token) : null), [session]);

  if (!session || !client) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(next: Session) => {
          saveSession(next);
          setNotice(null);
          setSession(next);
        }}
      />
    );
  }

  const endSession = async () => {
    // Ending the session on the server too; the Desk forgets it either way.
    await client.post('/admin/v1/auth/logout').catch(() => undefined);
    signOut(null);
  };

  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={{ session, client }}>
        <header className="masthead">
          <a className="brand" {...linkProps('')}>
            Dispatch <span>Desk</span>
          </a>
          <span className="who">
            {session.user.name} <span className="role">{session.user.role}</span>
          </span>
          <button type="button" className="quiet" onClick={() => void endSession()}>
            Sign out
          </button>
        </header>
        <Screen />
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}

function Screen() {
  const place = usePlace();
  const story = /^stories\/([^/]+)$/.exec(place.path);
  if (story) {
    return (
      <Suspense fallback={<main className="page">Loading the editor…</main>}>
        <StoryEditor id={decodeURIComponent(story[1]!)} />
      </Suspense>
    );
  }
  if (place.path === '') return <StoryList search={place.search} />;
  return (
    <main className="page">
      <h1>Nothing here</h1>
      <p>
        The Desk has no page at this address. <a {...linkProps('')}>Back to the desk</a>
      </p>
    </main>
  );
}
