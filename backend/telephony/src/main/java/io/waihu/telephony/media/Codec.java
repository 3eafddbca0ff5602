package io.waihu.telephony.media;

/**
 * The audio codecs the gateway relays. Only G.711: carriers all take it, browsers all offer it,
 * it needs no licence and it converts PCMU/PCMA byte by byte, so the relay never has to
 * decode for anything but the recording.
 */
enum Codec {
    PCMU(0, "PCMU"),
    PCMA(8, "PCMA");

    final int staticPayloadType;
    final String encodingName;

    Codec(int staticPayloadType, String encodingName) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
    }

    short toLinear(byte b) {
        return this == PCMU ? G711.ulawToLinear(b) : G711.alawToLinear(b);
    }

    byte convertTo(Codec target, byte b) {
        if (target == this) {
            return b;
        }
        return this == PCMU ? G711.ulawToAlaw(b) : G711.alawToUlaw(b);
    }

    static Codec byEncodingName(String name) {
        for (Codec c : values()) {
            if (c.encodingName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    static Codec byStaticPayloadType(int pt) {
        for (Codec c : values()) {
            if (c.staticPayloadType == pt) {
                return c;
            }
        }
        return null;
    }
}
