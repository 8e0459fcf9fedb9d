import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { type RunningApp, startAdminApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * The Desk's History in Chromium against the real admin API: a story's
 * revisions listed, the first compared with the latest (headline and body),
 * the first restored (the editor shows it again, and so does the API), and
 * an editorial note added next to the workflow history.
 */

describe('the Desk history in a browser', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let editor: TestUser;
  let sectionId: string;
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;
  const { draft, edit } = newsroom(base, () => sectionId);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    editor = await createUser(db.prisma, 'editor', { name: 'Elena Editor', email: 'elena@newsroom.test' });
    sectionId = (await createSection(db.prisma, { slug: 'region', name: 'Region' })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  async function signedIn(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    recordConsoleErrors(page, consoleErrors);
    await page.goto(`${api.url}/desk/`);
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Draft', selected: true }).waitFor();
    return page;
  }

  it('lists revisions, compares the first with the latest, restores the first and adds a note', async () => {
    const story = await draft(editor, { headline: 'Bridge closed after the flood', body: [{ type: 'paragraph', text: 'The bridge is closed.' }] });
    const edited = await edit(editor, story.id, {
      body: [
        { type: 'paragraph', text: 'The bridge is closed until Monday.' },
        { type: 'paragraph', text: 'Buses take the ring road.' },
      ],
    });
    expect(edited.status).toBe(200);

    const page = await signedIn();
    await page.getByRole('rowheader', { name: 'Bridge closed after the flood' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();
    await page.getByLabel('Headline').fill('Bridge reopens a day early');
    await page.keyboard.press('Control+s');
    await page
      .getByRole('status')
      .filter({ hasText: /^Version \d+ saved/ })
      .waitFor();

    // The revisions, newest first: the latest is the current one.
    const history = page.getByRole('region', { name: 'History', exact: true });
    const revisions = history.getByRole('table').first();
    await revisions.getByRole('rowheader', { name: '1', exact: true }).waitFor();
    const latest = (await call(base(), 'GET', `/articles/${story.id}`, { auth: editor.auth })).body.currentRevision as number;
    expect(latest).toBeGreaterThanOrEqual(3);
    await revisions
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${latest}\\s*current`) }) })
      .waitFor();
    expect(await revisions.getByRole('row').nth(1).getByRole('cell').first().innerText()).toBe('Elena Editor');

    // Revision 1 against the latest: the headline's both versions, the body as blocks changed and added.
    await history.getByLabel('From revision').selectOption('1');
    await history.getByLabel('To revision').selectOption(String(latest));
    await history.getByRole('button', { name: 'Compare' }).click();
    const comparison = history.getByRole('region', { name: `Revision 1 compared with revision ${latest}` });
    const headlineRow = comparison.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Headline' }) });
    expect(await headlineRow.getByRole('cell').allInnerTexts()).toEqual(['Bridge closed after the flood', 'Bridge reopens a day early']);
    const bodyDiff = comparison.getByRole('list', { name: 'Body changes' });
    expect(await bodyDiff.getByRole('listitem').allTextContents()).toEqual([
      'Removed: The bridge is closed.Added: The bridge is closed until Monday.',
      'Added: Buses take the ring road.',
    ]);

    // Restore revision 1: the editor shows its headline and body again, and the API agrees.
    await history.getByRole('button', { name: 'Restore revision 1' }).click();
    await history.getByRole('status').filter({ hasText: 'Revision 1 restored' }).waitFor();
    // (A string: the test's tsconfig has no DOM types.)
    await page.waitForFunction(`document.getElementById('headline')?.value === 'Bridge closed after the flood'`);
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.getByText('The bridge is closed.', { exact: true }).waitFor();
    expect(await body.getByText('Buses take the ring road.').count()).toBe(0);
    await page
      .getByRole('status')
      .filter({ hasText: /^Version \d+ saved/ })
      .waitFor();
    const restored = await call(base(), 'GET', `/articles/${story.id}`, { auth: editor.auth });
    expect(restored.body.headline).toBe('Bridge closed after the flood');
    expect(restored.body.body).toEqual([{ type: 'paragraph', text: 'The bridge is closed.' }]);
    expect(restored.body.currentRevision).toBe(latest + 1);
    await revisions.getByRole('rowheader', { name: new RegExp(`^${latest + 1}\\s*current`) }).waitFor();

    // The workflow history beside the notes; a note added shows in the list.
    await history.getByRole('list', { name: 'Workflow history' }).getByRole('listitem').first().waitFor();
    await history.getByLabel('Note', { exact: true }).fill('Check the reopening time with the city.');
    await history.getByRole('button', { name: 'Add note' }).click();
    await history.getByRole('list', { name: 'Editorial notes' }).getByText('Check the reopening time with the city.').waitFor();
    expect(await history.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    const notes = await call(base(), 'GET', `/articles/${story.id}/comments`, { auth: editor.auth });
    expect(notes.body.data.map((each: { body: string }) => each.body)).toContain('Check the reopening time with the city.');

    // Nothing changed in the editor after the restore: no autosave of old values.
    expect(await page.getByLabel('Headline').inputValue()).toBe('Bridge closed after the flood');
    await history.getByRole('heading', { name: 'History', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-history.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
