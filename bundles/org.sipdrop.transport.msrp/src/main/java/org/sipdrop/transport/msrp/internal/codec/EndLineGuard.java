package org.sipdrop.transport.msrp.internal.codec;

import java.nio.ByteBuffer;

/**
 * The sender's side of RFC 4975 §7.1: finds {@code "-------" transact-id} in outgoing body bytes
 * with a rolling (Knuth-Morris-Pratt) match, so a body can be checked while it streams, in
 * constant memory, across any piece boundaries.
 */
final class EndLineGuard {

    private final byte[] pattern;
    private final int[] failure;
    private int state;

    EndLineGuard(String transactionId) {
        String p = "-------" + transactionId;
        pattern = new byte[p.length()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) p.charAt(i);
        }
        failure = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
    }

    /**
     * Scans {@code buffer[from, to)}, continuing the match from earlier calls.
     *
     * @return the index of the byte that would complete {@code -------tid}, or -1
     */
    int scan(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buffer.get(i);
            while (state > 0 && b != pattern[state]) {
                state = failure[state - 1];
            }
            if (b == pattern[state]) {
                if (state + 1 == pattern.length) {
                    return i;
                }
                state++;
            }
        }
        return -1;
    }

    /** @return true if {@code body} contains {@code -------tid} for this transaction id */
    static boolean occursIn(byte[] body, String transactionId) {
        return new EndLineGuard(transactionId).scan(ByteBuffer.wrap(body), 0, body.length) >= 0;
    }
}
