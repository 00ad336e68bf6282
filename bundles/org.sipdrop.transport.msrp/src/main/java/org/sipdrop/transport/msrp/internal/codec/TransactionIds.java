package org.sipdrop.transport.msrp.internal.codec;

import java.security.SecureRandom;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random transaction ids (RFC 4975 §7.1: "at least 64 bits of randomness"): 16 alphanumeric
 * characters, about 95 bits, which also satisfy {@code ident} of §9.
 */
public final class TransactionIds {

    /** Length of generated ids: 16 characters of 62 possibilities, about 95 bits (RFC 4975 §7.1). */
    public static final int LENGTH = 16;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private TransactionIds() {
    }

    /** @return a generator backed by its own {@link SecureRandom} */
    public static Supplier<String> secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> next(random);
    }

    /**
     * @param random the randomness source
     * @return a new id
     */
    public static String next(Random random) {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(id);
    }
}
