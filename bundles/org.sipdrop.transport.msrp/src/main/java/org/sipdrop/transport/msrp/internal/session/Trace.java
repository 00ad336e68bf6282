package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Timestamps for {@code releng/bench/first-byte}, off by default: with the system property
 * {@code sipdrop.trace.file} set, each {@link #mark} appends "EVENT NANOTIME" (from
 * {@link System#nanoTime()}) as a line to that file; without it a mark costs one property read.
 */
final class Trace {

    /** The system property naming the file the marks go to. */
    static final String FILE_PROPERTY = "sipdrop.trace.file";

    private Trace() {
    }

    static void mark(String event) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return;
        }
        String line = event + " " + System.nanoTime() + "\n";
        synchronized (Trace.class) {
            try {
                Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // a benchmark aid: a lost mark must not disturb a transfer
            }
        }
    }
}
