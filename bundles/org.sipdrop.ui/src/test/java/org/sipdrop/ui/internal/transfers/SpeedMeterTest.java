package org.sipdrop.ui.internal.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SpeedMeterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final SpeedMeter meter = new SpeedMeter(now::get);

    @Test
    void knowsNoSpeedFromOneFreshSample() {
        assertEquals(OptionalDouble.empty(), meter.bytesPerSecond());
        meter.record(1000);
        now.addAndGet(SECOND / 2);
        assertEquals(OptionalDouble.empty(), meter.bytesPerSecond());
    }

    @Test
    void measuresBytesOverTheTimeTheyTook() {
        meter.record(0);
        now.addAndGet(SECOND);
        meter.record(1_048_576);
        assertEquals(1_048_576.0, meter.bytesPerSecond().getAsDouble(), 1e-6);
        assertEquals("1.0 MiB/s", SpeedMeter.format(meter.bytesPerSecond()));
    }

    @Test
    void followsTheRecentRateNotTheAverageSinceTheStart() {
        meter.record(0);
        for (int i = 1; i <= 10; i++) { // 10 s at 100 B/s
            now.addAndGet(SECOND);
            meter.record(100L * i);
        }
        for (int i = 1; i <= 5; i++) { // then 5 s at 1000 B/s
            now.addAndGet(SECOND);
            meter.record(1000 + 1000L * i);
        }
        assertEquals(1000.0, meter.bytesPerSecond().getAsDouble(), 1e-6);
    }

    @Test
    void fallsToZeroWhenTheTransferStalls() {
        meter.record(0);
        now.addAndGet(SECOND);
        meter.record(5000);
        now.addAndGet(SpeedMeter.WINDOW_NANOS + SECOND);
        assertEquals(0.0, meter.bytesPerSecond().getAsDouble(), 1e-6);
        assertEquals("0 B/s", SpeedMeter.format(meter.bytesPerSecond()));
    }

    @Test
    void formatsInBinaryUnits() {
        assertEquals("", SpeedMeter.format(OptionalDouble.empty()));
        assertEquals("512 B/s", SpeedMeter.format(OptionalDouble.of(512)));
        assertEquals("1.5 KiB/s", SpeedMeter.format(OptionalDouble.of(1536)));
    }
}
