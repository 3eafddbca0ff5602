// The page: log in through GraphQL, fetch the agent's SIP account, register, and drive calls.
// All state lives in `state`; render() shows it, and window.waihuPhone exposes it to tests.
import { GraphQLClient, payloadOf } from './graphql.js';
import { SipPhone } from './phone.js';

const $ = (id) => document.getElementById(id);

const state = {
  login: 'logged-out', // logging-in | logged-in | failed
  user: null,
  registration: 'unregistered', // registering | registered | unregistered | failed
  registrationError: null, // { stage: credentials | transport | register, message }
  call: 'idle', // ringing | connecting | in-call | ended
  direction: null, // outgoing | incoming | click-to-dial
  remote: null,
  callId: null, // Waihu's call id: from the dial mutation or the gateway's X-Call-Id header
  autoAnswered: false,
  startedAt: null,
  endReason: null,
  muted: false,
  held: false,
  dtmfSent: '',
  lastError: null, // { stage, message, at }
  // Browsers give a page a microphone only in a secure context: https, or http on this machine
  // (localhost, 127.0.0.1). Over plain http from another machine the phone registers but cannot call.
  secureContext: window.isSecureContext,
  wsUri: null, // the SIP WebSocket the page registered over (wss: on an https page)
};

/** The insecure-context warning, in the browser's language (Chinese or English). */
const INSECURE_CONTEXT = {
  en: 'This page was opened over plain http from another machine, which the browser does not treat as '
    + 'secure: it gives the page no microphone, so calls cannot work. Open it over https instead '
    + '(the address that starts with https://; the README says how to trust the server\'s certificate).',
  'zh-CN': '此页面是从其他电脑通过 http 打开的，浏览器认为它不安全，不允许使用麦克风，因此无法通话。'
    + '请改用 https 地址打开（以 https:// 开头；如何信任服务器证书见 README）。',
};

function language() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  return preferred.some((tag) => String(tag).toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

const graphql = new GraphQLClient(new URL('/graphql', window.location.href).toString());
const phone = new SipPhone($('remote-audio'), update);

function update(patch) {
  const { error, ...rest } = patch;
  Object.assign(state, rest);
  if (error) {
    state.lastError = { ...error, at: new Date().toISOString() };
  }
  render();
}

function fail(stage, error) {
  update({ error: { stage, message: error.message ?? String(error) } });
}

async function login(username, password) {
  update({ login: 'logging-in', user: null, lastError: null });
  let answer;
  try {
    answer = payloadOf(await graphql.run('Login', { username, password }), 'login');
  } catch (error) {
    update({ login: 'failed', error: { stage: 'login', message: error.message } });
    return;
  }
  graphql.token = answer.token;
  update({ login: 'logged-in', user: answer.user });
  await register();
}

async function register() {
  let credentials;
  try {
    credentials = (await graphql.run('MySipCredentials')).mySipCredentials;
    if (!credentials) {
      throw new Error('this user has no SIP account');
    }
    if (!credentials.wsUri) {
      // the gateway listens beside the page's server unless it names another address
      credentials = { ...credentials, wsUri: defaultWsUri(credentials) };
    }
    update({ wsUri: credentials.wsUri });
  } catch (error) {
    phone.registrationFailed('credentials', `SIP credentials unavailable: ${error.message}`);
    return;
  }
  await phone.register(credentials);
}

/** wss: for an https page (browsers refuse a plain ws: socket from one), ws: for an http page. */
function defaultWsUri({ wsPort, wssPort }) {
  const host = window.location.hostname;
  if (window.location.protocol === 'https:') {
    if (!wssPort) {
      throw new Error('the server offers no secure WebSocket (wss) for SIP, which an https page needs');
    }
    return `wss://${host}:${wssPort}`;
  }
  return `ws://${host}:${wsPort}`;
}

async function call(number) {
  try {
    await phone.call(number);
  } catch (error) {
    fail('call', error);
  }
}

/** Click-to-dial: the server places the call; the gateway then rings (and we auto-answer) this phone. */
async function clickToDial({ customerId = null, number = null }) {
  try {
    const { call: placed } = payloadOf(await graphql.run('Dial', { customerId: customerId || null,
      number: number || null }), 'dial');
    if (phone.session) {
      // The gateway rang this phone before the mutation's answer arrived.
      if (!state.callId) {
        update({ callId: placed.id, direction: 'click-to-dial' });
      }
    } else {
      phone.expectCall(placed.id);
      update({ call: 'connecting', direction: 'click-to-dial', remote: number || customerId, callId: placed.id,
        autoAnswered: false, endReason: null, startedAt: null, dtmfSent: '' });
    }
    return placed;
  } catch (error) {
    fail('dial', error);
    return null;
  }
}

async function answer() {
  try {
    await phone.answer();
  } catch (error) {
    fail('answer', error);
  }
}

async function reject() {
  try {
    await phone.reject();
  } catch (error) {
    fail('reject', error);
  }
}

/**
 * The server learns who hung up from the hangup mutation (when Waihu knows the call); the
 * SIP side is ended here too so the agent's media stops at once even if the server is slow.
 */
async function hangup() {
  const callId = state.callId;
  if (callId) {
    try {
      payloadOf(await graphql.run('Hangup', { callId }), 'hangup');
    } catch (error) {
      fail('hangup', error);
    }
  }
  try {
    await phone.hangup();
  } catch (error) {
    fail('hangup', error);
  }
  if (!phone.session && state.call === 'connecting' && state.direction === 'click-to-dial') {
    // Hung up before the gateway rang this phone: its call, if it still comes, is not expected.
    phone.expectCall(null);
    update({ call: 'ended', endReason: 'hung up here' });
  }
}

function dtmf(digits) {
  for (const digit of String(digits)) {
    try {
      phone.sendDtmf(digit);
      update({ dtmfSent: state.dtmfSent + digit });
    } catch (error) {
      fail('dtmf', error);
      return false;
    }
  }
  return true;
}

function setMuted(muted) {
  try {
    phone.setMuted(muted);
  } catch (error) {
    fail('mute', error);
  }
}

async function setHeld(held) {
  try {
    await phone.setHeld(held);
  } catch (error) {
    fail('hold', error);
  }
}

function render() {
  const insecure = $('insecure-context');
  insecure.hidden = state.secureContext;
  insecure.lang = language();
  insecure.textContent = state.secureContext ? '' : INSECURE_CONTEXT[insecure.lang];
  $('login-status').dataset.state = state.login;
  $('login-status').textContent = {
    'logged-out': '',
    'logging-in': 'logging in…',
    'logged-in': 'logged in',
    failed: `login failed: ${state.lastError?.message ?? ''}`,
  }[state.login];
  $('login').hidden = state.login === 'logged-in';
  $('phone').hidden = state.login !== 'logged-in';
  if (state.user) {
    $('user').textContent = `${state.user.displayName ?? state.user.username} (${state.user.username}, `
      + `${(state.user.roles ?? []).join(', ')}${state.user.team ? `, team ${state.user.team}` : ''})`;
  }

  $('registration').dataset.state = state.registration;
  $('registration').textContent = state.registration;
  $('registration-error').textContent = state.registration === 'failed' && state.registrationError
    ? `${state.registrationError.stage}: ${state.registrationError.message}` : '';
  $('register-button').hidden = state.registration !== 'failed' && state.registration !== 'unregistered';

  const ringing = state.call === 'ringing';
  const live = state.call === 'ringing' || state.call === 'connecting' || state.call === 'in-call';
  $('call').dataset.state = state.call;
  $('call-state').textContent = state.call === 'ended' ? `ended: ${state.endReason}` : state.call;
  const detail = [state.direction, state.remote, state.callId && `call ${state.callId}`,
    state.autoAnswered && 'auto-answered', state.muted && 'muted', state.held && 'on hold',
    state.dtmfSent && `sent ${state.dtmfSent}`].filter(Boolean);
  $('call-detail').textContent = live || state.call === 'ended' ? detail.join(' · ') : '';
  $('answer-button').hidden = !ringing;
  $('reject-button').hidden = !ringing;
  $('hangup-button').disabled = !live;
  $('mute-button').disabled = state.call !== 'in-call';
  $('mute-button').setAttribute('aria-pressed', String(state.muted));
  $('mute-button').textContent = state.muted ? 'Unmute' : 'Mute';
  $('hold-button').disabled = state.call !== 'in-call';
  $('hold-button').setAttribute('aria-pressed', String(state.held));
  $('hold-button').textContent = state.held ? 'Resume' : 'Hold';
  $('call-button').disabled = live || state.registration !== 'registered';
  $('click-to-dial-button').disabled = live;
  renderTimer();
  // Login and registration failures have their own lines above.
  const shownElsewhere = ['login', 'credentials', 'transport', 'register'];
  $('error').textContent = state.lastError && !shownElsewhere.includes(state.lastError.stage)
    ? `${state.lastError.stage}: ${state.lastError.message}` : '';
}

function renderTimer() {
  if (state.call !== 'in-call' || !state.startedAt) {
    $('call-timer').textContent = '';
    return;
  }
  const seconds = Math.floor((Date.now() - state.startedAt) / 1000);
  $('call-timer').textContent = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const password = $('password').value;
  $('password').value = '';
  login($('username').value.trim(), password);
});
$('register-button').addEventListener('click', () => register());
$('call-button').addEventListener('click', () => call($('number').value));
$('click-to-dial-button').addEventListener('click',
  () => clickToDial({ customerId: $('customer-id').value.trim(), number: $('number').value.trim() }));
$('answer-button').addEventListener('click', () => answer());
$('reject-button').addEventListener('click', () => reject());
$('hangup-button').addEventListener('click', () => hangup());
$('mute-button').addEventListener('click', () => setMuted(!state.muted));
$('hold-button').addEventListener('click', () => setHeld(!state.held));
$('dialpad').addEventListener('click', (event) => {
  const key = event.target.dataset?.key;
  if (!key) {
    return;
  }
  if (state.call === 'in-call') {
    dtmf(key);
  } else {
    $('number').value += key;
  }
});
window.setInterval(renderTimer, 1000);
window.addEventListener('pagehide', () => { phone.stop(); });

/** For tests and scripting: a snapshot of the state, and the same actions the buttons take. */
window.waihuPhone = {
  get state() {
    return JSON.parse(JSON.stringify(state));
  },
  get lastError() {
    return state.lastError;
  },
  get callId() {
    return state.callId;
  },
  stats: () => phone.stats(),
  login,
  register,
  call,
  clickToDial,
  answer,
  reject,
  hangup,
  dtmf,
  setMuted,
  setHeld,
};
render();
