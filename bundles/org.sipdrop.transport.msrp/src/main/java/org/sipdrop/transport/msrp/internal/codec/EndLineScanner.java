package org.sipdrop.transport.msrp.internal.codec;

import java.nio.ByteBuffer;

/**
 * Finds {@code CRLF "-------" transact-id continuation-flag CRLF} in a byte stream, across any
 * buffer boundaries (RFC 4975 §7.1, §9: a body is followed by CRLF and the end-line). Two modes
 * that share one definition of a match:
 * <ul>
 * <li>{@link #find(ByteBuffer, int, int)} scans a whole block and says where the first possible
 * end-line starts; every byte before it is body. It probes every seventh byte for the run of
 * seven dashes that any end-line contains, so random data costs about one read per seven bytes.</li>
 * <li>{@link #feed(byte)} takes one byte at a time, used only where a possible end-line runs off
 * the end of the buffered data: bytes that might begin the end-line are held back (at most the
 * end-line's length) and released as body bytes once they turn out not to be.</li>
 * </ul>
 * Constant memory.
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

    /** Length of the run of dashes that begins every end-line after its CRLF (RFC 4975 §9). */
    private static final int DASHES = 7;

    /** Index of the first dash in {@code fixed}, after the CRLF. */
    private static final int FIRST_DASH = 2;

    /**
     * Finds where the body ends within {@code buffer[from, to)}, looking no further back than
     * {@code from}: the start of the first complete end-line (with its CRLF), or else of the first
     * tail that could begin one and runs to {@code to}. Only valid while {@link #idle()}.
     *
     * @return that index, or {@code to} if every byte in the range is body
     */
    int find(ByteBuffer buffer, int from, int to) {
        int lastFull = to - total;
        // every end-line starting at s has dashes at s+2 .. s+8: a probe at j covers starts j-8 .. j-2
        for (int j = from + FIRST_DASH + DASHES - 1; j - FIRST_DASH - DASHES + 1 <= lastFull; j += DASHES) {
            if (buffer.get(j) == '-') {
                int last = Math.min(j - FIRST_DASH, lastFull);
                for (int s = Math.max(from, j - FIRST_DASH - DASHES + 1); s <= last; s++) {
                    if (buffer.get(s) == '\r' && matches(buffer, s, s + total)) {
                        return s;
                    }
                }
            }
        }
        for (int s = Math.max(from, lastFull + 1); s < to; s++) {
            if (buffer.get(s) == '\r' && matches(buffer, s, to)) {
                return s;
            }
        }
        return to;
    }

    /**
     * @param buffer buffered bytes, in read mode, its position at a complete end-line
     * @return true, with the end-line consumed and its flag recorded, if one starts at the position
     */
    boolean consumeAt(ByteBuffer buffer) {
        int at = buffer.position();
        if (at + total > buffer.limit() || !matches(buffer, at, at + total)) {
            return false;
        }
        flag = ContinuationFlag.fromSymbol(buffer.get(at + fixed.length));
        buffer.position(at + total);
        return true;
    }

    /** @return true if {@code buffer[at, end)} is accepted as the first bytes of the end-line */
    private boolean matches(ByteBuffer buffer, int at, int end) {
        for (int i = at; i < end; i++) {
            if (!accepts(i - at, buffer.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return the length of the whole end-line, with its CRLFs and flag */
    int length() {
        return total;
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
