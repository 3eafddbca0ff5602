package io.waihu.telephony.media;

import org.jitsi.service.libjitsi.LibJitsi;
import org.jitsi.service.neomedia.MediaService;

/**
 * Starts libjitsi once, the first time a WebRTC leg is needed, with the settings measured to
 * work headless against Chromium (ARCHITECTURE.md, "Known facts"): no audio/video device
 * systems (PortAudio would take the JVM down without a sound card) and RSA certificates
 * (Chromium rejects libjitsi's default ECDSA certificate, whose curve is encoded explicitly).
 * libjitsi keeps its state in statics and reads these as system properties, so they are set
 * process-wide, only where the operator has not set them already. libjitsi is left running when
 * the engine closes: it cannot be restarted in the same JVM.
 */
final class WebRtcRuntime {

    private static final String[][] PROPERTIES = {
        {"org.jitsi.impl.neomedia.device.PortAudioSystem.disabled", "true"},
        {"org.jitsi.impl.neomedia.device.PulseAudioSystem.disabled", "true"},
        {"org.jitsi.impl.neomedia.device.Video4Linux2System.disabled", "true"},
        {"net.java.sip.communicator.service.media.DISABLE_VIDEO_SUPPORT", "true"},
        {"org.jitsi.impl.neomedia.transform.dtls.SIGNATURE_ALGORITHM", "SHA256withRSA"},
    };

    private MediaService mediaService;

    synchronized MediaService mediaService() {
        if (mediaService == null) {
            for (String[] p : PROPERTIES) {
                if (System.getProperty(p[0]) == null) {
                    System.setProperty(p[0], p[1]);
                }
            }
            LibJitsi.start();
            mediaService = LibJitsi.getMediaService();
        }
        return mediaService;
    }
}
