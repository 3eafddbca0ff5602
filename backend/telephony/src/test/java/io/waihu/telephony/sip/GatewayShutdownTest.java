package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.waihu.telephony.testing.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Stopping the gateway while phones still hold TCP connections to it: the stop does not throw and
 * releases the SIP ports, so a restarted gateway can bind them again. JAIN-SIP's NIO handler
 * iterates a map it also removes from while closing the channels; the stop must survive that.
 */
class GatewayShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void stopsCleanlyWithSeveralTcpConnectionsOpen() throws Exception {
        GatewayFixture fx = new GatewayFixture();
        List<RawSip> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawSip peer = RawSip.tcp(fx.sipPort);
                peers.add(peer);
                peer.send(peer.request("OPTIONS", "sip:127.0.0.1:" + fx.sipPort, "probe", UUID.randomUUID().toString(),
                        1, "", null));
                assertThat(RawSip.status(peer.response(WAIT, true))).isEqualTo(200);
            }

            assertThatCode(fx::close).doesNotThrowAnyException();

            FreePorts.await("SIP TCP port released", WAIT, () -> !FreePorts.tcpListening(fx.sipPort));
            FreePorts.await("SIP UDP port released", WAIT, () -> !FreePorts.udpBound(fx.sipPort));
        } finally {
            for (RawSip peer : peers) {
                peer.close();
            }
        }
    }
}
