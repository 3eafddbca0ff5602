package io.waihu.telephony.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.LogContext;
import java.text.ParseException;
import java.util.concurrent.CompletionStage;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The stack's one listener: sorts SIP events into registrar work, new calls from agents' phones,
 * and events of known calls (found by the SIP Call-ID of either leg and handed to the call's own
 * executor). Runs on the stack's threads ({@code REENTRANT_LISTENER}), so it only routes; anything
 * that may wait (admission) completes asynchronously.
 *
 * <p>Requests outside any call: REGISTER, OPTIONS (200, keep-alive pings), an INVITE without To tag
 * (a call dialed from a phone). Other SIP methods get 405 with Allow, unknown ones 501
 * (RFC 3261 §8.2.1); in-dialog requests for unknown dialogs 481 (§12.2.2).
 */
final class SipDispatcher implements SipListenerExt {

    private static final Logger LOG = Logger.getLogger(SipDispatcher.class);
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("SUBSCRIBE", "NOTIFY", "PUBLISH",
            "MESSAGE", "REFER", "PRACK");

    private final SipContext sip;
    private final CallRegistry registry;
    private final Registrar registrar;
    private final DigestAuthenticator digest;
    private final AuthThrottle throttle;
    private final CallAdmission admission;
    private final io.waihu.telephony.media.MediaEngine engine;

    SipDispatcher(SipContext sip, CallRegistry registry, Registrar registrar, DigestAuthenticator digest,
            AuthThrottle throttle, CallAdmission admission, io.waihu.telephony.media.MediaEngine engine) {
        this.sip = sip;
        this.registry = registry;
        this.registrar = registrar;
        this.digest = digest;
        this.throttle = throttle;
        this.admission = admission;
        this.engine = engine;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String sipCallId = Messages.callIdOf(request);
        try {
            String method = request.getMethod();
            B2buaCall call = registry.bySipCallId(sipCallId);
            boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
            if (call != null && (inDialog || method.equals(Request.CANCEL) || method.equals(Request.ACK))) {
                ServerTransaction st = method.equals(Request.ACK) ? null : sip.serverTransaction(event);
                call.executor.execute(() -> call.onRequest(event, st));
                return;
            }
            switch (method) {
                case Request.REGISTER -> registrar.onRegister(event);
                case Request.ACK -> { } // ACK for a response we sent statelessly or long ago
                case Request.OPTIONS -> respond(event, Response.OK);
                case Request.INVITE -> {
                    if (inDialog) {
                        respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    } else if (call == null) {
                        onNewInvite(event);
                    } else {
                        respond(event, Response.REQUEST_PENDING); // a second INVITE in a call being set up
                    }
                }
                case Request.BYE, Request.CANCEL, Request.UPDATE, Request.INFO ->
                        respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                default -> respond(event, KNOWN_METHODS.contains(method)
                        ? Response.METHOD_NOT_ALLOWED
                        : Response.NOT_IMPLEMENTED);
            }
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            ContextLogger.of(SipDispatcher.class, LogContext.of("sip", sipCallId))
                    .warnf(e, "could not handle %s", request.getMethod());
        }
    }

    private void respond(RequestEvent event, int code) throws SipException {
        ServerTransaction st = sip.serverTransaction(event);
        if (st != null) {
            sip.respond(st, code, null, LogContext.of("sip", Messages.callIdOf(event.getRequest())));
        }
    }

    /** An agent's phone dials out: authenticate (407), then ask the backend to admit the call. */
    private void onNewInvite(RequestEvent event) throws SipException, ParseException {
        Request request = event.getRequest();
        LogContext context = LogContext.of("sip", Messages.callIdOf(request));
        if (request.getHeader(ContactHeader.NAME) == null) {
            // the stack refuses a transaction for a dialog-creating request without Contact: answer statelessly
            Response bad = sip.messages.createResponse(Response.BAD_REQUEST, request);
            bad.setReasonPhrase("Missing Contact");
            sip.provider.sendResponse(bad);
            return;
        }
        ServerTransaction st = sip.serverTransaction(event);
        if (st == null) {
            return;
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (request.getRawContent() != null && request.getRawContent().length > 0
                && (type == null || !"application".equalsIgnoreCase(type.getContentType())
                        || !"sdp".equalsIgnoreCase(type.getContentSubType()))) {
            sip.respond(st, Response.UNSUPPORTED_MEDIA_TYPE, null, context);
            return;
        }
        Flow flow = SipContext.flowOf(request, st);
        String claimed = digest.claimedUsername(request, ProxyAuthorizationHeader.NAME);
        if (claimed != null ? throttle.locked(claimed, flow.host()) : throttle.sourceLocked(flow.host())) {
            sip.respond(st, Response.FORBIDDEN, "Too many failed attempts", context);
            return;
        }
        DigestAuthenticator.Outcome outcome = digest.check(request, ProxyAuthorizationHeader.NAME);
        if (!(outcome instanceof DigestAuthenticator.Verified verified)) {
            // counted for the account whose password was tried, not the From user the caller picks
            if (outcome instanceof DigestAuthenticator.Failed failed && throttle.failure(claimed, flow.host())) {
                ContextLogger.of(SipDispatcher.class, context).warnf(
                        "%s from %s locked out after repeated failed digests (last: %s)",
                        DigestAuthenticator.shown(claimed), flow.host(), failed.why());
                sip.respond(st, Response.FORBIDDEN, "Too many failed attempts", context);
                return;
            }
            Response challenge = sip.messages.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED, request);
            challenge.addHeader(digest.challenge(sip.headers, true, outcome instanceof DigestAuthenticator.Stale));
            sip.respond(st, challenge, context);
            return;
        }
        throttle.success(claimed, flow.host());
        if (verified.account().barred()) {
            sip.respond(st, Response.FORBIDDEN, "Account may not use a phone", context);
            return;
        }
        String dialed = request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        if (dialed == null || dialed.isEmpty()) {
            sip.respond(st, Response.NOT_FOUND, "No number dialed", context);
            return;
        }
        B2buaCall call = new B2buaCall(sip, registry, engine, context);
        PhoneDialedSetup setup = PhoneDialedSetup.accept(call, st, flow);
        call.log().debugf("%s dials out via %s", verified.account(), flow);
        CompletionStage<CallAdmission.Decision> decision;
        try {
            decision = admission.admit(verified.account(), dialed);
        } catch (RuntimeException e) {
            call.executor.execute(() -> setup.onAdmission(null, e));
            return;
        }
        decision.whenComplete((d, failure) -> call.executor.execute(() -> setup.onAdmission(d, failure)));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        B2buaCall call = registry.bySipCallId(Messages.callIdOf(response));
        if (call != null) {
            call.executor.execute(() -> call.onResponse(event));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return; // Timer H/J: the peer never ACKed our error response; nothing to undo
        }
        ClientTransaction ct = event.getClientTransaction();
        if (ct == null || !Request.INVITE.equals(ct.getRequest().getMethod())) {
            return;
        }
        B2buaCall call = registry.bySipCallId(Messages.callIdOf(ct.getRequest()));
        if (call != null) {
            call.executor.execute(() -> call.onInviteTimeout(ct, "no response (timeout)"));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.infof("transport error toward %s:%s:%d", event.getTransport(), event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions clean up after themselves
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // dialogs end with their calls; nothing to release here
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        B2buaCall call = registry.bySipCallId(event.getDialog().getCallId().getCallId());
        if (call != null) {
            call.executor.execute(() -> call.onDialogTimeout(event.getDialog()));
        }
    }
}
