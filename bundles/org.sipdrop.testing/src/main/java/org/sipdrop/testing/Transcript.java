package org.sipdrop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What a peer process printed into its output file, read as it grows. */
final class Transcript {

    private final Path file;
    private final String who;

    Transcript(Path file, String who) {
        this.file = file;
        this.who = who;
    }

    /** @return everything printed so far (empty before the file exists or when it cannot be read) */
    String text() {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits (bounded, polling every 100 ms) until {@code text} was printed; @return whether it was */
    boolean awaitPrinted(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (text().contains(text)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerException("interrupted while waiting for " + who);
            }
        }
        return text().contains(text);
    }
}
