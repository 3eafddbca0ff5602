package io.waihu.backend.dialer.imports;

import io.waihu.schema.common.PhoneNumber;

/**
 * The numbers seen so far in one file, each with the line it was first seen on, so a later
 * row can be told "duplicate of line N". An E.164 number is at most 15 digits after a leading
 * non-zero digit, so the digits themselves are the key — exact, no fingerprint collisions —
 * held in an open-addressing table of primitive arrays: 12 bytes a slot (a {@code long} key, an
 * {@code int} line), at most 75 % full, i.e. 16–32 bytes per distinct number — 24 MiB for
 * 1,000,000 numbers (2^21 slots), 36 MiB at the moment the last doubling copies. A
 * {@code HashMap<String, Long>} would take ~120 bytes per number. Lines past 2^31 are kept as
 * 2^31 − 1.
 */
final class NumberSet {

    private long[] keys = new long[1 << 12];
    private int[] lines = new int[1 << 12];
    private int size;

    /** Records {@code number} at {@code line} unless seen before; returns the earlier line, or {@code -1}. */
    long firstSeen(PhoneNumber number, long line) {
        long key = Long.parseLong(number.e164(), 1, number.e164().length(), 10);
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return lines[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
        if (++size > keys.length / 4 * 3) {
            grow();
        }
        return -1;
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                lines[slot] = oldLines[i];
            }
        }
    }
}
