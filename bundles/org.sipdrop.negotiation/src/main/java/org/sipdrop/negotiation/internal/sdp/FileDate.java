package org.sipdrop.negotiation.internal.sdp;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The value of {@code a=file-date} (RFC 5547 §6):
 *
 * <pre>
 * file-date-attr = "file-date:" date-param *(SP date-param)
 * date-param     = c-date-param / m-date-param / r-date-param
 * c-date-param   = "creation:" DQUOTE date-time DQUOTE
 * m-date-param   = "modification:" DQUOTE date-time DQUOTE
 * r-date-param   = "read:" DQUOTE date-time DQUOTE
 *                  ; date-time is defined in RFC 5322; numeric time zones (+HHMM or -HHMM)
 * </pre>
 *
 * Written with a numeric zone as RFC 5547 §6 requires; read with the RFC 5322 §3.3 forms
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME} understands (which also takes "GMT"). Immutable.
 */
public record FileDate(OffsetDateTime creation, OffsetDateTime modification, OffsetDateTime read) {

    /** RFC 5322 §3.3 date-time with the numeric zone RFC 5547 §6 asks for. */
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

    public FileDate {
        if (creation == null && modification == null && read == null) {
            throw new IllegalArgumentException("a=file-date needs at least one of creation, modification, read (RFC 5547 §6)");
        }
    }

    /** @return whether {@code when} has a four-digit year in UTC, as RFC 5322 §3.3 writes dates */
    public static boolean writable(java.time.Instant when) {
        int year = when.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1000 && year <= 9999;
    }

    /** @return a file-date with the modification time only, in UTC */
    public static FileDate modified(java.time.Instant when) {
        return new FileDate(null, when.atOffset(ZoneOffset.UTC).withNano(0), null);
    }

    public Optional<OffsetDateTime> creationTime() {
        return Optional.ofNullable(creation);
    }

    public Optional<OffsetDateTime> modificationTime() {
        return Optional.ofNullable(modification);
    }

    public Optional<OffsetDateTime> readTime() {
        return Optional.ofNullable(read);
    }

    /** Parses the value after {@code a=file-date:}. */
    public static FileDate parse(String value) throws SdpException {
        OffsetDateTime[] dates = new OffsetDateTime[3];
        String[] names = { "creation", "modification", "read" };
        int pos = 0;
        while (pos < value.length()) {
            int colon = value.indexOf(":\"", pos);
            int which = colon < 0 ? -1 : java.util.Arrays.asList(names).indexOf(value.substring(pos, colon));
            int close = colon < 0 ? -1 : value.indexOf('"', colon + 2);
            if (which < 0 || close < 0) {
                throw fail("expected creation:, modification: or read: and a quoted date in " + SdpException.quote(value));
            }
            if (dates[which] != null) {
                throw fail(names[which] + " appears twice");
            }
            try {
                dates[which] = OffsetDateTime.parse(value.substring(colon + 2, close), DateTimeFormatter.RFC_1123_DATE_TIME);
            } catch (DateTimeException e) {
                throw fail("not an RFC 5322 date-time: " + SdpException.quote(value.substring(colon + 2, close)));
            }
            int year = dates[which].getYear();
            if (year < 1000 || year > 9999) {
                // RFC 5322 §3.3 years have four digits. The parser also takes more, which would be
                // written back as "+22006", and two ("00" read as year 0, not 2000 as RFC 5322 §4.3's
                // obs-year means), which would be written as year 1 of the era: neither parses again,
                // so an answer echoing the date would be refused
                throw fail("year not of four digits in " + SdpException.quote(value.substring(colon + 2, close)));
            }
            pos = close + 1;
            if (pos < value.length() && (value.charAt(pos) != ' ' || pos + 1 == value.length())) {
                throw fail("date parameters are separated by one space in " + SdpException.quote(value));
            }
            pos++;
        }
        if (dates[0] == null && dates[1] == null && dates[2] == null) {
            throw fail("no date given");
        }
        return new FileDate(dates[0], dates[1], dates[2]);
    }

    /** @return the attribute value */
    public String format() {
        StringBuilder b = new StringBuilder(96);
        append(b, "creation", creation);
        append(b, "modification", modification);
        append(b, "read", read);
        return b.toString();
    }

    private static void append(StringBuilder b, String name, OffsetDateTime when) {
        if (when != null) {
            b.append(b.length() == 0 ? "" : " ").append(name).append(":\"").append(WRITE.format(when)).append('"');
        }
    }

    private static SdpException fail(String why) {
        return SdpException.malformed("bad a=file-date (RFC 5547 §6): " + why);
    }

    @Override
    public String toString() {
        return format();
    }
}
