import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { type RunningApp, startAdminApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * The Desk in a real browser (Debian's Chromium through playwright-core)
 * against the real admin API and its built Desk (npm test builds first) on a
 * fresh database: sign-in, the stories by status, the filters, New story,
 * and what a contributor sees. Controls are found by role and accessible
 * name, as a screen-reader user would find them.
 */

describe('the Desk in a browser', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let editor: TestUser;
  let reporter: TestUser;
  let sectionId: string;
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;
  const { draft, transition, published } = newsroom(base, () => sectionId);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    editor = await createUser(db.prisma, 'editor', { name: 'Elena Editor', email: 'elena@newsroom.test' });
    reporter = await createUser(db.prisma, 'contributor', { name: 'Rade Reporter', email: 'rade@newsroom.test' });
    sectionId = (await createSection(db.prisma, { slug: 'region', name: 'Region' })).id;
    const politics = (await createSection(db.prisma, { slug: 'politics', name: 'Politics' })).id;
    await draft(editor, { headline: 'Flood barriers hold along the Danube in Novi Sad' });
    await draft(editor, { headline: 'City council delays the budget vote again', sectionId: politics });
    await draft(reporter, { headline: 'Border crossing at Jarinje reopens after three days' });
    const review = await draft(reporter, { headline: 'Tram line vote heads for a second round' });
    await transition(reporter, review.id, { action: 'submit' });
    await published(editor, { headline: 'Power restored across the north after the storm' });
    // A fresh profile per run: playwright gives each launch its own temporary user-data-dir, under this run's TMPDIR.
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  async function open(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, locale: 'en-GB' });
    const page = await context.newPage();
    recordConsoleErrors(page, consoleErrors);
    return { context, page };
  }

  async function signIn(page: Page, who: TestUser): Promise<void> {
    await page.goto(`${api.url}/desk/`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Draft', selected: true }).waitFor();
  }

  /** Takes out the console errors a step expects (Chromium logs every failed response), at least one: any other fails the file. */
  function expectedErrors(...parts: string[]): void {
    const expected = consoleErrors.filter((line) => parts.every((part) => line.includes(part)));
    expect(expected.length).toBeGreaterThan(0);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !expected.includes(line)));
  }

  const row = (page: Page, headline: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: headline }) });
  const gone = (page: Page, headline: string) => row(page, headline).waitFor({ state: 'detached' });

  it('lets an editor sign in, find stories by status and text, and start a new one', async () => {
    const { context, page } = await open();
    await page.goto(`${api.url}/desk/`);

    // A wrong password is an error on the form (the browser logs the 401 it got: expected, and left out below).
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
    expectedErrors('401', '/admin/v1/auth/login');
    await page.getByLabel('Password').fill('');
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-sign-in.png') });

    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Drafts first: both people's, not the story in review nor the published one.
    await page.getByRole('tab', { name: 'Draft', selected: true }).waitFor();
    await row(page, 'Flood barriers hold along the Danube in Novi Sad').waitFor();
    await row(page, 'Border crossing at Jarinje reopens after three days').waitFor();
    const flood = row(page, 'Flood barriers hold along the Danube in Novi Sad');
    expect(await flood.getByRole('cell').allInnerTexts()).toEqual(['Draft', 'en', 'Region', 'just now']);
    expect(await row(page, 'Tram line vote heads for a second round').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-list.png') });

    await page.getByRole('tab', { name: 'In review' }).click();
    await row(page, 'Tram line vote heads for a second round').waitFor();
    await gone(page, 'Flood barriers hold along the Danube in Novi Sad');
    expect(await row(page, 'Tram line vote heads for a second round').getByRole('cell').first().innerText()).toBe('In review');
    await page.getByRole('tab', { name: 'Published', exact: true }).click();
    await row(page, 'Power restored across the north after the storm').waitFor();

    // Filters: section, text, then only the editor's own.
    await page.getByRole('tab', { name: 'Draft' }).click();
    await page.getByLabel('Section').selectOption({ label: 'Politics' });
    await row(page, 'City council delays the budget vote again').waitFor();
    await gone(page, 'Flood barriers hold along the Danube in Novi Sad');
    await page.getByLabel('Section').selectOption({ label: 'All sections' });
    await page.getByRole('searchbox', { name: 'Search' }).fill('danube');
    await gone(page, 'Border crossing at Jarinje reopens after three days');
    await row(page, 'Flood barriers hold along the Danube in Novi Sad').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('danube');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await row(page, 'Border crossing at Jarinje reopens after three days').waitFor();
    await page.getByRole('radio', { name: 'Mine' }).check();
    await gone(page, 'Border crossing at Jarinje reopens after three days');
    await row(page, 'City council delays the budget vote again').waitFor();

    // New story: a headline, then the draft opens in the editor.
    await page.getByRole('button', { name: 'New story' }).click();
    const dialog = page.getByRole('dialog', { name: 'New story' });
    await dialog.getByLabel('Headline').fill('Water tower fire under control');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();
    expect(await page.getByLabel('Headline').inputValue()).toBe('Water tower fire under control');
    expect(await page.getByLabel('Slug').inputValue()).toBe('water-tower-fire-under-control');
    await page.getByLabel('Standfirst').fill('Firefighters worked through the night.');
    await page.getByLabel('Section').selectOption({ label: 'Region' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 saved' }).waitFor();
    // The workflow moves come from the workflow module: an editor may submit or publish a draft.
    await page.getByRole('button', { name: 'Submit for review' }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-editor.png') });

    await page.getByRole('link', { name: '← Back to the desk' }).click();
    await row(page, 'Water tower fire under control').waitFor();

    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('dispatch.desk.session') ?? '{}') as { token?: string }).token);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // The session ended on the server too: its token no longer works.
    expect((await call(base(), 'GET', '/me', { auth: { authorization: `Bearer ${token}` } })).status).toBe(401);
    await context.close();
  });

  it('shows a contributor only their own stories, and others’ changes without a reload', async () => {
    const { context, page } = await open();
    await signIn(page, reporter);
    await row(page, 'Border crossing at Jarinje reopens after three days').waitFor();
    expect(await row(page, 'Flood barriers hold along the Danube in Novi Sad').count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Whose stories' }).count()).toBe(0);
    await page.getByText('Your stories').waitFor();

    // A draft made elsewhere (another tab, the API) appears at the next poll.
    await draft(reporter, { headline: 'Ferry service resumes on the lake' });
    await row(page, 'Ferry service resumes on the lake').waitFor({ timeout: 20_000 });

    // A session that ends (expired, or signed out elsewhere) brings the user back to sign-in, saying why.
    await db.prisma.session.deleteMany({ where: { userId: reporter.id } });
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();
    await page.getByLabel('Email').waitFor();
    // Every request in flight when the session ended was refused.
    expectedErrors('401', '/admin/v1/');
    await context.close();
  }, 40_000);

  afterAll(() => {
    expect(consoleErrors).toEqual([]);
  });
});
