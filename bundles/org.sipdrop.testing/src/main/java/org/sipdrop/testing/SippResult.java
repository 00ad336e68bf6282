package org.sipdrop.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of a sipp run: its exit code (0 all calls succeeded, 1 some failed, 97 stopped by
 * a command, 99 ended without calls, 253 global timeout with -timeout_error, 254 could not
 * bind, 255 fatal error) and the cumulative counters of its last {@code -trace_stat} line
 * (columns such as {@code SuccessfulCall(C)}, {@code FailedCall(C)}).
 */
public record SippResult(int exitCode, Map<String, String> statistics, Path runDir) {

    /** Calls that reached the end of the scenario. */
    public long successful() {
        return counter("SuccessfulCall(C)");
    }

    /** Calls that failed (unexpected message, timeout, retransmissions exhausted, ...). */
    public long failed() {
        return counter("FailedCall(C)");
    }

    /** Calls started (UAC) or received (UAS). */
    public long created() {
        return counter("TotalCallCreated");
    }

    /** A cumulative counter by its column name in sipp's statistics file; 0 if absent. */
    public long counter(String column) {
        String value = statistics.get(column);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return (long) Double.parseDouble(value.strip());
        }
    }

    /** Whether sipp exited 0 having completed at least one call and failed none. */
    public boolean allSucceeded() {
        return exitCode == 0 && failed() == 0 && successful() > 0;
    }

    /** sipp's error log (unexpected messages, with the message text). */
    public Path errors() {
        return runDir.resolve("errors.log");
    }

    @Override
    public String toString() {
        return "sipp exit " + exitCode + ": " + successful() + " successful, " + failed() + " failed of "
                + created() + " (" + runDir + ")";
    }
}
