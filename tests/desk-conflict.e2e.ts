import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { type RunningApp, startAdminApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * "Never lose text" in a real browser (Debian's Chromium through
 * playwright-core) against the admin API and its built Desk: two editors on
 * the same story, where the second save meets a version conflict, sees what
 * the first changed next to its own text and re-applies it on top; and an
 * unsaved change that survives a reload and an ended session.
 */

describe('the Desk never loses text', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let elena: TestUser;
  let marko: TestUser;
  let sectionId: string;
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;
  const { draft } = newsroom(base, () => sectionId);

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    elena = await createUser(db.prisma, 'editor', { name: 'Elena Editor', email: 'elena@newsroom.test' });
    marko = await createUser(db.prisma, 'editor', { name: 'Marko Editor', email: 'marko@newsroom.test' });
    sectionId = (await createSection(db.prisma, { slug: 'region', name: 'Region' })).id;
    // A fresh profile per run: playwright gives each launch its own temporary user-data-dir, under this run's TMPDIR.
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  async function open(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    recordConsoleErrors(page, consoleErrors);
    return { context, page };
  }

  async function signIn(page: Page, who: TestUser): Promise<void> {
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Signs in and opens the story in the editor. */
  async function openStory(page: Page, who: TestUser, id: string): Promise<void> {
    await page.goto(`${api.url}/desk/`);
    await signIn(page, who);
    await page.getByRole('tab', { name: 'Draft', selected: true }).waitFor();
    await page.goto(`${api.url}/desk/stories/${id}`);
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();
  }

  /** Takes out the console errors a step expects (Chromium logs every failed response), at least one: any other fails the file. */
  function expectedErrors(...parts: string[]): void {
    const expected = consoleErrors.filter((line) => parts.every((part) => line.includes(part)));
    expect(expected.length).toBeGreaterThan(0);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !expected.includes(line)));
  }

  const saved = (page: Page) =>
    page
      .getByRole('status')
      .filter({ hasText: /saved at \d\d:\d\d/ })
      .waitFor();
  // Read as Marko: the session test ends Elena's sessions.
  const serverCopy = async (id: string) => (await call(base(), 'GET', `/articles/${id}`, { auth: marko.auth })).body;

  it('shows the second editor what the first changed, loses nothing, and re-applies on top', async () => {
    const story = await draft(elena, { headline: 'Flood barriers hold in Novi Sad', standfirst: 'The river peaked overnight.' });
    const first = await open();
    const second = await open();
    await openStory(first.page, elena, story.id);
    await openStory(second.page, marko, story.id);

    // Both edit the headline, the first the standfirst too; the first saves (Mod-s).
    await first.page.getByLabel('Headline').fill('Flood barriers hold along the Danube');
    await first.page.getByLabel('Standfirst').fill('Water peaked at 6.2 metres, the highest since 2006.');
    await first.page.keyboard.press('Control+s');
    await saved(first.page);

    // The second saves on the version it opened: a 412, shown, never overwritten.
    const mine = 'Barriers hold in Novi Sad as the Danube peaks';
    await second.page.getByLabel('Headline').fill(mine);
    await second.page.keyboard.press('Control+s');
    const conflict = second.page.getByRole('region', { name: 'Someone else saved this story while you were editing' });
    await conflict.waitFor();
    const headline = conflict.getByRole('row', { name: /^Headline/ });
    await headline.getByRole('cell', { name: /Flood barriers hold along the Danube/ }).waitFor();
    await headline.getByRole('cell', { name: mine }).waitFor();
    await conflict
      .getByRole('row', { name: /^Standfirst/ })
      .getByText('Water peaked at 6.2 metres, the highest since 2006.')
      .waitFor();
    expect(await second.page.getByLabel('Headline').inputValue()).toBe(mine);
    expect((await serverCopy(story.id)).headline).toBe('Flood barriers hold along the Danube');
    expectedErrors('412', `/admin/v1/articles/${story.id}`);
    // The whole editor: the user's text in the fields, the conflict view under them.
    await second.page.screenshot({ path: join(SCREENSHOTS, 'desk-conflict.png'), fullPage: true });

    // Leaving now warns (a conflict is unsaved work): answered "stay", the conflict view is still there.
    const dialogs: string[] = [];
    second.page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await second.page.getByRole('link', { name: '← Back to the desk' }).click();
    expect(dialogs).toEqual(['confirm']);
    await conflict.waitFor();

    // Re-apply: the second's headline on top of the first's version, which keeps the first's standfirst.
    await conflict.getByRole('button', { name: 'Re-apply my changes' }).click();
    await conflict.waitFor({ state: 'detached' });
    await saved(second.page);
    const after = await serverCopy(story.id);
    expect({ headline: after.headline, standfirst: after.standfirst }).toEqual({
      headline: mine,
      standfirst: 'Water peaked at 6.2 metres, the highest since 2006.',
    });
    expect(await second.page.getByLabel('Standfirst').inputValue()).toBe('Water peaked at 6.2 metres, the highest since 2006.');
    await first.context.close();
    await second.context.close();
  }, 50_000);

  it('brings unsaved text back after a reload and after the session ends', async () => {
    const story = await draft(elena, { headline: 'Tram line vote heads for a second round' });
    const { context, page } = await open();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await openStory(page, elena, story.id);

    // Typed, then the page reloads before any save: the text is offered back.
    await page.getByLabel('Headline').fill('Tram line vote goes to a second round on Sunday');
    await page.reload();
    const offer = page.getByRole('region', { name: 'Unsaved changes found' });
    await offer.waitFor();
    expect(await page.getByLabel('Headline').inputValue()).toBe('Tram line vote heads for a second round');
    await offer.getByRole('button', { name: 'Restore unsaved changes' }).click();
    expect(await page.getByLabel('Headline').inputValue()).toBe('Tram line vote goes to a second round on Sunday');
    // Autosave after the pause; the local copy goes once saved.
    await saved(page);
    expect((await serverCopy(story.id)).headline).toBe('Tram line vote goes to a second round on Sunday');
    await page.waitForFunction(() => Object.keys(localStorage).every((key) => !key.startsWith('dispatch.desk.draft:')));

    // The session ends while editing: the save is refused, the text kept, and offered again after signing in.
    await page.getByLabel('Standfirst').fill('Turnout was too low for the first round to count.');
    await db.prisma.session.deleteMany({ where: { userId: elena.id } });
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: 'Your session has ended' }).waitFor();
    expectedErrors('401', `/admin/v1/articles/${story.id}`);
    await signIn(page, elena);
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Restore unsaved changes' }).click();
    expect(await page.getByLabel('Standfirst').inputValue()).toBe('Turnout was too low for the first round to count.');
    await saved(page);
    expect((await serverCopy(story.id)).standfirst).toBe('Turnout was too low for the first round to count.');
    // Reloading with unsaved text asked first (beforeunload; accepted above).
    expect(dialogs).toEqual(['beforeunload']);
    await context.close();
  }, 50_000);

  afterAll(() => {
    expect(consoleErrors).toEqual([]);
  });
});
