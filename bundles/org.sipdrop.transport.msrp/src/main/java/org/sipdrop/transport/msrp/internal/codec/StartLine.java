package org.sipdrop.transport.msrp.internal.codec;

import org.sipdrop.transport.msrp.internal.codec.MsrpProtocolException.Resync;

/**
 * A parsed start line (RFC 4975 §9): {@code "MSRP" SP transact-id SP method} for requests,
 * {@code "MSRP" SP transact-id SP status-code [SP comment]} for responses.
 *
 * @param transactionId the transaction id
 * @param method the method of a request, or null for a response
 * @param statusCode the status of a response
 * @param comment the comment of a response, or null
 */
record StartLine(String transactionId, String method, int statusCode, String comment) {

    private static final String PREFIX = "MSRP ";

    boolean isRequest() {
        return method != null;
    }

    /**
     * @param line the decoded start line without CRLF
     * @return the parsed line
     * @throws MsrpProtocolException 400, unrecoverable if the transaction id is unreadable
     */
    static StartLine parse(String line) throws MsrpProtocolException {
        if (!line.startsWith(PREFIX)) {
            throw new MsrpProtocolException(MsrpStatus.BAD_REQUEST,
                    "Frame does not start with 'MSRP ' (RFC 4975 §9): '" + abbreviate(line) + "'", null, null,
                    Resync.NONE);
        }
        int sp = line.indexOf(' ', PREFIX.length());
        String tid = line.substring(PREFIX.length(), sp < 0 ? line.length() : sp);
        if (!Syntax.isIdent(tid)) {
            throw new MsrpProtocolException(MsrpStatus.BAD_REQUEST,
                    "Malformed transaction id in start line (RFC 4975 §9): '" + abbreviate(line) + "'", null, null,
                    Resync.NONE);
        }
        String rest = sp < 0 ? "" : line.substring(sp + 1);
        if (StatusHeader.threeDigits(rest, 0) && (rest.length() == 3 || rest.charAt(3) == ' ')) {
            String comment = rest.length() > 4 ? rest.substring(4) : null;
            if (comment != null && !Syntax.isUtf8Text(comment)) {
                throw malformed(tid, line);
            }
            return new StartLine(tid, null, Integer.parseInt(rest.substring(0, 3)), comment);
        }
        if (MsrpMethod.isValid(rest)) {
            return new StartLine(tid, rest, 0, null);
        }
        throw malformed(tid, line);
    }

    private static MsrpProtocolException malformed(String tid, String line) {
        return new MsrpProtocolException(MsrpStatus.BAD_REQUEST,
                "Start line needs an upper-case method or a 3-digit status (RFC 4975 §9): '" + abbreviate(line) + "'",
                tid, null, Resync.LINE_START);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
