package org.sipdrop.transport.msrp.internal.codec;

/**
 * The continuation flag of an MSRP end-line: {@code continuation-flag = "+" / "$" / "#"}
 * (RFC 4975 §9, meaning in §7.1).
 */
public enum ContinuationFlag {

    /** {@code +}: more chunks of this message follow (RFC 4975 §7.1). */
    MORE('+'),

    /** {@code $}: this chunk ends the message (RFC 4975 §7.1). */
    COMPLETE('$'),

    /** {@code #}: the sender abandons the message (RFC 4975 §7.1). */
    ABORTED('#');

    private final char symbol;

    ContinuationFlag(char symbol) {
        this.symbol = symbol;
    }

    /** @return the character written on the wire */
    public char symbol() {
        return symbol;
    }

    /**
     * @param c a byte from an end-line
     * @return the flag, or {@code null} if {@code c} is not a continuation flag
     */
    public static ContinuationFlag fromSymbol(int c) {
        switch (c) {
            case '+':
                return MORE;
            case '$':
                return COMPLETE;
            case '#':
                return ABORTED;
            default:
                return null;
        }
    }
}
