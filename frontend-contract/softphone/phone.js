// The SIP side of the softphone: one registration over SIP/WebSocket (RFC 7118, subprotocol
// "sip") and at most one call, with WebRTC audio. UI-free: it reports every change through
// onChange(patch) and the page renders it.
import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
} from 'sip.js';

const AUDIO_ONLY = { constraints: { audio: true, video: false } };
// Registration lifetime asked of the registrar; SIP.js refreshes before it runs out.
const REGISTER_EXPIRES_SECONDS = 300;

export class SipPhone {
  /**
   * @param {HTMLAudioElement} audio remote audio is attached here: Chromium decodes a remote
   *        WebRTC track only when a media element plays it
   * @param {(patch: object) => void} onChange
   */
  constructor(audio, onChange) {
    this.audio = audio;
    this.onChange = onChange;
    this.userAgent = null;
    this.registerer = null;
    this.session = null;
    this.realm = null;
    this.expectedCallId = null;
    this.muted = false;
    this.held = false;
  }

  /** Connects to wsUri and registers; the outcome arrives through onChange. */
  async register({ username, password, realm, wsUri }) {
    await this.stop();
    this.realm = realm;
    this.onChange({ registration: 'registering', registrationError: null });
    const uri = UserAgent.makeURI(`sip:${username}@${realm}`);
    if (!uri) {
      this.registrationFailed('credentials', `not a SIP address: sip:${username}@${realm}`);
      return;
    }
    const userAgent = new UserAgent({
      uri,
      authorizationUsername: username,
      authorizationPassword: password,
      displayName: username,
      userAgentString: 'Waihu softphone (SIP.js)',
      logLevel: 'warn',
      transportOptions: { server: wsUri, connectionTimeout: 5 },
      // No public STUN server: the gateway is ICE-lite and reachable on a host candidate.
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 1000,
      },
      delegate: {
        onInvite: (invitation) => this.incoming(invitation),
        onDisconnect: (error) => {
          if (error && this.userAgent === userAgent) {
            this.registrationFailed('transport', `connection to ${wsUri} lost: ${error.message}`);
          }
        },
      },
    });
    this.userAgent = userAgent;
    try {
      await userAgent.start();
    } catch (error) {
      this.registrationFailed('transport', `cannot connect to ${wsUri}: ${error.message}`);
      return;
    }
    const registerer = new Registerer(userAgent, { expires: REGISTER_EXPIRES_SECONDS });
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (this.registerer !== registerer) {
        return;
      }
      if (state === RegistererState.Registered) {
        this.onChange({ registration: 'registered', registrationError: null });
      } else if (state === RegistererState.Unregistered || state === RegistererState.Terminated) {
        this.onChange({ registration: 'unregistered' });
      }
    });
    await registerer.register({
      requestDelegate: {
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message;
          this.registrationFailed('register', `registrar refused: ${statusCode} ${reasonPhrase ?? ''}`.trim());
        },
      },
    }).catch((error) => this.registrationFailed('register', error.message));
  }

  registrationFailed(stage, message) {
    this.onChange({ registration: 'failed', registrationError: { stage, message }, error: { stage, message } });
  }

  /** Unregisters and disconnects (page unload, new login). */
  async stop() {
    const { userAgent, registerer } = this;
    this.userAgent = null;
    this.registerer = null;
    if (registerer && registerer.state === RegistererState.Registered) {
      await registerer.unregister().catch(() => {});
    }
    if (userAgent) {
      await userAgent.stop().catch(() => {});
    }
  }

  /** Calls a number through the registrar: an INVITE from this softphone. */
  async call(number) {
    if (!this.userAgent || !this.userAgent.isConnected()) {
      throw new Error('not registered');
    }
    if (this.session) {
      throw new Error('already in a call');
    }
    const target = UserAgent.makeURI(`sip:${encodeNumber(number)}@${this.realm}`);
    if (!target) {
      throw new Error(`cannot call "${number}"`);
    }
    const inviter = new Inviter(this.userAgent, target, { sessionDescriptionHandlerOptions: AUDIO_ONLY });
    this.track(inviter, { direction: 'outgoing', remote: number, call: 'connecting' });
    const noteCallId = (response) => this.noteCallId(response.message.getHeader('X-Call-Id'));
    await inviter.invite({
      requestDelegate: {
        onProgress: noteCallId,
        onAccept: noteCallId,
        onReject: (response) => {
          const { statusCode, reasonPhrase } = response.message;
          this.endReason = `${statusCode} ${reasonPhrase ?? ''}`.trim();
        },
      },
    });
  }

  incoming(invitation) {
    if (this.session) {
      invitation.reject({ statusCode: 486 }).catch(() => {});
      return;
    }
    const request = invitation.request;
    const autoAnswer = request.getHeaders('Call-Info').some((value) => /;\s*answer-after\s*=\s*0\b/i.test(value));
    // A click-to-dial call rings this phone first; its id is known from the dial mutation.
    const expectedCallId = this.expectedCallId;
    this.expectedCallId = null;
    this.track(invitation, {
      direction: expectedCallId ? 'click-to-dial' : 'incoming',
      callId: expectedCallId,
      remote: invitation.remoteIdentity.uri.user ?? invitation.remoteIdentity.uri.toString(),
      call: 'ringing',
      autoAnswered: autoAnswer,
    });
    this.noteCallId(request.getHeader('X-Call-Id'));
    invitation.delegate = {
      ...invitation.delegate,
      onCancel: () => { this.endReason = 'caller cancelled'; },
    };
    if (autoAnswer) {
      this.answer().catch((error) => this.callError('answer', error));
    }
  }

  /** The next incoming call is the agent leg of this click-to-dial call. */
  expectCall(callId) {
    this.expectedCallId = callId;
  }

  async answer() {
    const session = this.session;
    if (!session || typeof session.accept !== 'function' || session.state !== SessionState.Initial) {
      throw new Error('no call is ringing');
    }
    this.onChange({ call: 'connecting' });
    await session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
  }

  async reject() {
    const session = this.session;
    if (!session || typeof session.reject !== 'function' || session.state !== SessionState.Initial) {
      throw new Error('no call is ringing');
    }
    this.endReason = 'rejected here';
    await session.reject({ statusCode: 486 });
  }

  /** Ends the SIP side of the call whatever its stage (CANCEL, 486 or BYE). */
  async hangup() {
    const session = this.session;
    if (!session) {
      return;
    }
    this.endReason = this.endReason ?? 'hung up here';
    switch (session.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (typeof session.cancel === 'function') {
          await session.cancel();
        } else {
          await session.reject({ statusCode: 486 });
        }
        break;
      case SessionState.Established:
        await session.bye();
        break;
      default:
        break;
    }
  }

  /** RFC 4733 telephone-events on the media path, one tone at a time. */
  sendDtmf(digit) {
    const handler = this.establishedHandler();
    if (!handler.sendDtmf(digit, { duration: 160, interToneGap: 70 })) {
      throw new Error('cannot send DTMF: telephone-event was not negotiated');
    }
  }

  setMuted(muted) {
    const handler = this.establishedHandler();
    this.muted = muted;
    handler.enableSenderTracks(!this.muted && !this.held);
    this.onChange({ muted });
  }

  /** Hold is a re-INVITE with a sendonly offer; the page shows it once the peer accepted. */
  async setHeld(held) {
    const handler = this.establishedHandler();
    const session = this.session;
    session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold: held };
    await new Promise((resolve, reject) => {
      session.invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => reject(new Error(`${held ? 'hold' : 'resume'} refused: ${response.message.statusCode}`)),
        },
      }).catch(reject);
    });
    this.held = held;
    handler.enableReceiverTracks(!held);
    handler.enableSenderTracks(!this.muted && !held);
    this.onChange({ held });
  }

  /** Packet counts of the call's audio, from the peer connection's getStats(); null without a call. */
  async stats() {
    const peerConnection = this.session?.sessionDescriptionHandler?.peerConnection;
    if (!peerConnection) {
      return null;
    }
    const report = await peerConnection.getStats();
    const result = { inbound: null, outbound: null, codec: null };
    const codecs = new Map();
    report.forEach((entry) => {
      if (entry.type === 'codec') {
        codecs.set(entry.id, entry.mimeType);
      }
    });
    report.forEach((entry) => {
      if (entry.kind !== 'audio') {
        return;
      }
      if (entry.type === 'inbound-rtp') {
        result.inbound = {
          packetsReceived: entry.packetsReceived ?? 0,
          packetsLost: entry.packetsLost ?? 0,
          bytesReceived: entry.bytesReceived ?? 0,
          jitter: entry.jitter ?? 0,
          totalAudioEnergy: entry.totalAudioEnergy ?? 0,
        };
      } else if (entry.type === 'outbound-rtp') {
        result.outbound = { packetsSent: entry.packetsSent ?? 0, bytesSent: entry.bytesSent ?? 0 };
        result.codec = codecs.get(entry.codecId) ?? null;
      }
    });
    return result;
  }

  establishedHandler() {
    const session = this.session;
    if (!session || session.state !== SessionState.Established) {
      throw new Error('no call in progress');
    }
    return session.sessionDescriptionHandler;
  }

  noteCallId(callId) {
    if (callId) {
      this.onChange({ callId });
    }
  }

  callError(stage, error) {
    this.onChange({ error: { stage, message: error.message } });
  }

  track(session, initial) {
    this.session = session;
    this.endReason = null;
    this.muted = false;
    this.held = false;
    this.onChange({
      callId: null, autoAnswered: false, startedAt: null, endReason: null, muted: false, held: false, dtmfSent: '',
      ...initial,
    });
    session.delegate = {
      onBye: (bye) => {
        const reason = bye.request.getHeader('Reason');
        this.endReason = reason ? `remote hung up (${reason})` : 'remote hung up';
        bye.accept().catch(() => {});
      },
    };
    session.stateChange.addListener((state) => {
      if (this.session !== session) {
        return;
      }
      if (state === SessionState.Established) {
        this.audio.srcObject = session.sessionDescriptionHandler.remoteMediaStream;
        this.audio.play().catch((error) => this.callError('audio', error));
        this.onChange({ call: 'in-call', startedAt: Date.now() });
      } else if (state === SessionState.Terminated) {
        this.session = null;
        this.audio.srcObject = null;
        // SIP.js terminates an Inviter before it calls the request delegate's onReject, which
        // supplies the reason: report the end once that synchronous call has returned.
        queueMicrotask(() => {
          this.onChange({ call: 'ended', endReason: this.endReason ?? 'ended', muted: false, held: false });
        });
      }
    });
  }
}

/** Digits, '+', '*' and '#' only ('#' escaped for the SIP URI user part). */
function encodeNumber(number) {
  const cleaned = String(number).replace(/[\s().-]/g, '');
  if (!/^\+?[0-9*#]+$/.test(cleaned)) {
    throw new Error(`not a dialable number: "${number}"`);
  }
  return cleaned.replace(/#/g, '%23');
}
