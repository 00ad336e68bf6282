package org.sipdrop.server.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms we challenge with (RFC 7616 §3.2, §6.1 registry): SHA-256 first, MD5
 * for older clients (RFC 2617, RFC 3261 §22.4). The {@code -sess} variants are not supported.
 * Strings are hashed as UTF-8 (RFC 7616 §4, {@code charset=UTF-8}).
 */
public enum DigestAlgorithm {

    /** RFC 7616 §3.2: {@code SHA-256}, 64 hex digits. */
    SHA_256("SHA-256", "SHA-256"),
    /** RFC 7616 §3.2, RFC 2617 §3.2.1: {@code MD5}, 32 hex digits; the default when absent. */
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** @return the name in the {@code algorithm} directive */
    public String token() {
        return token;
    }

    /** @return the number of hex digits of a hash */
    public int hexLength() {
        return this == MD5 ? 32 : 64;
    }

    /** @return the algorithm named by {@code token}, compared case-insensitively */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** @return the algorithm whose hashes have {@code hexLength} digits */
    static Optional<DigestAlgorithm> forHexLength(int hexLength) {
        return hexLength == 32 ? Optional.of(MD5) : hexLength == 64 ? Optional.of(SHA_256) : Optional.empty();
    }

    /** RFC 7616 §3.4.1: H(data), lower-case hex. */
    public String hash(String data) {
        return hex(digest().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * RFC 7616 §3.4.2: A1 = username ":" realm ":" passwd, returned as H(A1). The password bytes
     * are cleared after use.
     */
    public String ha1(String username, String realm, char[] password) {
        MessageDigest md = digest();
        md.update((username + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Password is not valid Unicode text", e);
        }
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        Arrays.fill(bytes.array(), (byte) 0);
        md.update(array);
        Arrays.fill(array, (byte) 0);
        return hex(md.digest());
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }

    /** @return whether {@code s} is exactly {@link #hexLength()} hex digits (either case) */
    boolean isHash(String s) {
        return s != null && s.length() == hexLength() && s.toLowerCase(Locale.ROOT).chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
