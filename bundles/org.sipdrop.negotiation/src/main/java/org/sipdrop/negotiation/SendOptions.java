package org.sipdrop.negotiation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** How one {@link FileTransferAgent#send} goes: which transport, who hears about hashing, which icons. */
public final class SendOptions {

    /** Told how far the SHA-1 of a file has been computed, before the offer can go out. */
    @FunctionalInterface
    public interface HashProgress {
        void hashed(Path file, long bytes, long size);
    }

    /** {@link #via()} value: choose among the transports both sides have. */
    public static final String AUTO = "auto";

    private static final HashProgress SILENT = (f, b, s) -> { };

    /** How long a file uploaded for content indirection stays offered unless set: 24 hours. */
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofHours(24);

    private final String via;
    private final HashProgress hashProgress;
    private final Path icon;
    private final boolean thumbnails;
    private final Duration linkLifetime;
    private final String message;
    private final String indirectionOver;

    /** The longest {@link #message(String) message} accepted, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    private SendOptions(String via, HashProgress hashProgress, Path icon, boolean thumbnails, Duration linkLifetime,
            String message, String indirectionOver) {
        this.via = Objects.requireNonNull(via, "via").toLowerCase(Locale.ROOT);
        this.hashProgress = Objects.requireNonNull(hashProgress, "hashProgress");
        this.icon = icon;
        this.thumbnails = thumbnails;
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("A link lifetime must be positive, was " + linkLifetime);
        }
        this.linkLifetime = linkLifetime;
        this.message = message;
        this.indirectionOver = indirectionOver;
    }

    /** @return automatic transport choice, no hashing progress, no icons */
    public static SendOptions defaults() {
        return new SendOptions(AUTO, SILENT, null, false, DEFAULT_LINK_LIFETIME, null, null);
    }

    /**
     * @return a copy that uses the transport of {@code scheme}: {@code msrp} or {@code msrps} (an
     *         RFC 5547 offer in an INVITE), {@code http} or {@code https} (the file is uploaded to
     *         the storage once and offered by content indirection, RFC 4483, in a MESSAGE), or
     *         {@link #AUTO}
     */
    public SendOptions via(String scheme) {
        return new SendOptions(scheme, hashProgress, icon, thumbnails, linkLifetime, message, indirectionOver);
    }

    /** @return a copy that reports hashing progress to {@code progress} */
    public SendOptions onHashing(HashProgress progress) {
        return new SendOptions(via, progress, icon, thumbnails, linkLifetime, message, indirectionOver);
    }

    /**
     * @return a copy that offers the picture in {@code iconFile} (PNG, JPEG or GIF, at most
     *         {@link org.sipdrop.transfer.FileIcon#MAX_BYTES} bytes) as the icon of every file
     *         (RFC 5547 §6 file-icon, in a multipart INVITE body); null for none. A file that is
     *         too large or no such picture makes {@link FileTransferAgent#send} fail before it offers.
     * @since 0.1 (added with file-icon support)
     */
    public SendOptions icon(Path iconFile) {
        return new SendOptions(via, hashProgress, iconFile, thumbnails, linkLifetime, message, indirectionOver);
    }

    /**
     * @return a copy that, when {@code on}, offers each image file with a PNG thumbnail of it as its
     *         icon (at most 64 pixels a side, drawn with {@code javax.imageio}); files it cannot
     *         decode go without one. An {@link #icon(Path) icon file} takes precedence.
     * @since 0.1 (added with file-icon support)
     */
    public SendOptions thumbnails(boolean on) {
        return new SendOptions(via, hashProgress, icon, on, linkLifetime, message, indirectionOver);
    }

    /** @return the icon file to offer with every file, if one was given */
    public java.util.Optional<Path> icon() {
        return java.util.Optional.ofNullable(icon);
    }

    /** @return whether image files are offered with a thumbnail */
    public boolean thumbnails() {
        return thumbnails;
    }


    /**
     * @return a copy whose storage links expire after {@code lifetime} (RFC 4483 §5 expiration):
     *         recipients who have not fetched the file by then get an "expired" outcome, and the
     *         sender removes the file from the storage
     * @since 0.1 (added with the HTTP storage transport)
     */
    public SendOptions linkLifetime(Duration lifetime) {
        return new SendOptions(via, hashProgress, icon, thumbnails, Objects.requireNonNull(lifetime, "lifetime"), message, indirectionOver);
    }

    /** @return how long a storage link stays valid, for {@code http}/{@code https} sends */
    public Duration linkLifetime() {
        return linkLifetime;
    }

    /**
     * @return a copy that offers every file with {@code text} as a note from the sender: the SDP
     *         {@code i=} line of the file's stream (RFC 4566 §5.4, RFC 5547 §8.1) or the
     *         {@code Content-Description} of a storage offer (RFC 2045 §8); null or blank for none
     * @throws IllegalArgumentException when the text holds a line break or control character, or
     *         is longer than {@link #MAX_MESSAGE_LENGTH}
     * @since 0.1 (added with the workbench's Send dialog)
     */
    public SendOptions message(String text) {
        String t = text == null || text.isBlank() ? null : text.strip();
        if (t != null && t.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("A message may have at most " + MAX_MESSAGE_LENGTH + " characters, this one has "
                    + t.length());
        }
        if (t != null && t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("A message must be one line without control characters");
        }
        return new SendOptions(via, hashProgress, icon, thumbnails, linkLifetime, t, indirectionOver);
    }

    /** @return the note offered with every file, if any */
    public java.util.Optional<String> message() {
        return java.util.Optional.ofNullable(message);
    }

    /** @return {@code offer} carrying this options' {@link #message() message} as its description, if any */
    public org.sipdrop.transfer.FileOffer withMessage(org.sipdrop.transfer.FileOffer offer) {
        return message == null ? offer : offer.toBuilder().description(message).build();
    }

    /**
     * @return a copy whose content-indirection offer (RFC 4483) travels inside an MSRP session
     *         (RFC 4975, scheme {@code msrp} or {@code msrps}) instead of a SIP MESSAGE: one INVITE
     *         with a plain message session, the offer as one MSRP SEND, then BYE; null or
     *         {@code "message"} for the MESSAGE form. Only for {@code http}/{@code https} sends.
     * @since 0.1 (added with MSRP content indirection)
     */
    public SendOptions indirectionOver(String scheme) {
        String s = scheme == null || scheme.equalsIgnoreCase("message") ? null : scheme.toLowerCase(Locale.ROOT);
        if (s != null && !s.matches("[a-z][a-z0-9+.-]*")) {
            throw new IllegalArgumentException("A content-indirection offer goes in a SIP MESSAGE or over a session transport"
                    + " such as msrp, not '" + scheme + "'");
        }
        return new SendOptions(via, hashProgress, icon, thumbnails, linkLifetime, message, s);
    }

    /** @return the MSRP scheme carrying the content-indirection offer, empty for a SIP MESSAGE */
    public java.util.Optional<String> indirectionOver() {
        return java.util.Optional.ofNullable(indirectionOver);
    }

    public String via() {
        return via;
    }

    public HashProgress hashProgress() {
        return hashProgress;
    }
}
