package io.waihu.telephony.media;

/** A remote SDP the gateway cannot use: unparseable, or no codec in common. SIP answers 488 (or 400 for garbage). */
public class SdpException extends Exception {

    private final int sipCode;

    public SdpException(int sipCode, String message) {
        super(message);
        this.sipCode = sipCode;
    }

    /** 400 for malformed SDP, 488 for well-formed but unacceptable (no common codec, no audio). */
    public int sipCode() {
        return sipCode;
    }
}
