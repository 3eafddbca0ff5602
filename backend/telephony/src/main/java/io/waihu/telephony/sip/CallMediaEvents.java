package io.waihu.telephony.sip;

import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.media.MediaListener;
import java.time.Instant;

/**
 * What the media session tells its call (a DTMF digit, a leg gone silent), on the media threads;
 * handed to the call's {@link SerialExecutor} so the call handles it as it does SIP events.
 */
final class CallMediaEvents implements MediaListener {

    private final B2buaCall call;

    CallMediaEvents(B2buaCall call) {
        this.call = call;
    }

    @Override
    public void dtmf(Leg leg, char digit, int durationMillis) {
        Instant at = call.sip.clock.instant();
        call.executor.execute(() -> call.report(l -> l.dtmf(leg, digit, durationMillis, at)));
    }

    @Override
    public void mediaTimeout(Leg leg) {
        call.executor.execute(() -> {
            if (!call.ended()) {
                call.log().infof("no media from %s, hanging up", leg);
                call.hangup(HangupBy.SYSTEM, "Media timeout on " + leg);
            }
        });
    }
}
