import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, createTag, createUser, type TestUser } from './support/factories.js';
import { type RunningApp, startAdminApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * A story's metadata in the Desk, in a real browser: the slug suggested from
 * the headline, tags and a byline picked from the API's lists, the kind, an
 * embargo in the browser's time zone (sent as UTC), a taken slug shown on the
 * Slug field, and a preview link. Controls are found by role and name.
 */
const ZONE = 'Europe/Belgrade';

describe('a story’s metadata in the Desk', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let editor: TestUser;
  const tags: Record<string, string> = {};
  const authors: Record<string, string> = {};
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startAdminApi(db.url);
    editor = await createUser(db.prisma, 'editor', { name: 'Elena Editor', email: 'elena@newsroom.test' });
    for (const name of ['Floods', 'Danube', 'Politics']) tags[name] = (await createTag(db.prisma, { slug: name.toLowerCase(), name })).id;
    for (const name of ['Ana Anić', 'Boris Babić']) {
      const made = await call(base(), 'POST', '/authors', { auth: editor.auth, body: { name } });
      expect(made.status).toBe(201);
      authors[name] = made.body.id;
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  /** Takes out the console errors a step expects (Chromium logs every failed response), at least one: any other fails the file. */
  function expectedErrors(...parts: string[]): void {
    const expected = consoleErrors.filter((line) => parts.every((part) => line.includes(part)));
    expect(expected.length).toBeGreaterThan(0);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !expected.includes(line)));
  }

  /** A wall-clock time in ZONE as a datetime-local input takes it, computed here without the Desk's code. */
  function wallClock(instant: number): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: ZONE,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(instant))
        .map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  }

  async function newStory(page: Page, headline: string): Promise<string> {
    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByRole('dialog', { name: 'New story' }).getByLabel('Headline').fill(headline);
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();
    return decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
  }

  const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Version \d+ saved/ });
  const article = async (id: string) => (await call(base(), 'GET', `/articles/${id}`, { auth: editor.auth })).body;

  it('saves kind, tags, byline, embargo and a suggested slug, shows a taken slug on its field and makes a preview link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 }, locale: 'en-GB', timezoneId: ZONE });
    const page = await context.newPage();
    recordConsoleErrors(page, consoleErrors);
    await page.goto(`${api.url}/desk/`);
    await page.getByLabel('Email').fill(editor.email);
    await page.getByLabel('Password').fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Draft', selected: true }).waitFor();

    const id = await newStory(page, 'Floods close the Danube ferry');
    const slug = page.getByLabel('Slug', { exact: true });
    expect(await slug.inputValue()).toBe('floods-close-the-danube-ferry');
    // Nobody wrote the slug: it follows the headline.
    await page.getByLabel('Headline', { exact: true }).fill('Floods close the Danube ferry at Novi Sad');
    expect(await slug.inputValue()).toBe('floods-close-the-danube-ferry-at-novi-sad');

    const tagSearch = page.getByLabel('Tags', { exact: true });
    await tagSearch.fill('flo');
    await page.getByRole('button', { name: 'Add tag Floods' }).click();
    await tagSearch.fill('dan');
    await page.getByRole('button', { name: 'Add tag Danube' }).click();
    await page.getByLabel('Authors', { exact: true }).fill('ana');
    await page.getByRole('button', { name: 'Add author Ana Anić' }).click();
    await page.getByRole('button', { name: 'Remove Ana Anić' }).waitFor();
    await page.getByLabel('Kind').selectOption({ label: 'Feature' });
    const embargo = Math.floor((Date.now() + 2 * 86_400_000) / 60_000) * 60_000;
    await page.getByLabel('Embargo until').fill(wallClock(embargo));
    await page.getByText(/Europe\/Belgrade time \((CET|GMT\+1)\)/).waitFor();
    await page.getByLabel('SEO title').fill('Danube ferry stops as floods rise');
    await page.getByRole('button', { name: 'Save' }).click();
    await saved(page).waitFor();

    const stored = await article(id);
    expect(stored).toMatchObject({
      headline: 'Floods close the Danube ferry at Novi Sad',
      slug: 'floods-close-the-danube-ferry-at-novi-sad',
      kind: 'feature',
      authorIds: [authors['Ana Anić']],
      embargoUntil: new Date(embargo).toISOString(),
      seo: { title: 'Danube ferry stops as floods rise' },
    });
    expect([...stored.tagIds].sort()).toEqual([tags.Floods, tags.Danube].sort());

    await page.getByRole('button', { name: 'Preview link' }).click();
    const url = await page.getByLabel('Preview URL').inputValue();
    expect(url).toMatch(new RegExp(`^https?://.+${id}.*token=`));
    await page.getByText(/^Expires /).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-meta.png'), fullPage: true });

    // A second story given the first one's headline: the suggested slug is taken, and the Slug field says so.
    await page.getByRole('link', { name: '← Back to the desk' }).click();
    await newStory(page, 'Ferry news');
    expect(await slug.inputValue()).toBe('ferry-news');
    await page.getByLabel('Headline', { exact: true }).fill('Floods close the Danube ferry at Novi Sad');
    expect(await slug.inputValue()).toBe('floods-close-the-danube-ferry-at-novi-sad');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('already taken').waitFor();
    const describedBy = await slug.getAttribute('aria-describedby');
    expect(describedBy).toBe('slug-error');
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe('already taken');
    expectedErrors('409');
    await slug.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-meta-slug-taken.png') });

    await context.close();
    expect(consoleErrors).toEqual([]);
  }, 55_000);
});
