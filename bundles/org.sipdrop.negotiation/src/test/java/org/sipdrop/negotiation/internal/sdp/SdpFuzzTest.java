package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the SDP a peer sends in an INVITE or its answer (RFC 4566/8866) and the RFC 5547
 * attributes read from it. Each holds the parser to its contract: a value or an
 * {@link SdpException} (400 or 488), never another exception, never a hang; what parses writes
 * back to text that parses to the same value.
 *
 * <p>
 * The normal build replays the seeds under {@code SdpFuzzTestInputs/<target>/} (RFC 5547 §9's
 * figures); {@code releng/fuzz/run} fuzzes.
 */
class SdpFuzzTest {

    /** Small limits so that the fuzzer reaches the limit checks with short inputs. */
    private static final SdpParser PARSER = new SdpParser(new SdpLimits(4096, 64, 512));

    /**
     * A whole SDP body, then what the engine reads from an offer: the file streams
     * (OfferReader, FileStream), the chat session (MessageSession) and the answer checks
     * (AnswerValidator, with the body as its own answer).
     */
    @FuzzTest(maxDuration = "10m")
    void sdp(byte[] body) {
        Sdp sdp;
        try {
            sdp = PARSER.parse(body);
        } catch (SdpException e) {
            checkStatus(e);
            return;
        }
        String written = SdpWriter.write(sdp);
        try {
            assertEquals(sdp, PARSER.parse(written), "parse(write(sdp)) differs");
        } catch (SdpException e) {
            throw new AssertionError("the writer's output does not parse: " + written, e);
        }
        try {
            for (OfferedStream s : OfferReader.read(sdp)) {
                s.acceptable();
                s.isPush();
            }
        } catch (SdpException e) {
            checkStatus(e);
        }
        for (MediaDescription m : sdp.media()) {
            try {
                FileStream.read(m, sdp);
            } catch (SdpException e) {
                checkStatus(e);
            }
        }
        try {
            MessageSession.read(sdp);
        } catch (SdpException e) {
            checkStatus(e);
        }
        try {
            AnswerValidator.validate(sdp, sdp);
        } catch (SdpException e) {
            checkStatus(e);
        }
    }

    /** a=file-selector (RFC 5547 §6): parse(format(x)) == x. */
    @FuzzTest(maxDuration = "10m")
    void fileSelector(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        FileSelector selector;
        try {
            selector = FileSelector.parse(value);
        } catch (SdpException e) {
            checkStatus(e);
            return;
        }
        assertEquals(selector.format(), reparse(() -> FileSelector.parse(selector.format()).format()));
        selector.satisfies(selector);
        assertTrue(selector.agreesWith(selector));
    }

    /** a=file-range (RFC 5547 §6): parse(format(x)) == x. */
    @FuzzTest(maxDuration = "10m")
    void fileRange(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        FileRange range;
        try {
            range = FileRange.parse(value);
        } catch (SdpException e) {
            checkStatus(e);
            return;
        }
        assertEquals(range, reparse(() -> FileRange.parse(range.format())));
    }

    /** a=file-date (RFC 5547 §6): format(parse(format(x))) == format(x). */
    @FuzzTest(maxDuration = "10m")
    void fileDate(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        FileDate date;
        try {
            date = FileDate.parse(value);
        } catch (SdpException e) {
            checkStatus(e);
            return;
        }
        assertEquals(date.format(), reparse(() -> FileDate.parse(date.format()).format()));
    }

    private interface Parse<T> {
        T run() throws SdpException;
    }

    private static <T> T reparse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (SdpException e) {
            throw new AssertionError("formatted value does not parse again", e);
        }
    }

    private static void checkStatus(SdpException e) {
        assertTrue(e.status() == SdpException.BAD_REQUEST || e.status() == SdpException.NOT_ACCEPTABLE_HERE,
                "status " + e.status());
    }
}
