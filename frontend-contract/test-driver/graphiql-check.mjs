#!/usr/bin/env node
// Opens the server's GraphiQL (/q/graphql-ui) in headless Chromium, opens its documentation
// explorer and prints what the explorer shows as one JSON line: {"docs": "<text>", "error": …}
// — the root types once GraphiQL could introspect the schema, or its error (else null).
//
//   node graphiql-check.mjs --url http://localhost:8081/q/graphql-ui/ [--chromium /usr/bin/chromium]
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
if (!options.url) {
  process.stderr.write('usage: graphiql-check.mjs --url <graphiql page> [--chromium <path>]\n');
  process.exit(2);
}

const TIMEOUT_MS = 30_000;
const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  // what the API answered GraphiQL, for the test's log when the schema does not load
  page.on('response', async (response) => {
    if (response.request().method() === 'POST') {
      const body = await response.text().catch(() => '');
      process.stderr.write(`[graphiql] ${response.status()} ${response.url()}: ${body.slice(0, 400)}\n`);
    }
  });
  await page.goto(options.url);
  // GraphiQL 3's sidebar button; the explorer shows root types or the introspection's error
  await page.click('button[aria-label="Show Documentation Explorer"]', { timeout: TIMEOUT_MS });
  await page.waitForSelector('.graphiql-doc-explorer-root-type, .graphiql-doc-explorer-error',
    { timeout: TIMEOUT_MS });
  const docs = await page.innerText('.graphiql-doc-explorer');
  const failed = await page.$('.graphiql-doc-explorer-error');
  const error = failed ? await failed.innerText() : null;
  process.stdout.write(`${JSON.stringify({ docs, error })}\n`);
} finally {
  await browser.close();
}
