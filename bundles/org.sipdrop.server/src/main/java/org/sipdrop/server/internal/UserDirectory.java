package org.sipdrop.server.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The users the embedded server lets register, as digest HA1 values per realm (RFC 7616 §3.4.2:
 * HA1 = H(username:realm:password)), so no plain password is kept after loading.
 * <p>
 * The users file is UTF-8, one entry per line; blank lines and lines starting with {@code #}
 * (after optional white space) are ignored; white space around a line is ignored, so a
 * password cannot start or end with white space.
 * <ul>
 * <li>{@code user:password}: hashed at once for the server's realm, for MD5 and SHA-256. The
 * password is everything after the first {@code :} and may itself contain {@code :}.</li>
 * <li>{@code user:realm:HA1}, as Apache's {@code htdigest} writes it: recognised when the line
 * has exactly two {@code :} and the third field is 32 hex digits (MD5) or 64 (SHA-256). Such a
 * user can answer only challenges with that algorithm; see {@link #algorithms(String)}.</li>
 * </ul>
 * Errors name the file and line. {@link #open()} is the directory of open mode, for local demos:
 * it holds nobody and lets anyone register without a challenge.
 */
public final class UserDirectory {

    /** Largest users file read. */
    static final int MAX_CHARS = 1 << 20;
    /** Longest line. */
    static final int MAX_LINE = 1024;
    /** Longest user name or realm. */
    static final int MAX_NAME = 128;

    /** A users file that cannot be used; the message names the file and the line. */
    public static final class UsersFileException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        UsersFileException(String source, int line, String problem) {
            super(source + (line > 0 ? ":" + line : "") + ": " + problem);
            this.line = line;
        }

        /** @return the 1-based line number, 0 for a problem with the whole file */
        public int line() {
            return line;
        }
    }

    private final boolean open;
    /** realm -> user -> algorithm -> HA1 (lower-case hex). */
    private final Map<String, Map<String, Map<DigestAlgorithm, String>>> realms;

    private UserDirectory(boolean open, Map<String, Map<String, Map<DigestAlgorithm, String>>> realms) {
        this.open = open;
        this.realms = realms;
    }

    /** @return the open-mode directory: any user may register, nobody is challenged */
    public static UserDirectory open() {
        return new UserDirectory(true, Map.of());
    }

    /**
     * @param file the users file (UTF-8)
     * @param realm the realm plain {@code user:password} lines are hashed for
     */
    public static UserDirectory load(Path file, String realm) throws IOException {
        Objects.requireNonNull(file, "users file");
        if (!Files.isRegularFile(file)) {
            throw new UsersFileException(file.toString(), 0, "no such file; create it with lines 'user:password'");
        }
        if (Files.size(file) > MAX_CHARS * 4L) {
            throw new UsersFileException(file.toString(), 0, "file is larger than " + MAX_CHARS + " characters");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), realm);
        } catch (CharacterCodingException e) {
            throw new UsersFileException(file.toString(), 0, "not UTF-8 text");
        }
    }

    /**
     * @param reader the users file text
     * @param source the name errors use, e.g. the file path
     * @param realm the realm plain {@code user:password} lines are hashed for
     */
    public static UserDirectory parse(Reader reader, String source, String realm) throws IOException {
        checkName("realm", realm);
        Map<String, Map<String, Map<DigestAlgorithm, String>>> realms = new HashMap<>();
        Map<String, Integer> definedAt = new HashMap<>();
        StringBuilder line = new StringBuilder();
        int lineNumber = 1;
        int total = 0;
        int c;
        boolean more = true;
        while (more) {
            c = reader.read();
            if (c >= 0 && ++total > MAX_CHARS) {
                throw new UsersFileException(source, lineNumber, "file is longer than " + MAX_CHARS + " characters");
            }
            if (c == '\n' || c < 0) {
                more = c >= 0;
                if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                }
                parseLine(line.toString(), source, lineNumber, realm, realms, definedAt);
                line.setLength(0);
                lineNumber++;
            } else if (line.length() >= MAX_LINE) {
                throw new UsersFileException(source, lineNumber, "line is longer than " + MAX_LINE + " characters");
            } else {
                line.append((char) c);
            }
        }
        return new UserDirectory(false, realms);
    }

    private static void parseLine(String raw, String source, int n, String defaultRealm,
            Map<String, Map<String, Map<DigestAlgorithm, String>>> realms, Map<String, Integer> definedAt)
            throws UsersFileException {
        String line = n == 1 && raw.startsWith("\uFEFF") ? raw.substring(1).strip() : raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new UsersFileException(source, n, "expected 'user:password' or 'user:realm:HA1'");
        }
        String user = line.substring(0, colon);
        String rest = line.substring(colon + 1);
        try {
            checkName("user name", user);
        } catch (IllegalArgumentException e) {
            throw new UsersFileException(source, n, e.getMessage());
        }
        int second = rest.indexOf(':');
        Optional<DigestAlgorithm> htdigest = second < 0 || rest.indexOf(':', second + 1) >= 0 ? Optional.empty()
                : DigestAlgorithm.forHexLength(rest.length() - second - 1)
                        .filter(a -> a.isHash(rest.substring(second + 1)));
        if (htdigest.isPresent()) {
            String realm = rest.substring(0, second);
            try {
                checkName("realm", realm);
            } catch (IllegalArgumentException e) {
                throw new UsersFileException(source, n, e.getMessage());
            }
            put(source, n, realms, definedAt, realm, user, htdigest.get(), rest.substring(second + 1).toLowerCase(Locale.ROOT));
            return;
        }
        if (rest.isEmpty()) {
            throw new UsersFileException(source, n, "user '" + user + "' has an empty password");
        }
        char[] password = rest.toCharArray();
        try {
            for (DigestAlgorithm a : DigestAlgorithm.values()) {
                put(source, n, realms, definedAt, defaultRealm, user, a, a.ha1(user, defaultRealm, password));
            }
        } catch (IllegalArgumentException e) {
            throw new UsersFileException(source, n, e.getMessage());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static void put(String source, int n, Map<String, Map<String, Map<DigestAlgorithm, String>>> realms,
            Map<String, Integer> definedAt, String realm, String user, DigestAlgorithm a, String ha1) throws UsersFileException {
        String key = a + "\u0000" + realm + "\u0000" + user;
        Integer earlier = definedAt.putIfAbsent(key, n);
        if (earlier != null) {
            throw new UsersFileException(source, n, "user '" + user + "' in realm '" + realm + "' is already defined on line " + earlier);
        }
        realms.computeIfAbsent(realm, r -> new HashMap<>()).computeIfAbsent(user, u -> new EnumMap<>(DigestAlgorithm.class)).put(a, ha1);
    }

    static void checkName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(what + " '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' contains white space, a control character, '\"' or '\\'");
            }
        }
    }

    /** @return whether this is open mode: no user list, no authentication */
    public boolean isOpen() {
        return open;
    }

    /** @return HA1 of {@code user} in {@code realm} for {@code algorithm}, if known */
    public Optional<String> ha1(String user, String realm, DigestAlgorithm algorithm) {
        return Optional.ofNullable(realms.getOrDefault(realm, Map.of()).getOrDefault(user, Map.of()).get(algorithm));
    }

    /** @return whether {@code user} is known in {@code realm} (always false in open mode) */
    public boolean contains(String user, String realm) {
        return realms.getOrDefault(realm, Map.of()).containsKey(user);
    }

    /**
     * @return the algorithms every user of {@code realm} can answer, strongest first: what a
     *         challenge in that realm should offer (both when the realm has no users)
     */
    public Set<DigestAlgorithm> algorithms(String realm) {
        Set<DigestAlgorithm> common = EnumSet.allOf(DigestAlgorithm.class);
        for (Map<DigestAlgorithm, String> user : realms.getOrDefault(realm, Map.of()).values()) {
            common.retainAll(user.keySet());
        }
        return Collections.unmodifiableSet(common);
    }

    /** @return the realms that have users */
    public Set<String> realms() {
        return Collections.unmodifiableSet(realms.keySet());
    }

    /** @return the number of users in {@code realm} */
    public int size(String realm) {
        return realms.getOrDefault(realm, Map.of()).size();
    }

    @Override
    public String toString() {
        if (open) {
            return "UserDirectory[open mode]";
        }
        StringBuilder out = new StringBuilder("UserDirectory[");
        realms.forEach((realm, users) -> out.append(realm).append(": ").append(users.size()).append(" users; "));
        return out.append(']').toString();
    }
}
