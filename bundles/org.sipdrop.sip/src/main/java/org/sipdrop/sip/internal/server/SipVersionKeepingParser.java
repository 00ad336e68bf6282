package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * The RI's message parser, keeping the SIP-Version of a request line as it was sent: the RI 1.3
 * accepts any {@code SIP/x.y} and reports {@code SIP/2.0}, so without this the server could not
 * answer 505 (RFC 3261 §7.1, §21.5.6). Installed on the server's stack for UDP, TCP and TLS alike.
 */
final class SipVersionKeepingParser implements MessageParser {

    /** Creates one parser per channel, as the RI's own factory does. */
    static final MessageParserFactory FACTORY = stack -> new SipVersionKeepingParser();

    /** Longer than any real version token; a longer one is cut so it cannot bloat logs. */
    private static final int MAX_VERSION = 16;

    private final StringMsgParser delegate = new StringMsgParser();

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        SIPMessage message = delegate.parseSIPMessage(bytes, readBody, strict, listener);
        if (message instanceof SIPRequest && ((SIPRequest) message).getRequestLine() != null) {
            String version = requestLineVersion(bytes);
            if (version != null && !ServerListener.SIP_VERSION.equalsIgnoreCase(version)) {
                ((SIPRequest) message).getRequestLine().setSipVersion(version);
            }
        }
        return message;
    }

    /** @return the last token of the first non-empty line (Request-Line, §7.1), or null */
    static String requestLineVersion(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        int space = end;
        while (space > start && bytes[space - 1] != ' ' && bytes[space - 1] != '\t') {
            space--;
        }
        if (space == start || space == end) {
            return null;
        }
        String version = new String(bytes, space, Math.min(end - space, MAX_VERSION), StandardCharsets.US_ASCII);
        return version.chars().allMatch(c -> c > ' ' && c < 127) ? version : "?";
    }
}
