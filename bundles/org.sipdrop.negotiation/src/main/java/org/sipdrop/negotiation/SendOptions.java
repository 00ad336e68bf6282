package org.sipdrop.negotiation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** How one {@link FileTransferAgent#send} goes: which transport, and who hears about hashing. */
public final class SendOptions {

    /** Told how far the SHA-1 of a file has been computed, before the offer can go out. */
    @FunctionalInterface
    public interface HashProgress {
        void hashed(Path file, long bytes, long size);
    }

    /** {@link #via()} value: choose among the transports both sides have. */
    public static final String AUTO = "auto";

    private static final HashProgress SILENT = (f, b, s) -> { };

    private final String via;
    private final HashProgress hashProgress;

    private SendOptions(String via, HashProgress hashProgress) {
        this.via = Objects.requireNonNull(via, "via").toLowerCase(Locale.ROOT);
        this.hashProgress = Objects.requireNonNull(hashProgress, "hashProgress");
    }

    /** @return automatic transport choice, no hashing progress */
    public static SendOptions defaults() {
        return new SendOptions(AUTO, SILENT);
    }

    /** @return a copy that uses the transport of {@code scheme} ({@code msrp}, {@code msrps}) or {@link #AUTO} */
    public SendOptions via(String scheme) {
        return new SendOptions(scheme, hashProgress);
    }

    /** @return a copy that reports hashing progress to {@code progress} */
    public SendOptions onHashing(HashProgress progress) {
        return new SendOptions(via, progress);
    }

    public String via() {
        return via;
    }

    public HashProgress hashProgress() {
        return hashProgress;
    }
}
