package org.sipdrop.transport.msrp.internal.codec;

import java.nio.ByteBuffer;

/**
 * The sender's side of RFC 4975 §7.1: finds {@code "-------" transact-id} in outgoing body bytes
 * while they stream, in constant memory, across any piece boundaries. Inside a piece it probes
 * every seventh byte for the run of seven dashes the pattern starts with; only the bytes where a
 * match could straddle two pieces go through a rolling (Knuth-Morris-Pratt) match.
 */
final class EndLineGuard {

    /** The pattern starts with this many dashes (RFC 4975 §9 end-line). */
    private static final int DASHES = 7;

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
        int m = pattern.length;
        if (to - from < 2 * m) {
            return roll(buffer, from, to);
        }
        // a match begun in an earlier piece ends within the first m - 1 bytes of this one
        int hit = roll(buffer, from, from + m - 1);
        if (hit >= 0) {
            return hit;
        }
        hit = find(buffer, from, to);
        if (hit >= 0) {
            return hit;
        }
        // the state after this piece: the longest pattern prefix ending here lies in its last m - 1 bytes
        state = 0;
        return roll(buffer, to - (m - 1), to);
    }

    /** @return the end index of the first match lying wholly within {@code [from, to)}, or -1 */
    private int find(ByteBuffer buffer, int from, int to) {
        int lastStart = to - pattern.length;
        // a match starting at s has dashes at s .. s+6: a probe at j covers starts j-6 .. j
        for (int j = from + DASHES - 1; j - DASHES + 1 <= lastStart; j += DASHES) {
            if (buffer.get(j) == '-') {
                int last = Math.min(j, lastStart);
                for (int s = Math.max(from, j - DASHES + 1); s <= last; s++) {
                    if (matchesAt(buffer, s)) {
                        return s + pattern.length - 1;
                    }
                }
            }
        }
        return -1;
    }

    private boolean matchesAt(ByteBuffer buffer, int at) {
        for (int i = 0; i < pattern.length; i++) {
            if (buffer.get(at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /** The rolling match, one byte at a time. */
    private int roll(ByteBuffer buffer, int from, int to) {
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
