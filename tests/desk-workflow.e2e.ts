import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { call, createSection, createUser, type TestUser } from './support/factories.js';
import { newsroom } from './support/newsroom.js';
import { type RunningApp, startAdminApi, startDeliveryApi } from './support/test-apps.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { launchChromium, recordConsoleErrors, SCREENSHOTS } from './support/desk-browser.js';

/**
 * The workflow in the Desk, in a real browser (Debian's Chromium through
 * playwright-core), with a contributor and an editor in two browser
 * contexts: write, submit, request changes through the dialog, resubmit,
 * approve, schedule in the newsroom's time zone, publish early, republish
 * with a correction — and the delivery API serving each step. Controls are
 * found by role and accessible name.
 */
// The newsroom's zone: the browsers run in it (the Desk takes the zone from Intl), the test machine need not.
const ZONE = 'Europe/Belgrade';

interface Delivered {
  status: number;
  body: { headline?: string; corrections?: { text: string; at: string }[] } | undefined;
}

describe('the workflow in the Desk', () => {
  let db: TestDatabase;
  let api: RunningApp;
  let delivery: RunningApp;
  let browser: Browser;
  let editor: TestUser;
  let reporter: TestUser;
  let sectionId: string;
  const consoleErrors: string[] = [];
  const base = () => `${api.url}/admin/v1`;
  const { edit } = newsroom(base, () => sectionId);

  beforeAll(async () => {
    db = await createTestDatabase();
    [api, delivery] = await Promise.all([startAdminApi(db.url), startDeliveryApi(db.url)]);
    editor = await createUser(db.prisma, 'editor', { name: 'Elena Editor', email: 'elena@newsroom.test' });
    reporter = await createUser(db.prisma, 'contributor', { name: 'Rade Reporter', email: 'rade@newsroom.test' });
    sectionId = (await createSection(db.prisma, { slug: 'region', name: 'Region' })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([api?.close(), delivery?.close()]);
    await db?.drop();
  });

  async function open(who: TestUser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: ZONE });
    const page = await context.newPage();
    recordConsoleErrors(page, consoleErrors);
    await page.goto(`${api.url}/desk/`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Draft', selected: true }).waitFor();
    return { context, page };
  }

  /** Takes out the console errors a step expects (Chromium logs every failed response), at least one: any other fails the file. */
  function expectedErrors(...parts: string[]): void {
    const expected = consoleErrors.filter((line) => parts.every((part) => line.includes(part)));
    expect(expected.length).toBeGreaterThan(0);
    consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((line) => !expected.includes(line)));
  }

  const workflow = (page: Page): Locator => page.getByRole('region', { name: 'Workflow' });
  const buttons = async (page: Page): Promise<string[]> => workflow(page).getByRole('button').allInnerTexts();
  const status = (page: Page, label: string) => page.getByRole('main').getByText(label, { exact: true }).first().waitFor();
  const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Version \d+ saved/ });
  const article = async (id: string) => (await call(base(), 'GET', `/articles/${id}`, { auth: editor.auth })).body;
  /** The story as the public reads it (the delivery API), once it is as expected (its cache follows the database). */
  async function onDelivery(slug: string, until: (answer: Delivered) => boolean): Promise<Delivered> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await fetch(`${delivery.url}/content/v1/articles/${slug}`);
      const answer: Delivered = { status: response.status, body: (await response.json().catch(() => undefined)) as Delivered['body'] };
      if (until(answer) || Date.now() > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
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

  it('takes a story from a contributor’s draft through review, scheduling and publishing to a republish with a correction', async () => {
    // The contributor writes the story.
    const reporterDesk = await open(reporter);
    const rade = reporterDesk.page;
    await rade.getByRole('button', { name: 'New story' }).click();
    await rade.getByRole('dialog', { name: 'New story' }).getByLabel('Headline').fill('NATO reinforces presence in Kosovo');
    await rade.getByRole('button', { name: 'Create draft' }).click();
    await rade.getByRole('heading', { name: 'Edit story' }).waitFor();
    const id = decodeURIComponent(new URL(rade.url()).pathname.split('/').at(-1)!);
    await rade.getByLabel('Standfirst').fill('Additional troops arrive after a week of tension at the border.');
    await rade.getByLabel('Section').selectOption({ label: 'Region' });
    await rade.getByRole('button', { name: 'Save' }).click();
    await saved(rade).waitFor();
    // A contributor is offered only what the workflow module allows them: submitting their own draft.
    expect(await buttons(rade)).toEqual(['Submit for review']);
    for (const name of ['Publish', 'Schedule', 'Approve', 'Unpublish']) expect(await rade.getByRole('button', { name, exact: true }).count()).toBe(0);
    await rade.getByRole('button', { name: 'Submit for review' }).click();
    await status(rade, 'In review');
    await workflow(rade).getByText('No workflow move is open to you on this story now.').waitFor();
    expect(await buttons(rade)).toEqual([]);

    // The editor opens it from In review.
    const editorDesk = await open(editor);
    const elena = editorDesk.page;
    await elena.getByRole('tab', { name: 'In review' }).click();
    await elena.getByRole('link', { name: 'NATO reinforces presence in Kosovo' }).click();
    await elena.getByRole('heading', { name: 'Edit story' }).waitFor();
    await status(elena, 'In review');
    expect(await buttons(elena)).toEqual(['Request changes', 'Approve', 'Publish', 'Archive']);

    // A failed publish precondition is shown next to its field: no section.
    await elena.getByLabel('Section').selectOption({ label: 'No section' });
    await elena.getByRole('button', { name: 'Save' }).click();
    await saved(elena).waitFor();
    await elena.getByRole('button', { name: 'Publish', exact: true }).click();
    await workflow(elena).getByRole('alert').filter({ hasText: 'The story cannot go out yet' }).waitFor();
    await elena.getByText('a section is required', { exact: true }).waitFor();
    expect(await elena.getByText('a section is required', { exact: true }).evaluate((element) => element.previousElementSibling?.id)).toBe('section');
    expectedErrors('422', `/articles/${id}/transitions`);
    await elena.screenshot({ path: join(SCREENSHOTS, 'desk-workflow-refused.png') });
    await elena.getByLabel('Section').selectOption({ label: 'Region' });
    await elena.getByRole('button', { name: 'Save' }).click();
    await saved(elena).waitFor();
    expect(await elena.getByText('a section is required').count()).toBe(0);

    // Someone else changes the story meanwhile: the move is refused (412), said, and the story read again.
    expect((await edit(editor, id, { standfirst: 'Additional troops arrive after a week of tension.' })).status).toBe(200);
    await elena.getByRole('button', { name: 'Approve' }).click();
    await workflow(elena).getByRole('alert').filter({ hasText: 'Someone else changed this story' }).waitFor();
    // Versions: 2 the contributor's save, 3 submitted, 4 and 5 the editor's saves, 6 the change behind her back.
    await saved(elena).filter({ hasText: 'Version 6 saved' }).waitFor();
    expect(await elena.getByLabel('Standfirst').inputValue()).toBe('Additional troops arrive after a week of tension.');
    expectedErrors('412', `/articles/${id}/transitions`);

    // Request changes: the dialog wants a comment; Escape closes it.
    await elena.getByRole('button', { name: 'Request changes' }).click();
    const requestDialog = elena.getByRole('dialog', { name: 'Request changes' });
    await requestDialog.waitFor();
    expect(await requestDialog.getByLabel('Comment').evaluate((element) => element.matches(':focus'))).toBe(true);
    await requestDialog.getByRole('button', { name: 'Confirm' }).click();
    await requestDialog.getByRole('alert').filter({ hasText: 'the comment is required' }).waitFor();
    await elena.keyboard.press('Escape');
    await requestDialog.waitFor({ state: 'hidden' });
    await elena.getByRole('button', { name: 'Request changes' }).click();
    await requestDialog.getByLabel('Comment').fill('Name the source of the troop numbers, and add the section’s usual map.');
    await requestDialog.getByRole('button', { name: 'Confirm' }).click();
    await status(elena, 'Draft');

    // The contributor sees the comment in the editor (and the API has it), revises and resubmits.
    await rade.reload();
    await status(rade, 'Draft');
    const note = rade.getByRole('figure', { name: /Changes requested by Elena Editor/ });
    await note.getByText('Name the source of the troop numbers, and add the section’s usual map.').waitFor();
    const comments = await call(base(), 'GET', `/articles/${id}/comments`, { auth: reporter.auth });
    expect(comments.body.data).toEqual([
      expect.objectContaining({
        kind: 'request_changes',
        authorName: 'Elena Editor',
        body: 'Name the source of the troop numbers, and add the section’s usual map.',
      }),
    ]);
    await rade.getByLabel('Standfirst').fill('Additional troops arrive after a week of tension, KFOR says.');
    await rade.getByRole('button', { name: 'Save' }).click();
    await saved(rade).waitFor();
    await rade.getByRole('button', { name: 'Submit for review' }).click();
    await status(rade, 'In review');

    // The editor approves, then schedules two minutes ahead in the newsroom's time zone.
    await elena.reload();
    await status(elena, 'In review');
    await elena.getByRole('button', { name: 'Approve' }).click();
    await status(elena, 'Approved');
    expect(await buttons(elena)).toEqual(['Publish', 'Schedule', 'Archive']);

    // Under embargo, publishing is refused (409) and the panel says until when, in the newsroom's time.
    const embargo = Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000;
    expect((await edit(editor, id, { embargoUntil: new Date(embargo).toISOString() })).status).toBe(200);
    await elena.reload();
    await status(elena, 'Approved');
    await elena.getByRole('button', { name: 'Publish', exact: true }).click();
    await workflow(elena)
      .getByRole('alert')
      .filter({ hasText: `under embargo until` })
      .filter({ hasText: `${wallClock(embargo).slice(11)} CET` })
      .waitFor();
    expectedErrors('409', `/articles/${id}/transitions`);
    expect((await edit(editor, id, { embargoUntil: null })).status).toBe(200);
    await elena.reload();
    await status(elena, 'Approved');
    await elena.getByRole('button', { name: 'Schedule' }).click();
    const scheduleDialog = elena.getByRole('dialog', { name: 'Schedule' });
    await scheduleDialog.getByText(ZONE).first().waitFor();
    const at = Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000;
    await scheduleDialog.getByLabel('Publish at').fill(wallClock(at));
    await elena.screenshot({ path: join(SCREENSHOTS, 'desk-workflow.png') });
    await scheduleDialog.getByRole('button', { name: 'Confirm' }).click();
    await status(elena, 'Scheduled');
    expect(await article(id)).toMatchObject({ status: 'scheduled', publishAt: new Date(at).toISOString() });
    expect((await onDelivery('nato-reinforces-presence-in-kosovo', () => true)).status).toBe(404);

    // …and publishes early; the delivery API serves it.
    expect(await buttons(elena)).toEqual(['Publish', 'Unschedule', 'Archive']);
    await elena.getByRole('button', { name: 'Publish', exact: true }).click();
    await status(elena, 'Published');
    const live = await onDelivery('nato-reinforces-presence-in-kosovo', (answer) => answer.status === 200);
    expect(live).toMatchObject({ status: 200, body: { headline: 'NATO reinforces presence in Kosovo', corrections: [] } });
    expect(await buttons(elena)).toEqual(['Unpublish']);

    // The editor edits the live story and republishes it with a public correction.
    await elena.getByLabel('Headline').fill('NATO reinforces presence in northern Kosovo');
    await elena.getByRole('button', { name: 'Save' }).click();
    await saved(elena).waitFor();
    await elena.getByRole('button', { name: 'Publish', exact: true }).click();
    const republish = elena.getByRole('dialog', { name: 'Publish the changes' });
    await republish.getByLabel('Correction').fill('An earlier version misnamed the region.');
    await republish.getByLabel('Significant update').check();
    await republish.getByRole('button', { name: 'Confirm' }).click();
    await status(elena, 'Published');
    const corrected = await onDelivery('nato-reinforces-presence-in-kosovo', (answer) => (answer.body?.corrections?.length ?? 0) > 0);
    expect(corrected.body).toMatchObject({
      headline: 'NATO reinforces presence in northern Kosovo',
      corrections: [expect.objectContaining({ text: 'An earlier version misnamed the region.' })],
    });

    // A contributor still sees no move on the live story.
    await rade.reload();
    await status(rade, 'Published');
    expect(await buttons(rade)).toEqual([]);

    // Unpublish asks a reason; the story leaves the site.
    await elena.getByRole('button', { name: 'Unpublish' }).click();
    const unpublish = elena.getByRole('dialog', { name: 'Unpublish the story' });
    await unpublish.getByLabel('Reason').fill('Legal hold on the troop numbers.');
    await unpublish.getByRole('button', { name: 'Confirm' }).click();
    await status(elena, 'Unpublished');
    expect((await onDelivery('nato-reinforces-presence-in-kosovo', (answer) => answer.status === 404)).status).toBe(404);
    expect(await buttons(elena)).toEqual(['Archive', 'Restore']);

    await reporterDesk.context.close();
    await editorDesk.context.close();
  }, 55_000);

  afterAll(() => {
    expect(consoleErrors).toEqual([]);
  });
});
