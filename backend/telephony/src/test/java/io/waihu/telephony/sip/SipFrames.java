package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects the text frames of a SIP WebSocket (one SIP message per frame, RFC 7118 §5.1). */
final class SipFrames implements WebSocket.Listener {

    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final Duration wait;

    SipFrames(Duration wait) {
        this.wait = wait;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, java.nio.ByteBuffer message) {
        pongs.add(java.nio.charset.StandardCharsets.UTF_8.decode(message).toString());
        ws.request(1);
        return null;
    }

    /** The payload of the next pong, or null when none comes in time. */
    String nextPong() throws InterruptedException {
        return pongs.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next SIP message; fails the test when none comes in time. */
    String next() throws InterruptedException {
        String m = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(m).as("a SIP message over the WebSocket within " + wait).isNotNull();
        return m;
    }
}
