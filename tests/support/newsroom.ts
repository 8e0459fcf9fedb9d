import { call, type TestUser } from './factories.js';

/** Article helpers over the admin API, for tests that need real drafts and live stories. */
export function newsroom(base: () => string, sectionId: () => string) {
  async function draft(who: TestUser, fields: Record<string, unknown> = {}) {
    const created = await call(base(), 'POST', '/articles', {
      auth: who.auth,
      body: {
        headline: `Story ${Math.random().toString(36).slice(2)}`,
        standfirst: 'A standfirst',
        sectionId: sectionId(),
        body: [{ type: 'paragraph', text: 'Text.' }],
        ...fields,
      },
    });
    if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body;
  }

  async function transition(who: TestUser, id: string, body: Record<string, unknown>) {
    const current = await call(base(), 'GET', `/articles/${id}`, { auth: who.auth });
    const moved = await call(base(), 'POST', `/articles/${id}/transitions`, { auth: who.auth, body, headers: { 'if-match': `"${current.body.version}"` } });
    if (moved.status !== 200) throw new Error(`${String(body.action)}: ${moved.status} ${JSON.stringify(moved.body)}`);
    return moved.body;
  }

  /** A draft published directly by an editor. */
  async function published(editor: TestUser, fields: Record<string, unknown> = {}) {
    const article = await draft(editor, fields);
    return transition(editor, article.id, { action: 'publish' });
  }

  async function edit(who: TestUser, id: string, body: Record<string, unknown>) {
    const current = await call(base(), 'GET', `/articles/${id}`, { auth: who.auth });
    return call(base(), 'PATCH', `/articles/${id}`, { auth: who.auth, body, headers: { 'if-match': `"${current.body.version}"` } });
  }

  return { draft, transition, published, edit };
}
