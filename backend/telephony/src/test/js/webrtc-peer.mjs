// A browser softphone for WebRtcBrowserTest: headless Chromium with its fake microphone,
// one RTCPeerConnection, offer/answer traded with the Java test as JSON lines on stdin/stdout.
//   node webrtc-peer.mjs browser-offers|java-offers
// stdout: {"offer": sdp} or {"answer": sdp}, then {"stats": {...}} per {"cmd":"stats"} request.
// Diagnostics go to stderr.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const mode = process.argv[2];
const out = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const log = (...args) => console.error('[webrtc-peer]', ...args);

const inbox = [];
let waiting = null;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  if (waiting) {
    const w = waiting;
    waiting = null;
    w(message);
  } else {
    inbox.push(message);
  }
});
const next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise((r) => (waiting = r)));

// getUserMedia needs a secure context: serve the page from loopback HTTP.
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><title>waihu softphone</title><audio id="remote" autoplay></audio>');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waihu-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
let exitCode = 0;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => log('console:', m.text()));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.evaluate(async () => {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    window.pc = pc;
    pc.onconnectionstatechange = () => console.log('connection ' + pc.connectionState);
    pc.ontrack = (e) => {
      // Chromium decodes remote audio only when it plays somewhere.
      const audio = document.getElementById('remote');
      audio.srcObject = new MediaStream([e.track]);
      audio.play().catch((err) => console.log('play failed ' + err));
    };
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    mic.getTracks().forEach((t) => pc.addTrack(t, mic));
  });

  if (mode === 'browser-offers') {
    const offer = await page.evaluate(async () => {
      await window.pc.setLocalDescription(await window.pc.createOffer());
      return window.pc.localDescription.sdp;
    });
    out({ offer });
    const { answer } = await next();
    await page.evaluate(async (sdp) => window.pc.setRemoteDescription({ type: 'answer', sdp }), answer);
  } else if (mode === 'java-offers') {
    const { offer } = await next();
    const answer = await page.evaluate(async (sdp) => {
      await window.pc.setRemoteDescription({ type: 'offer', sdp });
      await window.pc.setLocalDescription(await window.pc.createAnswer());
      return window.pc.localDescription.sdp;
    }, offer);
    out({ answer });
  } else {
    throw new Error('mode must be browser-offers or java-offers, not ' + mode);
  }

  for (let m = await next(); m.cmd !== 'close'; m = await next()) {
    const stats = await page.evaluate(async () => {
      const result = { connectionState: window.pc.connectionState, packetsReceived: 0, packetsSent: 0 };
      (await window.pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          result.packetsReceived = s.packetsReceived;
          result.audioLevel = s.audioLevel ?? 0;
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') result.packetsSent = s.packetsSent;
      });
      return result;
    });
    out({ stats });
  }
} catch (e) {
  log('failed:', e);
  exitCode = 1;
} finally {
  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(exitCode);
