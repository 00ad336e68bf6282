package org.sipdrop.negotiation.internal.pagemode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads date-times of XML bodies: RFC 3339 / xs:dateTime (RFC 5438 §7.2.1, GSMA RCC.07 until). */
final class XmlDates {

    private XmlDates() {
    }

    /** @return the instant; a time without offset (allowed by xs:dateTime) is read as UTC */
    static Instant parse(String what, String v) throws PageModeException {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new PageModeException(what + " '" + v
                        + "' is not an RFC 3339 date-time such as 2024-05-01T10:00:00Z", e);
            }
        }
    }
}
