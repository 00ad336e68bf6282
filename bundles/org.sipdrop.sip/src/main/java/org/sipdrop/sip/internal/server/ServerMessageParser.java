package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.header.ContentLengthHeader;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * The RI's message parser with two repairs for the server's stack (UDP, TCP and TLS alike):
 * <ul>
 * <li>The SIP-Version of a request line is kept as sent: the RI 1.3 accepts any {@code SIP/x.y}
 * and reports {@code SIP/2.0}, so without this the server could not answer 505 (RFC 3261 §7.1,
 * §21.5.6).</li>
 * <li>On a stream (TCP, TLS: RFC 3261 §18.3, the body is framed by Content-Length), a request whose
 * Content-Length would take it past the stack's maximum message size gets 513 Message Too Large
 * (§21.5.11) and the connection is closed, since the body cannot be skipped safely. The RI itself
 * would throw an uncaught RuntimeException in its reader thread and answer nothing.</li>
 * </ul>
 * Header sections the RI cannot frame (a line or headers beyond half the maximum size) never reach
 * a parser: the RI closes those connections itself.
 */
final class ServerMessageParser implements MessageParser {

    /** One parser per channel, as the RI's own factory does, with the stack's size limit. */
    static final MessageParserFactory FACTORY = stack -> new ServerMessageParser(stack.getMaxMessageSize());

    /** Longer than any real version token; a longer one is cut so it cannot bloat logs. */
    private static final int MAX_VERSION = 16;

    private static final System.Logger LOG = System.getLogger(ServerMessageParser.class.getName());

    private final StringMsgParser delegate = new StringMsgParser();
    private final int maxMessageSize;

    ServerMessageParser(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

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
        if (!readBody && message != null) {
            refuseOversizedBody(message, bytes.length);
        }
        return message;
    }

    /**
     * §18.3, §21.5.11: only the headers were read and the announced body would not fit. The RI's
     * reader would throw an uncaught RuntimeException; instead no body is read and the message is
     * marked too large, so the channel's own size check answers 513 on the connection (whose
     * transport it has learnt by then) and closes it: the unread body cannot be skipped safely.
     */
    private void refuseOversizedBody(SIPMessage message, int headerBytes) throws ParseException {
        ContentLengthHeader cl = message.getContentLength();
        long length = cl == null ? 0 : cl.getContentLength();
        if (maxMessageSize <= 0 || length <= (long) maxMessageSize - headerBytes) {
            return;
        }
        try {
            cl.setContentLength(0);
        } catch (InvalidArgumentException impossible) {
            throw new ParseException("Content-Length " + length + " exceeds the message size limit", 0);
        }
        message.setSize(maxMessageSize + 1);
        LOG.log(System.Logger.Level.DEBUG, "Content-Length " + length + " exceeds the message size limit of " + maxMessageSize
                + ": answering 513 and closing");
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
