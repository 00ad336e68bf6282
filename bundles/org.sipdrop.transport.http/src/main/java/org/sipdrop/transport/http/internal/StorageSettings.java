package org.sipdrop.transport.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the HTTP storage transport: where objects are uploaded (a WebDAV collection or
 * the embedded storage), the credentials for the upload, how long an object stays, and the
 * largest upload. Immutable; the password is kept as a private {@code char[]} copy, handed out
 * only as a copy and never printed by {@link #toString()}.
 * <p>
 * {@link #fromMap} reads a Declarative Services configuration (keys as DS derives them from an
 * {@code @interface Config}: {@code base_url()} gives {@code base.url}):
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>{@code base.url}</td><td>absolute http/https URL of the collection</td><td>required</td></tr>
 * <tr><td>{@code user}</td><td>user for HTTP authentication (no {@code :}, RFC 7617 §2)</td><td>none: anonymous upload</td></tr>
 * <tr><td>{@code .password} or {@code password}</td><td>String or char[]; the leading dot keeps it out of
 * service properties (Configuration Admin private property)</td><td>none</td></tr>
 * <tr><td>{@code expiry}</td><td>ISO-8601 ({@code PT24H}), {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d},
 * or a Number of seconds</td><td>{@code 24h}</td></tr>
 * <tr><td>{@code max.upload.size}</td><td>bytes as a Number, or digits with {@code k}/{@code M}/{@code G}
 * (1024-based, optional {@code iB})</td><td>{@code 1G} (1 GiB)</td></tr>
 * </table>
 * Other keys ({@code service.pid}, {@code component.name}, ...) are ignored.
 */
public final class StorageSettings {

    public static final String BASE_URL = "base.url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String PRIVATE_PASSWORD = ".password";
    public static final String EXPIRY = "expiry";
    public static final String MAX_UPLOAD_SIZE = "max.upload.size";

    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
    public static final Duration MAX_EXPIRY = Duration.ofDays(365);
    public static final long DEFAULT_MAX_UPLOAD_SIZE = 1L << 30;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12}) ?(?:([kKmMgG])(?:iB)?)?");

    private final URI baseUrl;
    private final String user;
    private final char[] password;
    private final Duration expiry;
    private final long maxUploadSize;

    /**
     * @param baseUrl checked by {@link CapabilityNames#checkBase}; stored with a trailing {@code /}
     * @param user {@code null} for anonymous access
     * @param password {@code null} or empty for none; copied, the caller may clear its array
     * @param expiry positive, at most {@link #MAX_EXPIRY}
     * @param maxUploadSize positive
     * @throws IllegalArgumentException naming the setting to fix
     */
    public StorageSettings(URI baseUrl, String user, char[] password, Duration expiry, long maxUploadSize) {
        this.baseUrl = CapabilityNames.checkBase(baseUrl);
        if (user != null && (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c < 0x20 || c == 0x7F))) {
            throw new IllegalArgumentException("Setting '" + USER + "' must be non-empty, without ':' or control characters (RFC 7617 §2)");
        }
        boolean hasPassword = password != null && password.length > 0;
        if (hasPassword && user == null) {
            throw new IllegalArgumentException("Setting '" + PASSWORD + "' is given without '" + USER + "'; set both or neither");
        }
        Objects.requireNonNull(expiry, EXPIRY);
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("Setting '" + EXPIRY + "' must be more than 0 and at most 365 days, was " + expiry);
        }
        if (maxUploadSize <= 0) {
            throw new IllegalArgumentException("Setting '" + MAX_UPLOAD_SIZE + "' must be a positive number of bytes, was " + maxUploadSize);
        }
        this.user = user;
        this.password = hasPassword ? password.clone() : new char[0];
        this.expiry = expiry;
        this.maxUploadSize = maxUploadSize;
    }

    /** Reads the settings from a configuration map; see the class comment for keys and defaults. */
    public static StorageSettings fromMap(Map<String, ?> config) {
        Objects.requireNonNull(config, "config");
        Object base = config.get(BASE_URL);
        if (base == null || base.toString().isBlank()) {
            throw new IllegalArgumentException("Setting '" + BASE_URL + "' is required, e.g. https://files.example.org/sipdrop/");
        }
        URI url;
        try {
            url = new URI(base.toString().strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Setting '" + BASE_URL + "' is not a URL: " + e.getMessage(), e);
        }
        Object user = config.get(USER);
        String userText = user == null || user.toString().isEmpty() ? null : user.toString();
        if (config.get(PASSWORD) != null && config.get(PRIVATE_PASSWORD) != null) {
            throw new IllegalArgumentException("Give the password once, as '" + PRIVATE_PASSWORD + "' or '" + PASSWORD + "', not both");
        }
        Object pw = config.get(PRIVATE_PASSWORD) != null ? config.get(PRIVATE_PASSWORD) : config.get(PASSWORD);
        char[] password = pw == null ? null : pw instanceof char[] ? (char[]) pw : pw.toString().toCharArray();
        try {
            Duration expiry = config.get(EXPIRY) == null ? DEFAULT_EXPIRY : parseDuration(config.get(EXPIRY));
            long max = config.get(MAX_UPLOAD_SIZE) == null ? DEFAULT_MAX_UPLOAD_SIZE : parseSize(config.get(MAX_UPLOAD_SIZE));
            return new StorageSettings(url, userText, password, expiry, max);
        } finally {
            if (password != null && password != pw) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** @return the base URL, its path ending in {@code /} */
    public URI baseUrl() {
        return baseUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** @return a fresh copy of the password (empty if none); clear it after use */
    public char[] password() {
        return password.clone();
    }

    public boolean hasPassword() {
        return password.length > 0;
    }

    public Duration expiry() {
        return expiry;
    }

    public long maxUploadSize() {
        return maxUploadSize;
    }

    @Override
    public String toString() {
        return "StorageSettings[baseUrl=" + baseUrl + ", user=" + (user == null ? "(anonymous)" : user)
                + ", password=" + (hasPassword() ? "(set)" : "(none)") + ", expiry=" + expiry
                + ", maxUploadSize=" + maxUploadSize + "]";
    }

    static Duration parseDuration(Object value) {
        if (value instanceof Number) {
            return Duration.ofSeconds(((Number) value).longValue());
        }
        String text = value.toString().strip();
        try {
            if (text.length() > 1 && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
                return Duration.parse(text);
            }
            if (text.length() > 1 && Character.isDigit(text.charAt(0))) {
                String number = text.substring(0, text.length() - 1);
                if (number.chars().allMatch(Character::isDigit) && number.length() <= 9) {
                    long n = Long.parseLong(number);
                    switch (Character.toLowerCase(text.charAt(text.length() - 1))) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    case 'd': return Duration.ofDays(n);
                    default: break;
                    }
                }
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("Setting '" + EXPIRY + "' is not a duration: '" + text
                + "'; write e.g. 90s, 30m, 24h, 7d or PT24H");
    }

    static long parseSize(Object value) {
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        String text = value.toString().strip();
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Setting '" + MAX_UPLOAD_SIZE + "' is not a size: '" + text
                    + "'; write bytes (1048576) or 100M, 100MiB, 2G (1024-based)");
        }
        int shift = m.group(2) == null ? 0 : 10 * ("kmg".indexOf(Character.toLowerCase(m.group(2).charAt(0))) + 1);
        return Long.parseLong(m.group(1)) << shift;
    }
}
