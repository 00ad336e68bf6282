package org.sipdrop.transport.msrp.internal.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.sipdrop.transport.msrp.internal.codec.MsrpProtocolException.Resync;

/**
 * Reads a start line and the header block up to the blank line before a body or up to the
 * end-line of a body-less frame (RFC 4975 §9), within the {@link MsrpCodecLimits}.
 */
final class FrameHeadParser {

    /** The outcome: the frame, whether a body follows, and the flag of a body-less frame. */
    record Head(MsrpFrame frame, boolean hasBody, ContinuationFlag flag) {
    }

    private static final String END_LINE_PREFIX = "-------";

    private final InputBuffer in;
    private final MsrpCodecLimits limits;
    private final byte[] line;
    private int blockBytes;
    private StartLine start;
    private MsrpHeaders.Builder headers;

    FrameHeadParser(InputBuffer in, MsrpCodecLimits limits) {
        this.in = in;
        this.limits = limits;
        this.line = new byte[limits.maxLineLength() + 1];
    }

    Head parse() throws IOException {
        blockBytes = 0;
        start = null;
        headers = null;
        start = StartLine.parse(readLine());
        List<MsrpUri> toPath = path(readLine(), MsrpHeaders.TO_PATH);
        List<MsrpUri> fromPath = path(readLine(), MsrpHeaders.FROM_PATH);
        headers = MsrpHeaders.builder(toPath, fromPath);
        while (true) {
            String text = readLine();
            if (text.isEmpty()) {
                return bodyFollows();
            }
            if (text.startsWith(END_LINE_PREFIX)) {
                ContinuationFlag flag = endLineFlag(text);
                return new Head(checkedFrame(false, Resync.DONE), false, flag);
            }
            if (headers.size() >= limits.maxHeaderCount()) {
                throw error(MsrpStatus.BAD_REQUEST, "More than " + limits.maxHeaderCount() + " header fields",
                        Resync.LINE_START);
            }
            int colon = text.indexOf(':');
            if (colon <= 0 || colon + 1 >= text.length() || text.charAt(colon + 1) != ' ') {
                throw error(MsrpStatus.BAD_REQUEST, "Header line is not 'name: value' (RFC 4975 §9): '"
                        + StartLine.abbreviate(text) + "'", Resync.LINE_START);
            }
            try {
                headers.add(text.substring(0, colon), text.substring(colon + 2));
            } catch (IllegalArgumentException e) {
                throw error(MsrpStatus.BAD_REQUEST, e.getMessage(), Resync.LINE_START);
            }
        }
    }

    private Head bodyFollows() throws MsrpProtocolException {
        if (!start.isRequest()) {
            throw error(MsrpStatus.BAD_REQUEST, "A response must not have a body (RFC 4975 §7.2, §9)",
                    Resync.MID_LINE);
        }
        MsrpFrame frame = checkedFrame(true, Resync.MID_LINE);
        if (frame.headers().contentType().isEmpty()) {
            throw error(MsrpStatus.BAD_REQUEST, "A request with a body needs a Content-Type (RFC 4975 §9)",
                    Resync.MID_LINE);
        }
        return new Head(frame, true, null);
    }

    /** Raises 501 for an unknown method once the headers (and thus the paths) are known (§12). */
    private MsrpFrame checkedFrame(boolean hasBody, Resync resync) throws MsrpProtocolException {
        MsrpFrame frame = partialFrame();
        if (frame instanceof MsrpRequest && !((MsrpRequest) frame).isKnownMethod()) {
            throw new MsrpProtocolException(MsrpStatus.NOT_IMPLEMENTED,
                    "Unknown method " + start.method() + " (RFC 4975 §12)", start.transactionId(), frame, resync);
        }
        return frame;
    }

    private ContinuationFlag endLineFlag(String text) throws MsrpProtocolException {
        if (!isOwnEndLine(text)) {
            throw error(MsrpStatus.BAD_REQUEST, "End-line does not match transaction " + start.transactionId()
                    + " (RFC 4975 §7.1): '" + StartLine.abbreviate(text) + "'", Resync.LINE_START);
        }
        return ContinuationFlag.fromSymbol(text.charAt(text.length() - 1));
    }

    private boolean isOwnEndLine(String text) {
        String expected = END_LINE_PREFIX + start.transactionId();
        return text.length() == expected.length() + 1 && text.startsWith(expected)
                && ContinuationFlag.fromSymbol(text.charAt(expected.length())) != null;
    }

    private List<MsrpUri> path(String text, String name) throws MsrpProtocolException {
        String prefix = name + ": ";
        if (!text.regionMatches(true, 0, prefix, 0, prefix.length())) {
            Resync resync = text.isEmpty() ? Resync.MID_LINE : isOwnEndLine(text) ? Resync.DONE : Resync.LINE_START;
            throw error(MsrpStatus.BAD_REQUEST, "Missing " + name
                    + ": To-Path and From-Path must be the first two header fields (RFC 4975 §9)", resync);
        }
        try {
            return MsrpUri.parsePath(text.substring(prefix.length()), limits.maxPathUris());
        } catch (IllegalArgumentException e) {
            throw error(MsrpStatus.BAD_REQUEST, name + ": " + e.getMessage(), Resync.LINE_START);
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.readByte();
            if (b == '\n') {
                countBlock(length + 1);
                if (length == 0 || line[length - 1] != '\r') {
                    throw error(MsrpStatus.BAD_REQUEST, "Line ends with a bare LF instead of CRLF (RFC 4975 §9)",
                            start == null ? Resync.NONE : Resync.LINE_START);
                }
                return decode(length - 1);
            }
            if (length == line.length) {
                countBlock(length);
                throw error(MsrpStatus.BAD_REQUEST, "Line longer than " + limits.maxLineLength() + " bytes",
                        start == null ? Resync.NONE : Resync.MID_LINE);
            }
            line[length++] = (byte) b;
        }
    }

    private void countBlock(int bytes) throws MsrpProtocolException {
        blockBytes += bytes;
        if (blockBytes > limits.maxHeaderBlockBytes()) {
            throw error(MsrpStatus.BAD_REQUEST, "Header block larger than " + limits.maxHeaderBlockBytes()
                    + " bytes; closing the connection", Resync.NONE);
        }
    }

    private String decode(int length) throws MsrpProtocolException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length))
                    .toString();
            if (!Syntax.isUtf8Text(s)) {
                throw error(MsrpStatus.BAD_REQUEST, "Control character in a header line (RFC 4975 §9)",
                        start == null ? Resync.NONE : Resync.LINE_START);
            }
            return s;
        } catch (CharacterCodingException e) {
            throw error(MsrpStatus.BAD_REQUEST, "Header line is not valid UTF-8 (RFC 4975 §9)",
                    start == null ? Resync.NONE : Resync.LINE_START);
        }
    }

    private MsrpFrame partialFrame() {
        if (start == null || headers == null) {
            return null;
        }
        MsrpHeaders h = headers.build();
        return start.isRequest() ? new MsrpRequest(start.transactionId(), start.method(), h)
                : new MsrpResponse(start.transactionId(), start.statusCode(), start.comment(), h);
    }

    private MsrpProtocolException error(int status, String message, Resync resync) {
        return new MsrpProtocolException(status, message, start == null ? null : start.transactionId(),
                partialFrame(), resync);
    }
}
