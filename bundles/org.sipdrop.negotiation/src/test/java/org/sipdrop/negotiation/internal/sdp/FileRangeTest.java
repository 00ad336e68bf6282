package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileRangeTest {

    @Test
    void rangeIsOneBasedAndInclusive() throws SdpException {
        FileRange whole = FileRange.whole(32349);
        assertEquals("1-32349", whole.format());
        assertEquals(whole, FileRange.parse("1-32349"));
        assertEquals("16385-32349", FileRange.resumeAfter(16384, 32349).format());
    }

    @Test
    void starStopMeansToTheEndOfAFileOfUnknownSize() throws SdpException {
        FileRange r = FileRange.parse("100-*");
        assertTrue(r.stopOctet().isEmpty());
        assertEquals("100-*", r.format());
        assertTrue(new FileRange(200, 300).within(r));
        assertFalse(r.within(new FileRange(1, 1000)));
    }

    @Test
    void withinChecksBothEnds() {
        FileRange outer = new FileRange(1, 100);
        assertTrue(new FileRange(1, 100).within(outer));
        assertTrue(new FileRange(50, 60).within(outer));
        assertFalse(new FileRange(50, 101).within(outer));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0-10", "10-5", "-5", "1-", "1", "a-b", "1-*-2", "1 - 2", "1-99999999999999999999" })
    void rejectsMalformedRangesWith400(String value) {
        assertEquals(400, assertThrows(SdpException.class, () -> FileRange.parse(value)).status());
    }
}
