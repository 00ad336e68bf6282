package org.sipdrop.transfer.testkit;

import java.util.function.LongConsumer;

/** What a transport told through a progress callback: first and last value, and whether it only grew. */
final class Progress implements LongConsumer {

    private volatile long first = -1;
    private volatile long last = -1;
    private volatile long reports;
    private volatile String regression;

    @Override
    public synchronized void accept(long value) {
        if (first < 0) {
            first = value;
        }
        if (value < last && regression == null) {
            regression = "progress went back from " + last + " to " + value;
        }
        last = value;
        reports++;
    }

    /** @return the first value told, -1 when none */
    long first() {
        return first;
    }

    /** @return the last value told, -1 when none */
    long last() {
        return last;
    }

    long reports() {
        return reports;
    }

    /** @return a description of the first decrease, {@code null} when progress never went back */
    String regression() {
        return regression;
    }

    @Override
    public String toString() {
        return reports == 0 ? "no progress told" : reports + " reports from " + first + " to " + last;
    }
}
