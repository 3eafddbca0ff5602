#!/usr/bin/env node
// Runs the Waihu softphone in headless Chromium for end-to-end tests and takes commands as
// JSON lines on stdin, answering each with one JSON line on stdout:
//
//   node softphone-driver.mjs --url http://localhost:8081/softphone/ [--audio speech.wav]
//        [--locale zh-CN] [--chromium-arg --some-switch ...]
//   -> {"event":"ready"}
//   <- {"id":1,"cmd":"login","username":"agent","password":"secret"}
//   -> {"id":1,"ok":true,"result":{...page state...}}
//
// Commands act through the page's own controls (form, buttons, dial pad) and wait for the page
// state with a timeout ("timeoutMs", default 10 s); state and stats read window.waihuPhone.
// Page console output and errors go to stderr. The driver never downloads a browser: it runs
// the system Chromium (--chromium, default /usr/bin/chromium) in a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    audio: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    // more Chromium switches, e.g. --ignore-certificate-errors-spki-list=<hash> to trust the
    // server's self-signed certificate, or --host-resolver-rules=MAP name 127.0.0.1
    'chromium-arg': { type: 'string', multiple: true, default: [] },
    // the browser's language (navigator.language), e.g. zh-CN; Chromium's default otherwise
    locale: { type: 'string' },
  },
});
if (!options.url) {
  process.stderr.write('usage: softphone-driver.mjs --url <softphone page> [--audio <wav>] [--chromium <path>]\n');
  process.exit(2);
}

const DEFAULT_TIMEOUT_MS = 10_000;
const profile = mkdtempSync(join(tmpdir(), 'waihu-softphone-'));
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Chromium throttles timers of pages it considers hidden; a headless test page is always visible.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  // Autoplay of the remote <audio> must not wait for a user gesture.
  '--autoplay-policy=no-user-gesture-required',
];
if (options.audio) {
  args.push(`--use-file-for-fake-audio-capture=${options.audio}`);
}
args.push(...options['chromium-arg']);

function log(line) {
  process.stderr.write(`${line}\n`);
}

// launchPersistentContext is Playwright's way to give Chromium its own --user-data-dir.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: options.chromium,
  headless: true,
  args,
  ...(options.locale ? { locale: options.locale } : {}),
});
const page = context.pages()[0] ?? await context.newPage();
page.on('console', (message) => log(`[page ${message.type()}] ${message.text()}`));
page.on('pageerror', (error) => log(`[page error] ${error.message}`));
page.on('requestfailed', (request) => log(`[page request failed] ${request.url()} ${request.failure()?.errorText}`));
await page.goto(options.url);
await page.waitForFunction(() => window.waihuPhone !== undefined, null, { timeout: DEFAULT_TIMEOUT_MS });

const readState = () => page.evaluate(() => window.waihuPhone.state);

/** Waits until `predicate(arg)`, run in the page, holds; answers the page state then. */
async function waitForState(predicate, timeoutMs, what, arg = null) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: timeoutMs, polling: 50 });
  } catch {
    const state = await readState();
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; page state: ${JSON.stringify(state)}`);
  }
  return readState();
}

/** Answers MySipCredentials itself, for registering against a SIP server Waihu did not provision. */
async function overrideSipCredentials(credentials) {
  await page.route('**/graphql', async (route) => {
    let body = null;
    try {
      body = route.request().postDataJSON();
    } catch {
      // not JSON: let the server answer
    }
    if (body && body.operationName === 'MySipCredentials') {
      await route.fulfill({ json: { data: { mySipCredentials: credentials } } });
    } else {
      await route.continue();
    }
  });
}

async function click(selector, timeoutMs) {
  await page.locator(selector).click({ timeout: timeoutMs });
}

const commands = {
  async login({ username, password, sipCredentials, timeoutMs }) {
    if (sipCredentials) {
      await overrideSipCredentials(sipCredentials);
    }
    await page.fill('#username', username, { timeout: timeoutMs });
    await page.fill('#password', password, { timeout: timeoutMs });
    await click('#login-button', timeoutMs);
    const state = await waitForState(() => ['logged-in', 'failed'].includes(window.waihuPhone.state.login),
      timeoutMs, 'login');
    if (state.login !== 'logged-in') {
      throw new Error(`login failed: ${state.lastError?.message}`);
    }
    return state;
  },

  /** Resolves once registered; fails with the page's reason when registration failed. */
  async waitRegistered({ timeoutMs }) {
    const state = await waitForState(() => ['registered', 'failed'].includes(window.waihuPhone.state.registration),
      timeoutMs, 'registration');
    if (state.registration !== 'registered') {
      throw new Error(`registration failed (${state.registrationError?.stage}): ${state.registrationError?.message}`);
    }
    return state;
  },

  /** Waits for a registration outcome, registered or failed, and returns the state. */
  async waitRegistration({ timeoutMs }) {
    return waitForState(() => ['registered', 'failed'].includes(window.waihuPhone.state.registration),
      timeoutMs, 'a registration outcome');
  },

  /** Waits until state.call is one of `states` (e.g. ["in-call"]). */
  async waitCall({ states, timeoutMs }) {
    return waitForState((wanted) => wanted.includes(window.waihuPhone.state.call), timeoutMs,
      `call state ${states}`, states);
  },

  async dial({ number, timeoutMs }) {
    await page.fill('#number', number, { timeout: timeoutMs });
    await click('#call-button', timeoutMs);
    return readState();
  },

  async clickToDial({ customerId, number, timeoutMs }) {
    await page.fill('#customer-id', customerId ?? '', { timeout: timeoutMs });
    await page.fill('#number', number ?? '', { timeout: timeoutMs });
    const before = await readState();
    const previous = { callId: before.callId, errorAt: before.lastError?.at ?? null };
    await click('#click-to-dial-button', timeoutMs);
    // Done when a new call id appears (the mutation's answer or the gateway's X-Call-Id) or a new dial error.
    const state = await waitForState((old) => {
      const now = window.waihuPhone.state;
      return (now.callId !== null && now.callId !== old.callId)
        || (now.lastError?.stage === 'dial' && now.lastError.at !== old.errorAt);
    }, timeoutMs, 'the dial mutation', previous);
    if (state.lastError?.stage === 'dial' && state.lastError.at !== previous.errorAt) {
      throw new Error(`dial failed: ${state.lastError.message}`);
    }
    return state;
  },

  async answer({ timeoutMs }) {
    await click('#answer-button', timeoutMs);
    return readState();
  },

  async reject({ timeoutMs }) {
    await click('#reject-button', timeoutMs);
    return readState();
  },

  async hangup({ timeoutMs }) {
    await click('#hangup-button', timeoutMs);
    return waitForState(() => ['ended', 'idle'].includes(window.waihuPhone.state.call), timeoutMs, 'the call to end');
  },

  /** Presses the dial pad's keys during a call: RFC 4733 events on the media path. */
  async dtmf({ digits, timeoutMs }) {
    for (const digit of digits) {
      await click(`#dialpad button[data-key="${digit}"]`, timeoutMs);
    }
    const state = await readState();
    if (!state.dtmfSent.endsWith(digits)) {
      throw new Error(`DTMF "${digits}" not sent: ${state.lastError?.message}`);
    }
    return state;
  },

  async mute({ on, timeoutMs }) {
    if ((await readState()).muted !== on) {
      await click('#mute-button', timeoutMs);
    }
    return waitForState((wanted) => window.waihuPhone.state.muted === wanted, timeoutMs, 'mute', Boolean(on));
  },

  async hold({ on, timeoutMs }) {
    if ((await readState()).held !== on) {
      await click('#hold-button', timeoutMs);
    }
    return waitForState((wanted) => window.waihuPhone.state.held === wanted, timeoutMs, 'hold', Boolean(on));
  },

  async state() {
    return readState();
  },

  async stats() {
    return page.evaluate(() => window.waihuPhone.stats());
  },

  /** The text a person sees on the page (status lines and errors), for assertions on the UI. */
  async text({ selector }) {
    return page.locator(selector).innerText();
  },
};

async function close() {
  await context.close().catch((error) => log(`closing Chromium: ${error.message}`));
  rmSync(profile, { recursive: true, force: true });
}

function reply(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

reply({ event: 'ready' });
// One command at a time, in order: the tests are sequential conversations with one phone.
const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of input) {
  if (!line.trim()) {
    continue;
  }
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    reply({ ok: false, error: `not JSON: ${error.message}` });
    continue;
  }
  const { id, cmd, ...params } = request;
  if (cmd === 'close') {
    await close();
    reply({ id, ok: true, result: null });
    process.exit(0);
  }
  const command = commands[cmd];
  if (!command) {
    reply({ id, ok: false, error: `unknown command "${cmd}"` });
    continue;
  }
  try {
    const result = await command({ timeoutMs: DEFAULT_TIMEOUT_MS, ...params });
    reply({ id, ok: true, result: result ?? null });
  } catch (error) {
    reply({ id, ok: false, error: error.message });
  }
}
// stdin closed without "close": the test process went away.
await close();
