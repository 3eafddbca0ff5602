package io.waihu.telephony.sip;

import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;

/**
 * How final SIP responses on the customer leg map to call results (RFC 3261 §21 classes, with the
 * carrier conventions for busy, no answer and congestion), and which status an agent who dialed
 * from the phone gets back for each result.
 */
final class Outcomes {

    private Outcomes() {}

    static CallResult customerResult(int code) {
        return switch (code) {
            case 486, 600 -> CallResult.BUSY;
            case 408, 480, 487 -> CallResult.NO_ANSWER;
            case 500, 502, 503, 504 -> CallResult.CONGESTION;
            case 488, 606 -> CallResult.FAILED;
            default -> {
                if (code >= 400 && code < 500 || code == 603 || code == 604) {
                    yield CallResult.REJECTED;
                }
                if (code >= 500 && code < 600) {
                    yield CallResult.CONGESTION;
                }
                yield CallResult.FAILED; // 3xx redirects are not followed
            }
        };
    }

    /** Who ended a call that the carrier ended with {@code result} before answer. */
    static HangupBy customerBy(CallResult result) {
        return switch (result) {
            case BUSY, NO_ANSWER, REJECTED -> HangupBy.CUSTOMER;
            default -> HangupBy.SYSTEM;
        };
    }

    /** The final status relayed to an agent's own INVITE when its call ends before answer. */
    static int relayToAgent(CallResult result, int code) {
        if (code >= 400 && code < 700 && code != 401 && code != 407) {
            return code;
        }
        return switch (result) {
            case BUSY -> 486;
            case NO_ANSWER -> 480;
            case REJECTED -> 403;
            case CANCELLED -> 487;
            case CONGESTION -> 503;
            default -> 500;
        };
    }
}
