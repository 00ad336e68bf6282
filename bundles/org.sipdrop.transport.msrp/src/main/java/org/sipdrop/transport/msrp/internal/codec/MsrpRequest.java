package org.sipdrop.transport.msrp.internal.codec;

import java.util.Objects;

/**
 * An MSRP request: {@code req-start = pMSRP SP transact-id SP method CRLF} plus headers
 * (RFC 4975 §9). The method may be one this codec does not know; such requests must be
 * answered 501 (RFC 4975 §12).
 *
 * @param transactionId the transaction id
 * @param method SEND, REPORT, AUTH or another {@code 1*UPALPHA} token
 * @param headers the header fields
 */
public record MsrpRequest(String transactionId, String method, MsrpHeaders headers) implements MsrpFrame {

    /** Validates the transaction id and the method token (RFC 4975 §9). */
    public MsrpRequest {
        MsrpFrame.checkTransactionId(transactionId);
        if (!MsrpMethod.isValid(method)) {
            throw new IllegalArgumentException("Method must be upper-case letters (RFC 4975 §9): '" + method + "'");
        }
        Objects.requireNonNull(headers, "headers");
    }

    /** @return true for SEND, REPORT and AUTH */
    public boolean isKnownMethod() {
        return MsrpMethod.isKnown(method);
    }

    /**
     * @param tid another transaction id
     * @return the same request with that transaction id
     */
    public MsrpRequest withTransactionId(String tid) {
        return new MsrpRequest(tid, method, headers);
    }
}
