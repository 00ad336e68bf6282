package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.transport.http.internal.Ranges.ByteRange;
import org.sipdrop.transport.http.internal.Ranges.ContentRange;
import org.sipdrop.transport.http.internal.Ranges.Resume;

class RangesTest {

    @Test
    void formatsOpenAndClosedRanges() {
        assertEquals("bytes=1000-", ByteRange.from(1000).format());
        assertEquals("bytes=0-499", ByteRange.of(0, 499).format());
    }

    @Test
    void parsesSingleRangeWithCaseInsensitiveUnit() {
        assertEquals(ByteRange.from(1000), Ranges.parseRange("bytes=1000-"));
        assertEquals(ByteRange.of(0, 499), Ranges.parseRange("Bytes=0-499"));
        assertEquals(ByteRange.of(5, 5), Ranges.parseRange(" \tbytes=5-5 "));
        assertEquals(OptionalLong.empty(), Ranges.parseRange("bytes=7-").last());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "bytes", "bytes=", "bytes=-500", "bytes=0-1,5-6", "bytes=a-", "bytes= 0-", "bytes=0 -1",
            "bytes=1-0", "items=0-1", "bytes=0", "bytes=+1-", "bytes=99999999999999999999-", "bytes=0-1-2", "=0-1",
            "bytes=\u0661-" })
    void rejectsAnythingButOneIntRange(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ranges.parseRange(value));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void rejectsMissingAndOverlongHeaders() {
        assertThrows(IllegalArgumentException.class, () -> Ranges.parseRange(null));
        assertThrows(IllegalArgumentException.class, () -> Ranges.parseRange("bytes=" + "0".repeat(300) + "-"));
    }

    @Test
    void rangeEndBeforeStartIsInvalidPerRfc9110() {
        assertThrows(IllegalArgumentException.class, () -> ByteRange.of(10, 9));
        assertThrows(IllegalArgumentException.class, () -> ByteRange.from(-1));
    }

    @Test
    void contentRangeRoundTrips() {
        for (String v : new String[] { "bytes 0-499/1234", "bytes 500-1233/1234", "bytes 0-0/*", "bytes */1234", "bytes */0" }) {
            assertEquals(v, Ranges.parseContentRange(v).format());
        }
        ContentRange r = Ranges.parseContentRange("BYTES 21010-47021/47022");
        assertEquals(21010, r.first());
        assertEquals(47021, r.last());
        assertEquals(26012, r.length());
        assertEquals(OptionalLong.of(47022), r.completeLength());
        assertTrue(Ranges.parseContentRange("bytes */47022").unsatisfied());
    }

    @ParameterizedTest
    @ValueSource(strings = { "bytes 5-4/10", "bytes 0-9/9", "bytes 0-9/5", "bytes */*", "bytes 0-/10", "bytes -9/10",
            "bytes  0-9/10", "bytes=0-9/10", "bytes 0-9", "bytes 0-9/10/11", "items 0-9/10", "bytes 0-9 /10", "bytes *" })
    void rejectsContentRangesRfc9110CallsInvalid(String value) {
        assertThrows(IllegalArgumentException.class, () -> Ranges.parseContentRange(value));
    }

    @Test
    void appendsWhen206StartsAtTheOffset() {
        assertEquals(Resume.APPEND, Ranges.decide(206, "bytes 1000-1999/2000", 1000, 2000).action());
        assertEquals(Resume.APPEND, Ranges.decide(206, "bytes 1000-1999/*", 1000, -1).action());
    }

    @Test
    void restartsWhenTheServerIgnoredTheRange() {
        assertEquals(Resume.RESTART, Ranges.decide(200, null, 1000, 2000).action());
    }

    @Test
    void restartsWhen206StartsElsewhereOrLacksContentRange() {
        assertEquals(Resume.RESTART, Ranges.decide(206, "bytes 0-1999/2000", 1000, 2000).action());
        assertEquals(Resume.RESTART, Ranges.decide(206, null, 1000, 2000).action());
        assertEquals(Resume.RESTART, Ranges.decide(206, "garbage", 1000, 2000).action());
        assertEquals(Resume.RESTART, Ranges.decide(206, "bytes */2000", 1000, 2000).action());
    }

    @Test
    void completeWhen416SaysThePartFileHasEveryByte() {
        assertEquals(Resume.COMPLETE, Ranges.decide(416, "bytes */2000", 2000, 2000).action());
        assertEquals(Resume.COMPLETE, Ranges.decide(416, "bytes */2000", 2000, -1).action());
    }

    @Test
    void restartsWhen416ShowsAShorterObjectOrNoLength() {
        assertEquals(Resume.RESTART, Ranges.decide(416, "bytes */1500", 2000, -1).action());
        assertEquals(Resume.RESTART, Ranges.decide(416, null, 2000, 2000).action());
    }

    @Test
    void failsWhenTheStoredObjectHasAnotherLengthThanOffered() {
        assertEquals(Resume.FAIL, Ranges.decide(206, "bytes 1000-2999/3000", 1000, 2000).action());
        assertEquals(Resume.FAIL, Ranges.decide(416, "bytes */1000", 1000, 2000).action());
    }

    @Test
    void failsOnStatusesThatAreNotDownloads() {
        Ranges.ResumeVerdict v = Ranges.decide(404, null, 0, 10);
        assertEquals(Resume.FAIL, v.action());
        assertTrue(v.reason().contains("404"));
    }

    @Test
    void rejectsNegativeOffsets() {
        assertThrows(IllegalArgumentException.class, () -> Ranges.decide(206, "bytes 0-1/2", -1, 2));
    }
}
