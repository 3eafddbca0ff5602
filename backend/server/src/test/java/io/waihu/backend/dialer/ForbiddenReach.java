package io.waihu.backend.dialer;

import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.sip.SipGateway;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Not product code: what the dialer must never do, for {@code ArchitectureTest} to show that
 * its rule for the dialer catches it while the dialer package is still empty.
 */
final class ForbiddenReach {

    private ForbiddenReach() {
    }

    static Object[] everyForbiddenReach(SipGateway gateway, MediaEngine media, Mutiny.SessionFactory sessions) {
        return new Object[] {gateway, media, sessions};
    }
}
