package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * RFC 4975 §9 writes the Success-Report and Failure-Report values as ABNF literals ("yes" /
 * "no" / "partial"), and "ABNF strings are case insensitive" (RFC 5234 §2.3): a peer's
 * {@code YES} asks for reports as {@code yes} does.
 */
class ReportHeaderCaseTest {

    @Test
    void reportValuesAreComparedCaseInsensitively() {
        assertEquals(SuccessReport.YES, SuccessReport.parse("YES"));
        assertEquals(SuccessReport.NO, SuccessReport.parse("No"));
        assertEquals(FailureReport.PARTIAL, FailureReport.parse("Partial"));
        assertEquals(FailureReport.NO, FailureReport.parse("NO"));
        assertThrows(IllegalArgumentException.class, () -> SuccessReport.parse("yess"));
    }

    @Test
    void sendWithUpperCaseReportHeadersIsReadAndAsksForReports() throws IOException {
        String frame = Frames.RFC_SEND.replace("Message-ID: 87652491\r\n",
                "Message-ID: 87652491\r\nSuccess-Report: YES\r\nFailure-Report: Partial\r\n");
        MsrpRequest send = Frames.reader(frame, 64).next().request();
        assertEquals(Optional.of(SuccessReport.YES), send.headers().successReport());
        assertEquals(Optional.of(FailureReport.PARTIAL), send.headers().failureReport());
    }
}
