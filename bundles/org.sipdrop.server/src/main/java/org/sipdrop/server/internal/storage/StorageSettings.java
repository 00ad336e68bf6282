package org.sipdrop.server.internal.storage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Settings of the embedded HTTP storage, parsed from the server's {@code key=value} settings.
 * The storage runs when any of {@code http.port}, {@code https.port} or {@code storage.dir} is
 * given.
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>{@code http.port}</td><td>0..65535 (0: any free port)</td><td>0</td></tr>
 * <tr><td>{@code https.port}</td><td>0..65535; HTTPS with the server's TLS key store (or a generated
 * self-signed one)</td><td>none: no HTTPS</td></tr>
 * <tr><td>{@code storage.dir}</td><td>directory for stored files (created if missing)</td><td>a private
 * temporary directory deleted when the server stops</td></tr>
 * <tr><td>{@code storage.quota}</td><td>total bytes, with an optional binary suffix {@code K M G T}</td><td>10G</td></tr>
 * <tr><td>{@code storage.max.expiry}</td><td>seconds a file may live at most; also the expiry of a
 * PUT without {@value StorageServer#EXPIRES_IN_HEADER}</td><td>{@value #DEFAULT_MAX_EXPIRY_SECONDS} (7 days)</td></tr>
 * </table>
 *
 * @param httpPort the plain HTTP port, 0 for any
 * @param httpsPort the HTTPS port (0 for any), empty for none
 * @param dir the storage directory, empty for a temporary one
 * @param quotaBytes the most bytes all stored files may take together
 * @param maxExpiry the longest a file may live
 */
public record StorageSettings(int httpPort, OptionalInt httpsPort, Optional<Path> dir, long quotaBytes, Duration maxExpiry) {

    public static final String HTTP_PORT = "http.port";
    public static final String HTTPS_PORT = "https.port";
    public static final String STORAGE_DIR = "storage.dir";
    public static final String STORAGE_QUOTA = "storage.quota";
    public static final String STORAGE_MAX_EXPIRY = "storage.max.expiry";
    /** The keys this class reads. */
    public static final Set<String> KEYS = Set.of(HTTP_PORT, HTTPS_PORT, STORAGE_DIR, STORAGE_QUOTA, STORAGE_MAX_EXPIRY);

    public static final long DEFAULT_QUOTA = 10L << 30;
    public static final long DEFAULT_MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

    public StorageSettings {
        checkPort(HTTP_PORT, httpPort);
        Objects.requireNonNull(httpsPort, HTTPS_PORT);
        httpsPort.ifPresent(p -> checkPort(HTTPS_PORT, p));
        Objects.requireNonNull(dir, STORAGE_DIR);
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("Setting '" + STORAGE_QUOTA + "' must be more than 0 bytes, was " + quotaBytes);
        }
        if (maxExpiry == null || maxExpiry.isNegative() || maxExpiry.isZero()) {
            throw new IllegalArgumentException("Setting '" + STORAGE_MAX_EXPIRY + "' must be at least 1 second, was " + maxExpiry);
        }
        if (httpsPort.isPresent() && httpPort != 0 && httpsPort.getAsInt() == httpPort) {
            throw new IllegalArgumentException("Settings '" + HTTP_PORT + "' and '" + HTTPS_PORT + "' are both " + httpPort + "; choose two ports");
        }
    }

    /** @return the storage settings, empty when none of the keys that turn the storage on is given */
    public static Optional<StorageSettings> fromMap(Map<String, String> settings) {
        if (!settings.containsKey(HTTP_PORT) && !settings.containsKey(HTTPS_PORT) && !settings.containsKey(STORAGE_DIR)) {
            for (String k : KEYS) {
                if (settings.containsKey(k)) {
                    throw new IllegalArgumentException("Setting '" + k + "' needs the storage: give '" + HTTP_PORT + "', '" + HTTPS_PORT
                            + "' or '" + STORAGE_DIR + "'");
                }
            }
            return Optional.empty();
        }
        int http = parsePort(HTTP_PORT, settings.getOrDefault(HTTP_PORT, "0"));
        OptionalInt https = settings.containsKey(HTTPS_PORT) ? OptionalInt.of(parsePort(HTTPS_PORT, settings.get(HTTPS_PORT)))
                : OptionalInt.empty();
        Optional<Path> dir = settings.containsKey(STORAGE_DIR) ? Optional.of(parsePath(STORAGE_DIR, settings.get(STORAGE_DIR)))
                : Optional.empty();
        long quota = settings.containsKey(STORAGE_QUOTA) ? parseBytes(STORAGE_QUOTA, settings.get(STORAGE_QUOTA)) : DEFAULT_QUOTA;
        long expiry = settings.containsKey(STORAGE_MAX_EXPIRY) ? parseSeconds(STORAGE_MAX_EXPIRY, settings.get(STORAGE_MAX_EXPIRY))
                : DEFAULT_MAX_EXPIRY_SECONDS;
        return Optional.of(new StorageSettings(http, https, dir, quota, Duration.ofSeconds(expiry)));
    }

    /** {@code 1048576}, {@code 512K}, {@code 100M}, {@code 2G}, {@code 1T} (binary multiples). */
    static long parseBytes(String key, String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (!v.isEmpty() && "KMGT".indexOf(v.charAt(v.length() - 1)) >= 0) {
            shift = 10 * ("KMGT".indexOf(v.charAt(v.length() - 1)) + 1);
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a number of bytes such as 1048576, 512M or 2G, was '" + value + "'");
        }
        long n = Long.parseLong(v);
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("Setting '" + key + "' is too large: '" + value + "'");
        }
        return n << shift;
    }

    private static long parseSeconds(String key, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a whole number of seconds, was '" + value + "'");
        }
        return Long.parseLong(v);
    }

    private static int parsePort(String key, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 5 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a port number 0..65535, was '" + value + "'");
        }
        return checkPort(key, Integer.parseInt(v));
    }

    private static int checkPort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a port number 0..65535, was " + port);
        }
        return port;
    }

    private static Path parsePath(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Setting '" + key + "' needs a path");
        }
        try {
            return Path.of(value.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Setting '" + key + "' is not a valid path: " + e.getMessage(), e);
        }
    }
}
