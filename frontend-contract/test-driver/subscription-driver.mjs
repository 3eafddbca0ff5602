#!/usr/bin/env node
// Opens a GraphQL subscription from a page in headless Chromium, with the browser's own
// WebSocket — which cannot set headers, so the token goes in connection_init's payload
// (graphql-transport-ws) — and reports what the socket sees as JSON lines on stdout:
//
//   node subscription-driver.mjs --page http://localhost:8081/softphone/ --socket ws://localhost:8081/graphql \
//       --payload '{"authToken":"…"}' --query 'subscription { customerChanged { id } }'
//   -> {"event":"open"}
//   -> {"event":"message","message":{"type":"connection_ack"}}      (then the driver subscribes)
//   -> {"event":"message","message":{"id":"1","type":"next","payload":{…}}}
//   -> {"event":"closed","code":4401,"reason":"…"}
//
// The page (any page of the server: the socket is opened from its origin, as a web app's
// would be) is only the browser context. The driver exits when the socket closes or when its
// stdin ends; page errors go to stderr. It runs the system Chromium (--chromium).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
  options: {
    page: { type: 'string' },
    socket: { type: 'string' },
    payload: { type: 'string', default: '{}' },
    query: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
if (!options.page || !options.socket || !options.query) {
  process.stderr.write('usage: subscription-driver.mjs --page <url> --socket <ws url> --query <subscription> '
    + '[--payload <json>] [--chromium <path>]\n');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
});
let finished = false;
async function finish() {
  if (!finished) {
    finished = true;
    await browser.close();
    process.exit(0);
  }
}
createInterface({ input: process.stdin }).on('close', finish);

const page = await browser.newPage();
page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
await page.exposeFunction('waihuReport', (event) => {
  process.stdout.write(`${JSON.stringify(event)}\n`);
  if (event.event === 'closed') {
    setTimeout(finish, 100);
  }
});
await page.goto(options.page);
await page.evaluate(({ url, payload, query }) => {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  socket.onopen = () => {
    window.waihuReport({ event: 'open' });
    socket.send(JSON.stringify({ type: 'connection_init', payload }));
  };
  socket.onmessage = (received) => {
    const message = JSON.parse(received.data);
    if (message.type === 'ping') {
      // the server's keep-alive: a client answers it (graphql-transport-ws) and it is no event
      socket.send(JSON.stringify({ type: 'pong' }));
      return;
    }
    window.waihuReport({ event: 'message', message });
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    }
  };
  socket.onclose = (closed) => window.waihuReport({ event: 'closed', code: closed.code, reason: closed.reason });
}, { url: options.socket, payload: JSON.parse(options.payload), query: options.query });
