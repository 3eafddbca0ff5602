package io.waihu.telephony.sip;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.Leg;
import io.waihu.telephony.RecordingInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what the gateway reports about one call, in order, and lets tests wait for it. */
final class CallEvents implements CallListener {

    private final List<String> events = new ArrayList<>();
    private final List<CallEnd> ends = new ArrayList<>();
    private RecordingInfo recording;

    private synchronized void add(String event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void agentRinging(Instant at) {
        add("agentRinging");
    }

    @Override
    public void agentAnswered(Instant at) {
        add("agentAnswered");
    }

    @Override
    public void customerRinging(Instant at, int sipCode) {
        add("customerRinging " + sipCode);
    }

    @Override
    public void answered(Instant at) {
        add("answered");
    }

    @Override
    public void dtmf(Leg leg, char digit, int durationMillis, Instant at) {
        add("dtmf " + leg + " " + digit);
    }

    @Override
    public void ended(CallEnd end) {
        synchronized (this) {
            ends.add(end);
        }
        add("ended " + end.result());
    }

    @Override
    public void recordingStored(RecordingInfo info) {
        synchronized (this) {
            recording = info;
        }
        add("recordingStored");
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized int endedCount() {
        return ends.size();
    }

    synchronized RecordingInfo recording() {
        return recording;
    }

    /** Waits for an event whose text starts with {@code prefix}. */
    synchronized void await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.stream().noneMatch(e -> e.startsWith(prefix))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no '" + prefix + "' within " + timeout + "; got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for the end of the call and returns it. */
    CallEnd awaitEnd(Duration timeout) throws InterruptedException {
        await("ended", timeout);
        synchronized (this) {
            return ends.get(0);
        }
    }
}
