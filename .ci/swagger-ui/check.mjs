// Swagger UI of a running Hello Books API, checked in a real browser: the page loads, lists
// every operation of /v3/api-docs, and "Try it out" on GET /books gets a 200 from the API.
//
// Starts nothing but the browser: Debian's chromium (no browser download; playwright-core
// only drives it), headless, with a new empty profile that is deleted afterwards.
//
//   node check.mjs http://127.0.0.1:PORT [--screenshot FILE]
//
// Only loopback addresses are accepted, and the browser is kept from every other host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
// Operations the UI must list whatever else is added later.
const REQUIRED = [
  'GET /books', 'POST /books', 'GET /books/{id}', 'PUT /books/{id}', 'DELETE /books/{id}',
  'GET /authors', 'POST /authors', 'GET /authors/{id}', 'GET /authors/{id}/books', 'POST /authors/{id}/books',
];
const TIMEOUT_MS = 30_000;

let base = null;
let screenshot = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshot') screenshot = args[++i];
  else if (!base) base = args[i].replace(/\/+$/, '');
}
if (!base) {
  console.error('usage: node check.mjs http://127.0.0.1:PORT [--screenshot FILE]');
  process.exit(2);
}
const origin = new URL(base).origin;
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(base).hostname)) {
  console.error(`swagger-ui: refusing ${base}: only a server on this machine (127.0.0.1) is checked`);
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`  ok   ${what}`);
  } else {
    failed++;
    console.log(`  FAIL ${what}${detail ? `\n       ${detail}` : ''}`);
  }
  return ok;
}

const started = Date.now();
const profile = mkdtempSync(join(tmpdir(), 'hello-books-chromium-'));
let context;
let page;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 1400 },
  });
  // Nothing but the API under test: Swagger UI must not need anything from elsewhere.
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url === origin) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  console.log(`swagger-ui: ${base}/swagger-ui.html in ${CHROMIUM}`);
  const response = await page.goto(`${base}/swagger-ui.html`);
  check('the page loads', response?.ok(), `status ${response?.status()}`);
  await page.locator('.opblock').first().waitFor();

  const listed = await page.locator('.opblock').evaluateAll((blocks) => blocks.map((block) => {
    const method = block.querySelector('.opblock-summary-method')?.textContent.trim();
    const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path');
    return `${method} ${path}`;
  }));
  const missing = REQUIRED.filter((operation) => !listed.includes(operation));
  check(`lists ${REQUIRED.join(', ')}`, missing.length === 0, `missing: ${missing.join(', ')}; listed: ${listed.join(', ')}`);

  const description = await (await fetch(`${base}/v3/api-docs`)).json();
  const described = Object.entries(description.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  const notListed = described.filter((operation) => !listed.includes(operation));
  check(`lists all ${described.length} operations of /v3/api-docs`, notListed.length === 0, `not listed: ${notListed.join(', ')}`);

  const getBooks = page.locator('.opblock.opblock-get').filter({
    has: page.locator('.opblock-summary-path[data-path="/books"]'),
  });
  await getBooks.locator('.opblock-summary').click();
  await getBooks.getByRole('button', { name: 'Try it out' }).click();
  await getBooks.getByRole('button', { name: 'Execute' }).click();
  const liveResponse = getBooks.locator('.live-responses-table tr.response');
  await liveResponse.waitFor();
  const shown = (await liveResponse.locator('.response-col_status').textContent()).trim();
  check("'Try it out' on GET /books shows a live 200", shown === '200', `shown: ${shown}`);
  const body = (await liveResponse.locator('.response-col_description pre').first().textContent()).trim();
  let books = null;
  try {
    books = JSON.parse(body);
  } catch {
    // not JSON: reported below
  }
  check('the response body shown is the JSON array the API sent', Array.isArray(books), `response body shown: ${body.slice(0, 200)}`);
  const requestUrl = (await getBooks.locator('.request-url pre').textContent()).trim();
  check('the request went to the API itself', requestUrl.startsWith(`${origin}/books`), `request URL: ${requestUrl}`);

  check('no script errors on the page', pageErrors.length === 0, pageErrors.join(' | '));
  check('no request to another host', blocked.length === 0, `blocked: ${blocked.join(', ')}`);
} catch (error) {
  check('the check ran to the end', false, error.message.split('\n')[0]);
} finally {
  if (screenshot && page) {
    // what the page showed at the end, whether the check passed or not
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    console.log(`swagger-ui: screenshot in ${screenshot}`);
  }
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
}

console.log(`swagger-ui: took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`swagger-ui: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
