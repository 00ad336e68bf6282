package org.sipdrop.transport.msrp.internal.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * An MSRP response: {@code resp-start = pMSRP SP transact-id SP status-code [SP comment] CRLF}
 * plus headers, never a body (RFC 4975 §9, §7.2).
 *
 * @param transactionId the transaction id of the request answered
 * @param statusCode three-digit status code
 * @param comment reason text, or {@code null}
 * @param headers the header fields
 */
public record MsrpResponse(String transactionId, int statusCode, String comment, MsrpHeaders headers)
        implements MsrpFrame {

    /** Validates the transaction id, the code and the comment (RFC 4975 §9). */
    public MsrpResponse {
        MsrpFrame.checkTransactionId(transactionId);
        if (statusCode < 0 || statusCode > 999) {
            throw new IllegalArgumentException("Status code must have 3 digits, was " + statusCode);
        }
        if (comment != null && !Syntax.isUtf8Text(comment)) {
            throw new IllegalArgumentException("Response comment contains control characters");
        }
        Objects.requireNonNull(headers, "headers");
    }

    /** @return the comment, if any */
    public Optional<String> reason() {
        return Optional.ofNullable(comment);
    }
}
