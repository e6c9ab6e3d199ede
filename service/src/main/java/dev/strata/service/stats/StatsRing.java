package dev.strata.service.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} samples, oldest overwritten first. Written by one sampling thread every
 * few seconds and read by status-page requests, so a lock is simpler than anything lock-free and
 * costs nothing measurable.
 */
final class StatsRing {

    private final Sample[] slots;
    private int next;
    private int size;

    StatsRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.slots = new Sample[capacity];
    }

    synchronized void add(Sample sample) {
        slots[next] = sample;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** The samples held, oldest first. */
    synchronized List<Sample> snapshot() {
        List<Sample> samples = new ArrayList<>(size);
        int start = (next - size + slots.length) % slots.length;
        for (int i = 0; i < size; i++) {
            samples.add(slots[(start + i) % slots.length]);
        }
        return samples;
    }

    int capacity() {
        return slots.length;
    }
}
