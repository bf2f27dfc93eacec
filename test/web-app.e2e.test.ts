import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { buildWebApp, serveWebApp, type WebServer } from '../scripts/web-server';
import { chromiumAvailable, launchChromium } from './chromium';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { startInProcessSupergraph } from '../scripts/in-process-supergraph';
import { testConfig, testLog } from './helpers';
import type { RunningSupergraph } from './supergraph';

/**
 * The web app end to end, in Debian's headless Chromium: a student and an admin side by
 * side (two browser contexts), against the whole supergraph in this process. Saves the
 * README's screenshots to docs/screenshots/.
 */
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;

// The README's screenshots: refreshed with UPDATE_SCREENSHOTS=1; otherwise a run writes
// them to a temporary folder, so `npm test` leaves the working tree as it was.
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.join(REPO_ROOT, 'docs', 'screenshots')
    : path.join(tmpdir(), 'campus-screenshots');
const VIEWPORT = { width: 1280, height: 800 };

describeWithChromium('web app in a browser', () => {
  let supergraph: RunningSupergraph;
  let web: WebServer;
  let browser: Browser;
  let buildDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildDir = mkdtempSync(path.join(tmpdir(), 'campus-web-'));
    // Its own database, seeded with the demo data only: the admin's lists (the queue, the
    // pending bookings) are paged oldest first, and other test files fill the shared one.
    const base = await testConfig();
    const db = { ...base.db, database: 'campus_e2e' };
    await bootstrapDatabase(process.env.DATABASE_URL ?? '', db, base.dbPasswords);
    // Build (a child process) while the supergraph starts.
    const [running] = await Promise.all([
      startInProcessSupergraph({ ...base, db }, testLog),
      buildWebApp(buildDir),
    ]);
    supergraph = running;
    web = await serveWebApp({ dir: buildDir, gatewayUrl: supergraph.gatewayUrl });
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await supergraph?.stop();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  /** The student's WebSockets pass through here, so the test can drop them. */
  const link = { down: false, sockets: [] as WebSocketRoute[] };

  const open = async (options: { routeSockets?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    if (options.routeSockets) {
      await context.routeWebSocket(/\/graphql$/, async (socket) => {
        if (link.down) return socket.close({ code: 1001 });
        socket.connectToServer();
        link.sockets.push(socket);
      });
    }
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(web.url);
    return page;
  };

  /** A viewport screenshot from the top of the page (clicks scroll it). */
  const screenshot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, name) });
  };

  const logInAs = async (page: Page, button: string, name: string) => {
    await page.getByRole('button', { name: button }).click();
    await page.getByTestId('viewer-name').filter({ hasText: name }).waitFor();
  };

  it('a student registers and chats; an admin answers and confirms, seen live', async () => {
    const subject = `Prerequisites for Designing Supergraphs?`;
    const answer = 'Welcome aboard! No prerequisites beyond GraphQL basics.';

    // The student: sign in, search the catalog, open the course and register.
    const student = await open({ routeSockets: true });
    await logInAs(student, 'Ken (student8)', 'Ken Thompson');
    await student.getByText(/Page 1 of \d+/).waitFor();
    await screenshot(student, 'catalog.png');
    await student.getByRole('searchbox', { name: 'Search courses' }).fill('supergraphs');
    await student
      .getByTestId('catalog-count')
      .filter({ hasText: 'matching “supergraphs”' })
      .waitFor();
    await student.getByRole('link', { name: /Designing Supergraphs/ }).click();
    await student.getByRole('heading', { name: 'Sections' }).waitFor();
    await student.getByRole('button', { name: 'Register' }).click();
    await student.getByTestId('viewer-booking').filter({ hasText: 'PENDING' }).waitFor();
    const myBookings = student.getByTestId('my-bookings');
    await myBookings.getByRole('link', { name: 'Designing Supergraphs' }).waitFor();

    // The admin, in a second browser context, watches the support queue live.
    const admin = await open();
    await logInAs(admin, 'Avery (admin)', 'Avery Admin');
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByTestId('support-queue').waitFor();
    await admin.getByText('live', { exact: true }).waitFor();
    // The upstream subscription starts just after the socket is up.
    await admin.waitForTimeout(1_000);

    // Support: open a conversation.
    await student.getByRole('link', { name: 'Support' }).click();
    await student.getByLabel('Subject').fill(subject);
    await student.getByLabel('Message').fill('Do I need to know federation already?');
    await student.getByRole('button', { name: 'Start chat' }).click();
    const studentChat = student.getByTestId('messages');
    await studentChat.getByText('Do I need to know federation already?').waitFor();

    // The session appears in the admin's live queue (the queue query lists the longest
    // waiting first, up to a cap, so a busy test database may not list it: live it comes).
    const queue = admin.getByTestId('support-queue');
    await queue.getByRole('link', { name: subject }).click();
    await admin.getByRole('button', { name: 'Assign to me' }).click();
    await admin.getByRole('button', { name: 'Assigned to you' }).waitFor();
    await admin.getByLabel('Message').fill(answer);
    await admin.getByRole('button', { name: 'Send' }).click();
    await admin.getByTestId('messages').getByText(answer).waitFor();
    // …and confirms the booking.
    const pending = admin
      .getByTestId('pending-booking')
      .filter({ hasText: 'Ken Thompson' })
      .filter({ hasText: 'Designing Supergraphs' });
    await pending.getByRole('button', { name: 'Confirm' }).click();
    await pending.waitFor({ state: 'detached' });
    await screenshot(admin, 'admin-queue.png');

    // The student's page, never reloaded, shows the answer and the confirmed booking.
    await studentChat.getByText(answer).waitFor();
    await studentChat
      .getByText(/Avery Admin/)
      .first()
      .waitFor();
    await myBookings
      .getByRole('listitem')
      .filter({ hasText: 'Designing Supergraphs' })
      .getByText('CONFIRMED')
      .waitFor();
    await screenshot(student, 'student-chat.png');

    // A dropped connection: what is sent meanwhile arrives once, after the reconnect
    // (the chat resumes with `after`).
    const offline = 'Sent while you were offline.';
    link.down = true;
    for (const socket of link.sockets.splice(0)) await socket.close({ code: 1001 });
    await student.getByText('reconnecting…').waitFor();
    await admin.getByLabel('Message').fill(offline);
    await admin.getByRole('button', { name: 'Send' }).click();
    await admin.getByTestId('messages').getByText(offline).waitFor();
    link.down = false;
    await student.getByText('live', { exact: true }).waitFor();
    await studentChat.getByText(offline).waitFor();
    expect(await studentChat.getByRole('listitem').count()).toBe(3);

    // "My dashboard": one query across the five subgraphs, with the new enrollment.
    await student.getByRole('link', { name: 'My dashboard' }).click();
    await student.getByRole('heading', { name: 'Enrollments' }).waitFor();
    await student.getByRole('link', { name: 'Designing Supergraphs' }).first().waitFor();
    await screenshot(student, 'dashboard.png');

    // Apollo Sandbox stays at the gateway: its page is served (Sandbox itself then loads
    // from Apollo's CDN, which this offline machine cannot reach, so no screenshot of it).
    const sandbox = await browser.newPage({ viewport: VIEWPORT });
    const landing = await sandbox.goto(supergraph.gatewayUrl, { waitUntil: 'load' });
    expect(landing?.status()).toBe(200);
    expect(await sandbox.content()).toMatch(/embeddable-sandbox|Apollo Sandbox/i);

    expect(pageErrors).toEqual([]);
  }, 120_000);
});
