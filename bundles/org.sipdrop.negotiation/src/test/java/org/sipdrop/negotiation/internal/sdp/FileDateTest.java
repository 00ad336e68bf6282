package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileDateTest {

    @Test
    void parsesAllThreeDatesWithNumericZones() throws SdpException {
        FileDate d = FileDate.parse("creation:\"Mon, 15 May 2006 15:01:31 +0300\" modification:\"Tue, 16 May 2006 09:00:00 -0500\""
                + " read:\"Wed, 17 May 2006 10:00:00 +0000\"");
        assertEquals(OffsetDateTime.of(2006, 5, 15, 15, 1, 31, 0, ZoneOffset.ofHours(3)), d.creation());
        assertEquals(ZoneOffset.ofHours(-5), d.modification().getOffset());
        assertEquals(Instant.parse("2006-05-17T10:00:00Z"), d.read().toInstant());
    }

    @Test
    void writesNumericZoneAsRfc5547Requires() throws SdpException {
        FileDate d = FileDate.modified(Instant.parse("2024-02-29T23:59:58Z"));
        assertEquals("modification:\"Thu, 29 Feb 2024 23:59:58 +0000\"", d.format());
        assertEquals(d, FileDate.parse(d.format()));
    }

    @Test
    void roundTripsTheExampleOfSection10_1() throws SdpException {
        String value = "creation:\"Mon, 15 May 2006 15:01:31 +0300\"";
        assertEquals(value, FileDate.parse(value).format());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "creation:Mon, 15 May 2006 15:01:31 +0300", "birth:\"Mon, 15 May 2006 15:01:31 +0300\"",
            "creation:\"yesterday\"", "creation:\"Mon, 15 May 2006 15:01:31 +0300\" creation:\"Mon, 15 May 2006 15:01:31 +0300\"",
            "creation:\"Mon, 15 May 2006 15:01:31 +0300\"  read:\"Mon, 15 May 2006 15:01:31 +0300\"",
            "creation:\"Mon, 15 May 2006 15:01:31 +0300" })
    void rejectsMalformedDatesWith400(String value) {
        SdpException e = assertThrows(SdpException.class, () -> FileDate.parse(value));
        assertEquals(400, e.status());
        assertTrue(e.reason().contains("file-date"), e.reason());
    }

    @Test
    void rejectsAYearItCouldNotWriteBack() {
        // found by SdpFuzzTest#fileDate: year 22006 parsed, but was written "+22006", which no parser takes
        SdpException e = assertThrows(SdpException.class, () -> FileDate.parse("creation:\"Mon, 15 May 22006 15:01:31 +0300\""));
        assertEquals(400, e.status());
        // and "00", read as year 0, was written as "0001" with the wrong weekday
        assertEquals(400, assertThrows(SdpException.class, () -> FileDate.parse("creation:\"5 May 00 1:1 +00\"")).status());
    }
}
