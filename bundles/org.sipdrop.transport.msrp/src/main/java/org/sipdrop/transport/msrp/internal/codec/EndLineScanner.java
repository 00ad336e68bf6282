package org.sipdrop.transport.msrp.internal.codec;

/**
 * Finds {@code CRLF "-------" transact-id continuation-flag CRLF} in a byte stream fed one byte
 * at a time, across any buffer boundaries (RFC 4975 §7.1, §9: a body is followed by CRLF and the
 * end-line). Bytes that might begin the end-line are held back (at most the end-line's length)
 * and released as body bytes once they turn out not to be. Constant memory.
 */
final class EndLineScanner {

    private final byte[] fixed;
    private final int total;
    private final byte[] pending;
    private final byte[] released;
    private int matched;
    private int virtualBytes;
    private int releasedLength;
    private ContinuationFlag flag;

    /** @param transactionId the transaction id of the frame whose end-line is sought */
    EndLineScanner(String transactionId) {
        String prefix = "\r\n-------" + transactionId;
        fixed = new byte[prefix.length()];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = (byte) prefix.charAt(i);
        }
        total = fixed.length + 3;
        pending = new byte[total];
        released = new byte[total];
    }

    /**
     * Starts as if a CRLF had just been seen, without counting it as data: used to skip to the
     * end-line from the start of a header line, where the previous CRLF was already consumed.
     */
    void startAfterLineBreak() {
        pending[0] = '\r';
        pending[1] = '\n';
        matched = 2;
        virtualBytes = 2;
    }

    /** @return true if no bytes are held back */
    boolean idle() {
        return matched == 0;
    }

    /**
     * @param b the next byte
     * @return true if it completed the end-line
     */
    boolean feed(byte b) {
        releasedLength = 0;
        if (accepts(matched, b)) {
            pending[matched++] = b;
            if (matched == total) {
                flag = ContinuationFlag.fromSymbol(pending[fixed.length]);
                return true;
            }
            return false;
        }
        pending[matched] = b;
        int n = matched + 1;
        int shift = 1;
        while (shift < n && !isPrefix(shift, n)) {
            shift++;
        }
        int drop = Math.min(virtualBytes, shift);
        virtualBytes -= drop;
        releasedLength = shift - drop;
        System.arraycopy(pending, drop, released, 0, releasedLength);
        System.arraycopy(pending, shift, pending, 0, n - shift);
        matched = n - shift;
        return false;
    }

    /** @return the number of body bytes released by the last {@link #feed(byte)} */
    int releasedLength() {
        return releasedLength;
    }

    /** @return the array holding the released bytes at {@code [0, releasedLength())} */
    byte[] released() {
        return released;
    }

    /** @return the flag of the end-line once found */
    ContinuationFlag flag() {
        return flag;
    }

    private boolean isPrefix(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!accepts(i - from, pending[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean accepts(int index, byte b) {
        if (index < fixed.length) {
            return fixed[index] == b;
        }
        if (index == fixed.length) {
            return ContinuationFlag.fromSymbol(b) != null;
        }
        return b == (index == fixed.length + 1 ? '\r' : '\n');
    }
}
