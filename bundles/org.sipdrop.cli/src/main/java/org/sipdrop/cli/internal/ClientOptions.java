package org.sipdrop.cli.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipTls;
import org.sipdrop.sip.SipTransport;

/**
 * The flags every client subcommand shares: who the user is and which server to use. The
 * default server is the embedded one on this machine, {@value #DEFAULT_SERVER}.
 */
public final class ClientOptions {

    public static final String DEFAULT_SERVER = "sip:127.0.0.1:5060";

    /**
     * The SIP transport unless {@code --transport} says otherwise: TCP, because file offers with
     * their metadata (a CPIM/multipart storage offer, an INVITE with icons) exceed the 1300 bytes a
     * request may have over UDP (RFC 3261 §18.1.1, RFC 3428 §9), and MSRP needs TCP anyway.
     */
    public static final String DEFAULT_TRANSPORT = "tcp";

    /** Flags without a value. */
    public static final Set<String> FLAGS = Set.of("json");
    /** Flags with a value. */
    public static final Set<String> VALUED = Set.of("user", "password", "server", "transport", "bind",
            "trust-store", "trust-store-password");
    /** The usage text of these flags. */
    public static final String USAGE = "--user U [--password P] [--server SIP-URI] [--transport tcp|udp|tls (default tcp)]"
            + " [--trust-store FILE.p12 [--trust-store-password P]] [--bind ADDR] [--json]";

    private final SipAccount account;
    private final SipEndpointConfig endpoint;
    private final boolean json;
    private final String serverHost;

    private ClientOptions(SipAccount account, SipEndpointConfig endpoint, boolean json, String serverHost) {
        this.account = account;
        this.endpoint = endpoint;
        this.json = json;
        this.serverHost = serverHost;
    }

    public static Set<String> flags(Set<String> more) {
        return union(FLAGS, more);
    }

    public static Set<String> valued(Set<String> more) {
        return union(VALUED, more);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Reads the shared flags; a missing --user or a malformed value is a usage error. */
    public static ClientOptions from(Options o, String name) throws UsageException {
        String user = o.value("user").orElseThrow(() -> new UsageException("--user is required (a name, or sip:user@domain)"));
        String server = o.value("server").orElse(DEFAULT_SERVER);
        SipTransport transport;
        try {
            transport = SipTransport.of(o.value("transport").orElse(DEFAULT_TRANSPORT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String host;
        try {
            URI u = URI.create(server.replaceFirst("^sips?:", "sip://"));
            host = u.getHost();
            if (host == null || !server.matches("^sips?:.*")) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--server must be a SIP URI such as sip:127.0.0.1:5060, not '" + server + "'");
        }
        String aor = user.startsWith("sip:") || user.startsWith("sips:") ? user
                : "sip:" + (user.indexOf('@') >= 0 ? user : user + "@" + host);
        SipAccount account;
        try {
            account = SipAccount.builder(aor).registrar(server).transport(transport)
                    .password(o.value("password").orElse(null)).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String bind = o.value("bind").orElse("127.0.0.1");
        SipTls tls = null;
        if (transport == SipTransport.TLS) {
            String trust = o.value("trust-store").orElseThrow(() -> new UsageException(
                    "--transport tls needs --trust-store FILE.p12 with the server's certificate or CA"));
            try {
                tls = SipTls.trusting(Path.of(trust), o.value("trust-store-password").orElse("").toCharArray());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        SipEndpointConfig ep;
        try {
            ep = SipEndpointConfig.of(name, bind, 0, Set.of(transport), tls);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new ClientOptions(account, ep, o.flag("json"), host);
    }

    public SipAccount account() {
        return account;
    }

    public SipEndpointConfig endpoint() {
        return endpoint;
    }

    /** @return the host of {@code --server}: where the embedded server's storage is by default */
    public String serverHost() {
        return serverHost;
    }

    public boolean json() {
        return json;
    }
}
