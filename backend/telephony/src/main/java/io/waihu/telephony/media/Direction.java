package io.waihu.telephony.media;

/** An SDP media direction attribute (RFC 3264 §5.1, §6.1), as the remote side declared it. */
enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** The direction we answer with (RFC 3264 §6.1: the mirror of the offer). */
    Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** Hold as SIP phones signal it (RFC 6337 §5.3): the holder sends sendonly, or inactive. */
    boolean isHold() {
        return this == SENDONLY || this == INACTIVE;
    }

    String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
