package io.waihu.telephony.sip;

import io.waihu.telephony.TrunkSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live calls by Waihu call id, calls by the SIP Call-ID of either leg (to route SIP events), and
 * channels in use per trunk. A call stays reachable by SIP Call-ID for a while after it ended so
 * late responses (a 200 crossing our CANCEL) are still answered with ACK and BYE.
 */
final class CallRegistry {

    private final Map<String, B2buaCall> byCallId = new ConcurrentHashMap<>();
    private final Map<String, B2buaCall> bySipCallId = new ConcurrentHashMap<>();
    private final Map<String, Integer> channels = new ConcurrentHashMap<>();

    boolean register(String callId, B2buaCall call) {
        return byCallId.putIfAbsent(callId, call) == null;
    }

    void unregister(String callId, B2buaCall call) {
        byCallId.remove(callId, call);
    }

    B2buaCall find(String callId) {
        return byCallId.get(callId);
    }

    void index(String sipCallId, B2buaCall call) {
        bySipCallId.put(sipCallId, call);
    }

    void unindex(String sipCallId, B2buaCall call) {
        bySipCallId.remove(sipCallId, call);
    }

    B2buaCall bySipCallId(String sipCallId) {
        return bySipCallId.get(sipCallId);
    }

    /** Takes a channel on the trunk unless its {@code maxChannels} are all in use. */
    boolean tryAcquire(TrunkSpec trunk) {
        boolean[] got = {false};
        channels.compute(trunk.id(), (id, used) -> {
            int n = used == null ? 0 : used;
            if (n >= trunk.maxChannels()) {
                return used;
            }
            got[0] = true;
            return n + 1;
        });
        return got[0];
    }

    void release(String trunkId) {
        channels.computeIfPresent(trunkId, (id, used) -> used <= 1 ? null : used - 1);
    }

    int channelsInUse(String trunkId) {
        return channels.getOrDefault(trunkId, 0);
    }

    int activeCalls() {
        return byCallId.size();
    }

    int indexedLegs() {
        return bySipCallId.size();
    }

    Iterable<B2buaCall> all() {
        return byCallId.values();
    }
}
