package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 4975 §7.1.3: success REPORTs may cover any received range; their union is what counts. */
class ReportedRangesTest {

    @Test
    void rangesReportedOutOfOrderAddUpToTheWholeMessage() {
        ReportedRanges r = new ReportedRanges(3000);
        assertEquals(1000, r.add(1001, 2000));
        assertEquals(2000, r.add(2001, 3000));
        assertFalse(r.isWhole());
        assertEquals(3000, r.add(1, 1000));
        assertTrue(r.isWhole());
    }

    @Test
    void overlappingAndRepeatedReportsCountEachByteOnce() {
        ReportedRanges r = new ReportedRanges(100);
        r.add(1, 60);
        r.add(40, 80);
        r.add(1, 60);
        assertEquals(80, r.covered());
        r.add(90, 95);
        r.add(81, 89);
        assertEquals(95, r.covered());
        r.add(1, 100);
        assertTrue(r.isWhole());
    }

    @Test
    void bytesOutsideTheMessageAreNotCounted() {
        ReportedRanges r = new ReportedRanges(10);
        assertEquals(10, r.add(0, 500));
        assertEquals(10, r.add(20, 30));
        assertTrue(r.isWhole());
    }
}
