import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { type RunningApp, startAdminApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * The Desk's body editor (ProseMirror) in Chromium against the real admin
 * API: typing paragraphs, bold by shortcut, a heading from the toolbar, a
 * Read-more card from the story search, saved with the rest of the story
 * and read back after a reload and through the API in Dispatch's blocks.
 */

describe('the Desk body editor in a browser', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let editor: TestUser;
  let sectionId: string;
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;
  const { draft, published } = newsroom(base, () => sectionId);

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

  it('writes paragraphs, bold, a heading and a Read-more card, saves them as blocks and shows them again after a reload', async () => {
    const related = await published(editor, { headline: 'Flood barriers hold along the Danube in Novi Sad' });
    const story = await draft(editor, { headline: 'Water tower fire under control', body: [] });
    const page = await signedIn();
    await page.getByRole('rowheader', { name: 'Water tower fire under control' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();

    const body = page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await page.keyboard.type('Firefighters worked through the ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('night');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' to save the tower.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Nobody was hurt.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Heading 2' }).click();
    expect(await page.getByRole('button', { name: 'Heading 2' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('What happens next');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Read-more card' }).click();
    const picker = page.getByRole('dialog', { name: 'Insert Read-more card' });
    await picker.getByRole('searchbox', { name: 'Search headlines' }).fill('danube');
    await picker.getByRole('button', { name: 'Flood barriers hold along the Danube in Novi Sad' }).click();
    await body.getByLabel('Read more: Flood barriers hold along the Danube in Novi Sad').waitFor();
    await page.getByText('15 words · 1 min read').waitFor();
    await page.getByRole('status').filter({ hasText: 'Unsaved changes' }).waitFor();

    // Saved now (autosave may already have saved part of it after a pause: the version number is not the point).
    await page.keyboard.press('Control+s');
    await page
      .getByRole('status')
      .filter({ hasText: /^Version \d+ saved/ })
      .waitFor();

    const expected = [
      { type: 'paragraph', text: 'Firefighters worked through the **night** to save the tower.' },
      { type: 'paragraph', text: 'Nobody was hurt.' },
      { type: 'heading', level: 2, text: 'What happens next' },
      { type: 'related', articleId: related.id },
    ];
    const stored = await call(base(), 'GET', `/articles/${story.id}`, { auth: editor.auth });
    expect(stored.body.body).toEqual(expected);

    await page.reload();
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();
    await body.getByRole('heading', { name: 'What happens next', level: 2 }).waitFor();
    expect(await body.locator('strong').allInnerTexts()).toEqual(['night']);
    expect(await body.locator('p').allInnerTexts()).toEqual(['Firefighters worked through the night to save the tower.', 'Nobody was hurt.']);
    await body.getByLabel('Read more: Flood barriers hold along the Danube in Novi Sad').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Version \d+ saved/ })
      .waitFor();
    await body.getByText('Nobody was hurt.').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-body.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
