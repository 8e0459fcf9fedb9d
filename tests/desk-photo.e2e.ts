import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { image } from './support/media-files.js';
import { newsroom } from './support/newsroom.js';
import { type RunningApp, startAdminApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * The lead image in the Desk, in a real browser (Debian's Chromium through
 * playwright-core): an editor uploads a photo that carries no credit, is told
 * so before publishing, credits it in the form beside the field, and sees the
 * credit line exactly as the API gives it to readers; the story keeps the
 * photo as its lead image. Controls are found by role and accessible name.
 */

describe('photos with credits in the Desk', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let browser: Browser;
  let editor: TestUser;
  let sectionId: string;
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;
  const { draft } = newsroom(base, () => sectionId);

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

  /** The story as the API has it, once `ready` says so (the Desk autosaves after a pause). */
  async function storyWhen(id: string, ready: (story: { leadMediaId: string | null }) => boolean): Promise<{ leadMediaId: string | null }> {
    const until = Date.now() + 15_000;
    for (;;) {
      const { body } = await call(base(), 'GET', `/articles/${id}`, { auth: editor.auth });
      if (ready(body) || Date.now() > until) return body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('uploads an uncredited photo as the lead image, flags it before publishing, and credits it as readers will see it', async () => {
    const story = await draft(editor, { headline: 'Checkpoint near Leposavic reopens' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    recordConsoleErrors(page, consoleErrors);
    await signIn(page, editor);
    await page.getByRole('link', { name: 'Checkpoint near Leposavic reopens' }).click();
    await page.getByRole('heading', { name: 'Edit story' }).waitFor();

    // A JPEG with no IPTC/XMP at all: nothing to read a credit from.
    const field = page.getByRole('group', { name: 'Lead image' });
    await field.getByLabel('Upload a photo').setInputFiles({ name: 'checkpoint.jpg', mimeType: 'image/jpeg', buffer: await image('jpeg', 1200, 800) });
    await field.getByRole('alert').filter({ hasText: 'This photo has no credit' }).waitFor();
    const listed = await call(base(), 'GET', '/media?limit=1', { auth: editor.auth });
    const mediaId = (listed.body as { data: { id: string; originalName: string }[] }).data[0]!.id;
    expect(listed.body.data[0].originalName).toBe('checkpoint.jpg');

    // The story keeps the photo as its lead image (autosaved); publishing it uncredited is refused, and the field says why.
    expect((await storyWhen(story.id, (now) => now.leadMediaId === mediaId)).leadMediaId).toBe(mediaId);
    await page.getByRole('button', { name: 'Publish' }).click();
    await field.getByRole('alert').filter({ hasText: 'cannot be published without one' }).waitFor();
    expectedErrors('422');

    // Add credit opens the form with the cursor in Credit.
    await field.getByRole('button', { name: 'Add credit' }).click();
    const form = field.getByRole('group', { name: 'Photo credit' });
    const credit = form.getByLabel('Credit', { exact: true });
    await credit.waitFor();
    expect(await credit.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await credit.fill('AP Photo');
    await form.getByLabel('Creator').fill('Bojan Slavkovic');
    await form.getByLabel('Alt text').fill('Soldiers at a road checkpoint');
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-photo-credit-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save credit' }).click();
    await form.waitFor({ state: 'detached' });

    // The credit line on the page is the API's, exactly.
    const saved = await call(base(), 'GET', `/media/${mediaId}`, { auth: editor.auth });
    expect(saved.body).toMatchObject({ credit: 'AP Photo', creator: 'Bojan Slavkovic', altText: 'Soldiers at a road checkpoint' });
    expect(saved.body.creditLine).toBe('© AP Photo / Bojan Slavkovic');
    expect(await field.getByLabel('Credit line').innerText()).toBe(saved.body.creditLine);
    expect(await field.getByRole('alert').count()).toBe(0);
    await field.getByRole('button', { name: 'Edit credit' }).waitFor();

    // Credited, it publishes, with the photo as its lead image.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Unpublish' }).waitFor();
    expect((await storyWhen(story.id, (now) => now.leadMediaId === mediaId)).leadMediaId).toBe(mediaId);
    await field.screenshot({ path: join(SCREENSHOTS, 'desk-photo-field.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-photo.png'), fullPage: true });

    // A photo dropped on the field is uploaded and becomes the lead image, flagged until credited like any other.
    const dropped = (await image('jpeg', 640, 480, '#3d5a40')).toString('base64');
    const transfer = await page.evaluateHandle((data) => {
      // The browser's DataTransfer (this file is compiled without the DOM library).
      const Transfer = (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } }).DataTransfer;
      const transfer = new Transfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (char) => char.charCodeAt(0))], 'dropped.jpg', { type: 'image/jpeg' }));
      return transfer;
    }, dropped);
    await field.dispatchEvent('drop', { dataTransfer: transfer });
    await field.getByText('dropped.jpg').waitFor();
    await field.getByRole('alert').filter({ hasText: 'This photo has no credit' }).waitFor();
    const droppedId = (await call(base(), 'GET', '/media?limit=1', { auth: editor.auth })).body.data[0].id as string;
    expect(droppedId).not.toBe(mediaId);
    expect((await storyWhen(story.id, (now) => now.leadMediaId === droppedId)).leadMediaId).toBe(droppedId);
    await context.close();
  }, 50_000);

  afterAll(() => {
    expect(consoleErrors).toEqual([]);
  });
});
