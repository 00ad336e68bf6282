package org.sipdrop.server.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.sipdrop.server.internal.storage.StorageSettings;

/**
 * Settings of the embedded server, as {@code sipdrop serve key=value ...} gives them. Immutable,
 * validated; {@link #fromMap} rejects unknown keys so a typo fails at once.
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>{@code bind}</td><td>IP address literal, {@code localhost} or {@code *} (all interfaces); no
 * host names (no DNS lookup at start-up)</td><td>{@code 127.0.0.1}</td></tr>
 * <tr><td>{@code sip.port}</td><td>0..65535 (0: any free port)</td><td>{@value #DEFAULT_SIP_PORT} (RFC 3261 §19.1.2)</td></tr>
 * <tr><td>{@code transports}</td><td>comma-separated {@code udp}, {@code tcp}, {@code tls}</td><td>{@code udp,tcp}</td></tr>
 * <tr><td>{@code users}</td><td>path of the users file ({@link UserDirectory})</td><td>none</td></tr>
 * <tr><td>{@code open}</td><td>{@code true}: anyone may register, no authentication</td><td>{@code true} when
 * {@code users} is absent and the bind address is loopback; otherwise {@code false}</td></tr>
 * <tr><td>{@code realm}</td><td>digest realm</td><td>{@value #DEFAULT_REALM}</td></tr>
 * <tr><td>{@code http.port}, {@code https.port}, {@code storage.dir}, {@code storage.quota},
 * {@code storage.max.expiry}</td><td>the HTTP(S) storage, on when any of the first three is given; see
 * {@link StorageSettings}</td><td>no storage</td></tr>
 * <tr><td>{@code tls.keystore}</td><td>PKCS#12 (or {@code .jks}) key store with the server's key and certificate,
 * used when {@code transports} has {@code tls}</td><td>none: a self-signed certificate is made at start</td></tr>
 * <tr><td>{@code tls.password}</td><td>password of {@code tls.keystore}</td><td>empty</td></tr>
 * <tr><td>{@code list.user}</td><td>user part of the URI-list service {@code sip:USER@HOST} (RFC 5365)</td><td>{@code list}</td></tr>
 * </table>
 * Binding beyond loopback without users is refused unless {@code open=true} is explicit, and then
 * {@link #warnings()} says so.
 */
public final class ServerSettings {

    /** SIP transports the server may listen on (RFC 3261 §18). */
    public enum Transport {
        UDP, TCP, TLS
    }

    public static final String BIND = "bind";
    public static final String SIP_PORT = "sip.port";
    public static final String TRANSPORTS = "transports";
    public static final String USERS = "users";
    public static final String OPEN = "open";
    public static final String REALM = "realm";
    public static final String HTTP_PORT = "http.port";
    public static final String STORAGE_DIR = "storage.dir";
    public static final String HTTPS_PORT = StorageSettings.HTTPS_PORT;
    public static final String STORAGE_QUOTA = StorageSettings.STORAGE_QUOTA;
    public static final String STORAGE_MAX_EXPIRY = StorageSettings.STORAGE_MAX_EXPIRY;
    public static final String TLS_KEYSTORE = "tls.keystore";
    public static final String TLS_PASSWORD = "tls.password";
    public static final String LIST_USER = "list.user";

    /** RFC 3261 §19.1.2: default port for sip: over UDP and TCP. */
    public static final int DEFAULT_SIP_PORT = 5060;
    public static final String DEFAULT_REALM = "sipdrop";

    private static final Set<String> KEYS = Set.of(BIND, SIP_PORT, TRANSPORTS, USERS, OPEN, REALM, HTTP_PORT, STORAGE_DIR, TLS_KEYSTORE,
            TLS_PASSWORD, LIST_USER, HTTPS_PORT, STORAGE_QUOTA, STORAGE_MAX_EXPIRY);
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final InetAddress bindAddress;
    private final int sipPort;
    private final Set<Transport> transports;
    private final Path usersFile;
    private final String realm;
    private final int httpPort;
    private final Path storageDir;
    private final Path tlsKeyStore;
    private final String tlsPassword;
    private final String listUser;
    private final StorageSettings storage;

    /**
     * @param usersFile {@code null} for open mode
     * @param storageDir {@code null} for no HTTP storage
     * @throws IllegalArgumentException naming the setting to fix
     */
    public ServerSettings(InetAddress bindAddress, int sipPort, Set<Transport> transports, Path usersFile, String realm,
            int httpPort, Path storageDir) {
        this(bindAddress, sipPort, transports, usersFile, realm, httpPort, storageDir, null, "", "list");
    }

    /**
     * @param tlsKeyStore {@code null}: a self-signed certificate is generated when TLS is used
     * @param listUser the user part of the URI-list service
     */
    public ServerSettings(InetAddress bindAddress, int sipPort, Set<Transport> transports, Path usersFile, String realm,
            int httpPort, Path storageDir, Path tlsKeyStore, String tlsPassword, String listUser) {
        this(bindAddress, sipPort, transports, usersFile, realm, storageDir == null ? null
                : new StorageSettings(httpPort, OptionalInt.empty(), Optional.of(storageDir), StorageSettings.DEFAULT_QUOTA,
                        Duration.ofSeconds(StorageSettings.DEFAULT_MAX_EXPIRY_SECONDS)), tlsKeyStore, tlsPassword, listUser);
    }

    /** @param storage {@code null} for no HTTP storage */
    public ServerSettings(InetAddress bindAddress, int sipPort, Set<Transport> transports, Path usersFile, String realm,
            StorageSettings storage, Path tlsKeyStore, String tlsPassword, String listUser) {
        this.storage = storage;
        int httpPort = storage == null ? 0 : storage.httpPort();
        this.bindAddress = Objects.requireNonNull(bindAddress, BIND);
        this.sipPort = checkPort(SIP_PORT, sipPort);
        if (transports == null || transports.isEmpty()) {
            throw new IllegalArgumentException("Setting '" + TRANSPORTS + "' needs at least one of udp, tcp, tls");
        }
        this.transports = Collections.unmodifiableSet(EnumSet.copyOf(transports));
        this.usersFile = usersFile;
        UserDirectory.checkName("Setting '" + REALM + "'", realm);
        this.realm = realm;
        this.httpPort = checkPort(HTTP_PORT, httpPort);
        this.storageDir = storage == null ? null : storage.dir().orElse(null);
        this.tlsKeyStore = tlsKeyStore;
        this.tlsPassword = Objects.requireNonNull(tlsPassword, TLS_PASSWORD);
        if (listUser == null || !listUser.matches("[A-Za-z0-9._~+-]{1,64}")) {
            throw new IllegalArgumentException("Setting '" + LIST_USER + "' must be 1..64 letters, digits or ._~+-, was '" + listUser + "'");
        }
        this.listUser = listUser;
        if (storage != null && httpPort != 0 && httpPort == sipPort && !Collections.disjoint(this.transports, EnumSet.of(Transport.TCP, Transport.TLS))) {
            throw new IllegalArgumentException("Settings '" + HTTP_PORT + "' and '" + SIP_PORT + "' are both " + httpPort + "; choose two ports");
        }
    }

    /** @return loopback, port 5060, UDP and TCP, open mode, no storage */
    public static ServerSettings defaults() {
        return fromMap(Map.of());
    }

    /** Parses {@code key=value} settings; see the class comment. */
    public static ServerSettings fromMap(Map<String, String> settings) {
        Objects.requireNonNull(settings, "settings");
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown setting(s) " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        InetAddress bind = parseBind(settings.getOrDefault(BIND, "127.0.0.1"));
        int sipPort = parsePort(SIP_PORT, settings.getOrDefault(SIP_PORT, Integer.toString(DEFAULT_SIP_PORT)));
        Set<Transport> transports = parseTransports(settings.getOrDefault(TRANSPORTS, "udp,tcp"));
        Path users = settings.containsKey(USERS) ? parsePath(USERS, settings.get(USERS)) : null;
        Optional<Boolean> open = settings.containsKey(OPEN) ? Optional.of(parseBoolean(OPEN, settings.get(OPEN))) : Optional.empty();
        if (users != null && open.orElse(false)) {
            throw new IllegalArgumentException("Give either '" + USERS + "=<file>' or '" + OPEN + "=true', not both");
        }
        if (users == null && !open.orElse(bind.isLoopbackAddress())) {
            throw new IllegalArgumentException(bind.isLoopbackAddress() ? "Without '" + OPEN + "=true' give '" + USERS + "=<file>'"
                    : "Binding to " + bind.getHostAddress() + " reaches beyond this machine: give '" + USERS
                            + "=<file>' (lines user:password), or '" + OPEN + "=true' to let anyone register");
        }
        String realm = settings.getOrDefault(REALM, DEFAULT_REALM);
        StorageSettings storage = StorageSettings.fromMap(settings).orElse(null);
        Path keyStore = settings.containsKey(TLS_KEYSTORE) ? parsePath(TLS_KEYSTORE, settings.get(TLS_KEYSTORE)) : null;
        if (keyStore == null && settings.containsKey(TLS_PASSWORD)) {
            throw new IllegalArgumentException("Setting '" + TLS_PASSWORD + "' needs '" + TLS_KEYSTORE + "=<file>'");
        }
        return new ServerSettings(bind, sipPort, transports, users, realm, storage, keyStore,
                settings.getOrDefault(TLS_PASSWORD, ""), settings.getOrDefault(LIST_USER, "list").strip());
    }

    static InetAddress parseBind(String value) {
        String v = value.strip();
        String literal = v.equals("localhost") ? "127.0.0.1" : v.equals("*") ? "0.0.0.0" : v;
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean ok = IPV4.matcher(literal).matches() || (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches());
        if (ok) {
            try {
                return InetAddress.getByName(literal); // a literal: no DNS lookup
            } catch (UnknownHostException e) {
                ok = false;
            }
        }
        throw new IllegalArgumentException("Setting '" + BIND + "' must be an IP address (127.0.0.1, ::1, 0.0.0.0), 'localhost' or '*', was '"
                + value + "'");
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

    private static Set<Transport> parseTransports(String value) {
        Set<Transport> out = EnumSet.noneOf(Transport.class);
        for (String part : value.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            Optional<Transport> t = EnumSet.allOf(Transport.class).stream()
                    .filter(x -> x.name().toLowerCase(Locale.ROOT).equals(name)).findFirst();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("Setting '" + TRANSPORTS + "' accepts udp, tcp, tls separated by commas, was '" + value + "'");
            }
            if (!out.add(t.get())) {
                throw new IllegalArgumentException("Setting '" + TRANSPORTS + "' names " + name + " twice");
            }
        }
        return out;
    }

    private static boolean parseBoolean(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("Setting '" + key + "' must be true or false, was '" + value + "'");
        }
        return v.equals("true");
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

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** @return whether other machines can reach the server: bound to a non-loopback or wildcard address */
    public boolean exposedBeyondLoopback() {
        return !bindAddress.isLoopbackAddress();
    }

    public int sipPort() {
        return sipPort;
    }

    public Set<Transport> transports() {
        return transports;
    }

    /** @return the users file, empty in open mode */
    public Optional<Path> usersFile() {
        return Optional.ofNullable(usersFile);
    }

    /** @return whether anyone may register without authentication */
    public boolean openMode() {
        return usersFile == null;
    }

    public String realm() {
        return realm;
    }

    public int httpPort() {
        return httpPort;
    }

    /** @return the HTTP storage directory; empty: no storage, or a temporary directory */
    public Optional<Path> storageDir() {
        return Optional.ofNullable(storageDir);
    }

    /** @return the HTTP(S) storage settings; empty: no storage */
    public Optional<StorageSettings> storage() {
        return Optional.ofNullable(storage);
    }

    /** @return the TLS key store; empty: generate a self-signed certificate when TLS is used */
    public Optional<Path> tlsKeyStore() {
        return Optional.ofNullable(tlsKeyStore);
    }

    /** @return a copy of the key store password */
    public char[] tlsPassword() {
        return tlsPassword.toCharArray();
    }

    public String listUser() {
        return listUser;
    }

    /** @return things the operator should be told at start-up (empty when all is local and safe) */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (exposedBeyondLoopback()) {
            out.add("The server listens on " + bindAddress.getHostAddress() + " and can be reached from other machines.");
            if (openMode()) {
                out.add("Open mode: anyone who can reach it may register any name. Use users=<file> outside a trusted network.");
            }
            if (!transports.contains(Transport.TLS)) {
                out.add("No TLS: SIP messages, including digest exchanges and file offers, travel unencrypted.");
            }
            if (storage != null && openMode()) {
                out.add("Open mode: anyone who can reach the storage may upload files to it.");
            }
            if (storage != null && storage.httpsPort().isEmpty()) {
                out.add("The storage has no HTTPS (https.port): files travel unencrypted; Basic credentials are refused from other machines.");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ServerSettings[bind=" + bindAddress.getHostAddress() + ", sipPort=" + sipPort + ", transports=" + transports
                + ", " + (openMode() ? "open mode" : "users=" + usersFile) + ", realm=" + realm + ", httpPort=" + httpPort
                + ", storage=" + (storage == null ? "(none)" : storage) + ", tls.keystore="
                + (tlsKeyStore == null ? "(self-signed)" : tlsKeyStore) + ", list.user=" + listUser + "]";
    }
}
