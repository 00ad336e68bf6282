package org.sipdrop.ui.internal.transfers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The speed of one transfer over the last {@link #WINDOW_NANOS}: bytes confirmed in that window
 * divided by the time it spans. A transfer that stalls shows its speed falling to zero rather
 * than its average since the start.
 */
public final class SpeedMeter {

    /** The sliding window: 3 seconds. */
    public static final long WINDOW_NANOS = 3_000_000_000L;
    /** Samples kept at most, however fast progress is reported. */
    static final int MAX_SAMPLES = 64;

    private final LongSupplier nanoClock;
    private final List<long[]> samples = new ArrayList<>();

    /** @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime} */
    public SpeedMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Records that {@code bytes} are confirmed now. */
    public synchronized void record(long bytes) {
        long now = nanoClock.getAsLong();
        if (!samples.isEmpty() && last()[0] == now) {
            last()[1] = bytes;
        } else {
            samples.add(new long[] { now, bytes });
        }
        if (samples.size() > MAX_SAMPLES) {
            samples.remove(0);
        }
    }

    /** @return bytes per second over the window (0 after a stall as long as the window), or empty before two samples */
    public synchronized OptionalDouble bytesPerSecond() {
        long now = nanoClock.getAsLong();
        // the oldest sample is the baseline as long as the next one is still inside the window
        while (samples.size() > 1 && now - samples.get(1)[0] >= WINDOW_NANOS) {
            samples.remove(0);
        }
        if (samples.isEmpty()) {
            return OptionalDouble.empty();
        }
        long[] first = samples.get(0);
        long span = now - first[0];
        if (span <= 0 || (samples.size() == 1 && span < WINDOW_NANOS)) {
            return OptionalDouble.empty(); // one fresh sample tells no speed; one old one tells a stall
        }
        return OptionalDouble.of((last()[1] - first[1]) * 1e9 / span);
    }

    private long[] last() {
        return samples.get(samples.size() - 1);
    }

    /** @return e.g. {@code 1.5 MiB/s}, or an empty string when not yet known */
    public static String format(OptionalDouble bytesPerSecond) {
        if (bytesPerSecond.isEmpty()) {
            return "";
        }
        double v = bytesPerSecond.getAsDouble();
        String[] units = { "B/s", "KiB/s", "MiB/s", "GiB/s" };
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%d B/s", Math.round(v)) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
