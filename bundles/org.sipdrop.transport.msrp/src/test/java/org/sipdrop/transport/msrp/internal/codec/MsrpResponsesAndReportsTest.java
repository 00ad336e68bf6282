package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class MsrpResponsesAndReportsTest {

    private static final String ALICE = "msrp://alicepc.example.com:7777/iau39soe2843z;tcp";
    private static final String BOB = "msrp://bobpc.example.com:8888/9di4eae923wzd;tcp";

    private static MsrpRequest send(String... extra) {
        MsrpHeaders.Builder b = MsrpHeaders.builder(MsrpUri.parsePath("msrps://relay.example.com;tcp " + BOB, 4),
                List.of(MsrpUri.parse(ALICE))).messageId("12345").contentType("text/plain");
        for (int i = 0; i < extra.length; i += 2) {
            b.add(extra[i], extra[i + 1]);
        }
        return new MsrpRequest("dkei38sd", MsrpMethod.SEND, b.build());
    }

    @Test
    void responseGoesToPreviousHopFromTheResponder() {
        MsrpResponse r = MsrpResponses.of(send(), MsrpStatus.SESSION_DOES_NOT_EXIST);
        assertEquals("dkei38sd", r.transactionId());
        assertEquals(List.of(MsrpUri.parse(ALICE)), r.headers().toPath());
        assertEquals(List.of(MsrpUri.parse(BOB)), r.headers().fromPath());
        assertEquals("Session Does Not Exist", r.comment());
        assertTrue(r.headers().fields().isEmpty());
    }

    @Test
    void namedResponsesCarryTheirCodes() {
        MsrpRequest s = send();
        assertEquals(200, MsrpResponses.ok(s).statusCode());
        assertEquals(400, MsrpResponses.badRequest(s).statusCode());
        assertEquals(403, MsrpResponses.forbidden(s).statusCode());
        assertEquals(408, MsrpResponses.requestTimeout(s).statusCode());
        assertEquals(413, MsrpResponses.messageTooLarge(s).statusCode());
        assertEquals(415, MsrpResponses.unsupportedMediaType(s).statusCode());
        assertEquals(423, MsrpResponses.outOfBounds(s).statusCode());
        assertEquals(481, MsrpResponses.sessionDoesNotExist(s).statusCode());
        assertEquals(501, MsrpResponses.notImplemented(s).statusCode());
        assertEquals(506, MsrpResponses.sessionAlreadyBound(s).statusCode());
    }

    @Test
    void reportCarriesByteRangeOfWholeMessageAndStatus() throws IOException {
        MsrpRequest report = MsrpReports.success("dkei38sd", send(), MsrpUri.parse(BOB), 25);
        Frames.Sink sink = new Frames.Sink();
        new MsrpFrameWriter(sink).writeRequest(report);
        assertEquals(Frames.RFC_REPORT, sink.text());
    }

    @Test
    void failureReportCarriesReportedRangeAndCode() {
        MsrpRequest report = MsrpReports.failure("rep12345", send(), MsrpUri.parse(ALICE), ByteRange.parse("8-14/14"),
                MsrpStatus.REQUEST_TIMEOUT);
        assertEquals("8-14/14", report.headers().byteRange().orElseThrow().toString());
        assertEquals(new StatusHeader(0, 408, "Request Timeout"), report.headers().status().orElseThrow());
        assertTrue(report.headers().successReport().isEmpty());
        assertTrue(report.headers().failureReport().isEmpty());
    }

    @Test
    void reportNeedsMessageId() {
        MsrpRequest noId = new MsrpRequest("abcd1234", "SEND", Frames.headers(ALICE, BOB));
        assertThrows(IllegalArgumentException.class,
                () -> MsrpReports.success("rep12345", noId, MsrpUri.parse(ALICE), 1));
    }

    @Test
    void reportWishesFollowSuccessAndFailureReportHeaders() {
        assertFalse(MsrpReports.wantsSuccessReport(send()));
        assertTrue(MsrpReports.wantsSuccessReport(send("Success-Report", "yes")));
        assertTrue(MsrpReports.wantsFailureReport(send()));
        assertTrue(MsrpReports.wantsFailureReport(send("Failure-Report", "partial")));
        assertFalse(MsrpReports.wantsFailureReport(send("Failure-Report", "no")));
    }

    @Test
    void responsesAreSuppressedByFailureReportAndNeverSentToReports() {
        assertTrue(MsrpResponses.mustAnswer(send(), 200));
        assertFalse(MsrpResponses.mustAnswer(send("Failure-Report", "no"), 400));
        assertFalse(MsrpResponses.mustAnswer(send("Failure-Report", "partial"), 200));
        assertTrue(MsrpResponses.mustAnswer(send("Failure-Report", "partial"), 413));
        MsrpRequest report = MsrpReports.success("rep12345", send(), MsrpUri.parse(ALICE), 1);
        assertFalse(MsrpResponses.mustAnswer(report, 400));
    }
}
