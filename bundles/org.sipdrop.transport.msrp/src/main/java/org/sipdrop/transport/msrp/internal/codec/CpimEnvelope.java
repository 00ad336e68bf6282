package org.sipdrop.transport.msrp.internal.codec;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The message/cpim wrapper (RFC 3862) around a file sent over MSRP, as in RFC 5547 §9.1 Fig. 10:
 * message headers, a blank line, the encapsulated MIME headers (Content-Type, RFC 3862 §2.4,
 * and a Content-Disposition naming the file), a blank line, then the file's octets. Used when
 * the receiver accepts the file's type only wrapped (a=accept-types:message/cpim with the type
 * in a=accept-wrapped-types, RFC 4975 §8.6). The file is the CPIM payload: the last octets of
 * the MSRP message, whose Byte-Range total counts the wrapper too (RFC 5547 §8.7).
 */
public final class CpimEnvelope {

    /** The wrapper's media type (RFC 3862 §2.1). */
    public static final String MEDIA_TYPE = "message/cpim";

    /** The largest wrapper (both header blocks) a receiver takes in front of a file. */
    public static final int MAX_HEAD = 16 * 1024;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private CpimEnvelope() {
    }

    /** @return true if {@code contentType} is message/cpim, parameters aside (media types are case-insensitive) */
    public static boolean isCpim(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
    }

    /**
     * The octets in front of the file.
     *
     * @param to the recipient's URI for the CPIM To header (RFC 3862 §4.2), or null to leave it out
     * @param now the DateTime (RFC 3862 §4.4)
     * @param fileType the file's media type
     * @param fileName the file's name, for the Content-Disposition
     * @param length the octets that follow (the file, or the range sent)
     */
    public static byte[] head(String to, OffsetDateTime now, String fileType, String fileName, long length) {
        StringBuilder b = new StringBuilder();
        if (to != null && !to.isBlank()) {
            b.append("To: <").append(to.replaceAll("^.*<|>.*$", "").replaceAll("[\\x00-\\x1f]", "")).append(">\r\n");
        }
        b.append("DateTime: ").append(DATE_TIME.format(now.truncatedTo(ChronoUnit.SECONDS))).append("\r\n\r\n");
        b.append("Content-Type: ").append(fileType.replaceAll("[\\x00-\\x1f]", "")).append("\r\n");
        b.append("Content-Disposition: attachment; filename=\"")
                .append(fileName.replaceAll("[\\x00-\\x1f\"\\\\]", "_")).append("\"; size=").append(length).append("\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @return {@link #head} with the current time in UTC */
    public static byte[] head(String to, String fileType, String fileName, long length) {
        return head(to, OffsetDateTime.now(ZoneOffset.UTC), fileType, fileName, length);
    }

    /**
     * Checks the octets in front of a received file: the CPIM message headers, a blank line, the
     * MIME headers with a Content-Type (RFC 3862 §2, §2.4), a blank line at the very end.
     *
     * @return what is wrong, or empty when it is such a wrapper
     */
    public static Optional<String> problemOf(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        // the two blank lines must be two: in "p\r\n\r\n\r\n" the first and the last overlap
        if (!text.endsWith("\r\n\r\n") || split < 0 || split + 4 > text.length() - 4) {
            return Optional.of("the message/cpim wrapper does not end its message headers and MIME headers with"
                    + " blank lines right before the file (RFC 3862 §2)");
        }
        String mime = text.substring(split + 4, text.length() - 4).toLowerCase(Locale.ROOT);
        if (!("\r\n" + mime).contains("\r\ncontent-type:")) {
            return Optional.of("the message/cpim payload has no Content-Type (RFC 3862 §2.4)");
        }
        return Optional.empty();
    }
}
