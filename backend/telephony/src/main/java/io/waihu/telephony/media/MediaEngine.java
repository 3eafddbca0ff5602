package io.waihu.telephony.media;

/** Creates one media session per call. Thread-safe; one engine per gateway. */
public interface MediaEngine extends AutoCloseable {

    /** A new session with no legs negotiated yet. */
    MediaSession open(String callId, MediaListener listener);

    /** Releases every session's ports and threads. */
    @Override
    void close();
}
