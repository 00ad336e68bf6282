package org.sipdrop.transport.msrp.internal.codec;

/**
 * The start line and header fields of an MSRP request or response (RFC 4975 §9
 * {@code msrp-req-or-resp}); the body is streamed separately ({@link BodyReader},
 * {@link BodySource}) and the continuation flag travels with it.
 */
public sealed interface MsrpFrame permits MsrpRequest, MsrpResponse {

    /** @return the transaction id, an {@code ident} (RFC 4975 §7.1, §9) */
    String transactionId();

    /** @return the header fields */
    MsrpHeaders headers();

    /**
     * @param tid candidate transaction id
     * @throws IllegalArgumentException unless it is an {@code ident} (RFC 4975 §9)
     */
    static void checkTransactionId(String tid) {
        if (!Syntax.isIdent(tid)) {
            throw new IllegalArgumentException(
                    "Transaction id must be 4..32 characters, alphanumeric first, then [A-Za-z0-9.+%=-] (RFC 4975 §9): '"
                            + tid + "'");
        }
    }
}
