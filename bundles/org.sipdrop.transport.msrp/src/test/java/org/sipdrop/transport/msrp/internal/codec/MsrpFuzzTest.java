package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the MSRP codec: everything here reads bytes a peer chose (RFC 4975 §9). Each
 * target holds the parser to its contract: a value, or the documented exception
 * ({@link MsrpProtocolException} / {@link EOFException} from the frame reader,
 * {@link IllegalArgumentException} from the header-value parsers), never another runtime exception,
 * never an allocation sized by the input, never a hang. {@code NumberFormatException} is an
 * IllegalArgumentException but a leaked one, so it counts as a failure.
 *
 * <p>
 * The normal build replays the seeds under {@code MsrpFuzzTestInputs/<target>/}; {@code releng/fuzz/run}
 * fuzzes.
 */
class MsrpFuzzTest {

    /** Small limits so that the fuzzer reaches every limit check with short inputs. */
    private static final MsrpCodecLimits LIMITS = new MsrpCodecLimits(256, 8, 1024, 4, 4096);

    /**
     * The frame reader over a whole connection's bytes, with a buffer size the input chooses: each
     * frame's headers are read and its body drained in slices of chosen sizes; after a recoverable
     * error the reader resynchronises, after an unrecoverable one it must refuse to go on.
     */
    @FuzzTest(maxDuration = "10m")
    void frameReader(FuzzedDataProvider data) throws IOException {
        int bufferSize = data.consumeInt(1, 300);
        int slice = data.consumeInt(1, 64);
        boolean direct = data.consumeBoolean();
        byte[] wire = data.consumeRemainingAsBytes();
        MsrpFrameReader reader = new MsrpFrameReader(Channels.newChannel(new ByteArrayInputStream(wire)), bufferSize,
                LIMITS, direct);
        // every frame or error consumes at least one byte, so this bounds a correct reader
        for (int frames = 0; frames <= wire.length + 1; frames++) {
            ReceivedFrame frame;
            try {
                frame = reader.next();
            } catch (MsrpProtocolException e) {
                checkProtocolException(e);
                if (!e.isRecoverable()) {
                    assertTrue(reader.mustClose(), "an unrecoverable error must close the connection");
                    return;
                }
                continue;
            } catch (EOFException e) {
                return;
            }
            if (frame == null) {
                return;
            }
            touchHeaders(frame.frame());
            try {
                drain(frame.body(), slice);
            } catch (MsrpProtocolException e) {
                checkProtocolException(e);
                return;
            } catch (EOFException e) {
                return;
            }
        }
        throw new AssertionError("the reader returned more frames than there were bytes");
    }

    private static void checkProtocolException(MsrpProtocolException e) {
        int status = e.status();
        assertTrue(status == 400 || status == 413 || status == 501, "status " + status);
        e.transactionId();
        e.frame().ifPresent(MsrpFuzzTest::touchHeaders);
    }

    private static void drain(BodyReader body, int slice) throws IOException {
        long before = body.bytesRead();
        ByteBuffer b;
        while ((b = body.nextSlice(slice)) != null) {
            assertTrue(b.remaining() >= 1 && b.remaining() <= slice, "slice of " + b.remaining());
        }
        assertTrue(body.isFinished());
        assertTrue(body.bytesRead() >= before);
        body.flag();
    }

    /** The typed accessors parse on demand: each may refuse the value, none may crash. */
    private static void touchHeaders(MsrpFrame frame) {
        MsrpHeaders h = frame.headers();
        h.toPath();
        h.fromPath();
        h.fields();
        h.messageId();
        h.contentType();
        documented(() -> h.byteRange());
        documented(() -> h.successReport());
        documented(() -> h.failureReport());
        documented(() -> h.status());
        documented(() -> h.usePath());
        documented(() -> h.expires());
        documented(() -> h.minExpires());
        documented(() -> h.maxExpires());
    }

    private static void documented(Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            if (e instanceof NumberFormatException) {
                throw e;
            }
        }
    }

    /** MSRP URIs and paths (RFC 4975 §6, §9): a parsed URI formats back to an equal one. */
    @FuzzTest(maxDuration = "10m")
    void msrpUri(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        MsrpUri uri;
        try {
            uri = MsrpUri.parse(text);
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
            documented(() -> MsrpUri.parsePath(text, 4));
            return;
        }
        uri.host();
        uri.ipLiteral();
        uri.effectivePort();
        uri.sessionMatches(List.of(uri));
        assertEquals(uri, MsrpUri.parse(uri.toString()));
        List<MsrpUri> path = List.of(uri, uri);
        assertEquals(path, MsrpUri.parsePath(MsrpUri.formatPath(path), 2));
    }

    /** Byte-Range (RFC 4975 §7.1.1, §9): parse(format(x)) == x. */
    @FuzzTest(maxDuration = "10m")
    void byteRange(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        ByteRange range;
        try {
            range = ByteRange.parse(text);
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
            return;
        }
        assertEquals(range, ByteRange.parse(range.toString()));
    }

    /** Status, Success-Report and Failure-Report (RFC 4975 §7.1.2, §9): parse(format(x)) == x. */
    @FuzzTest(maxDuration = "10m")
    void reportHeaders(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            StatusHeader status = StatusHeader.parse(text);
            assertEquals(status, StatusHeader.parse(status.toString()));
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
        }
        try {
            assertEquals(SuccessReport.parse(text), SuccessReport.parse(SuccessReport.parse(text).wireValue()));
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
        }
        try {
            assertEquals(FailureReport.parse(text), FailureReport.parse(FailureReport.parse(text).wireValue()));
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
        }
        AcceptTypes.parse(text).accepts(text);
        CpimEnvelope.isCpim(text);
        CpimEnvelope.problemOf(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void rejectLeak(IllegalArgumentException e) {
        if (e instanceof NumberFormatException) {
            throw e;
        }
    }
}
