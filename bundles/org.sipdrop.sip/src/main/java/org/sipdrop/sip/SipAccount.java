package org.sipdrop.sip;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a user agent is and where it registers: an address-of-record, a display name, a
 * registrar (also the outbound proxy unless another is set), credentials and a transport.
 * Immutable; the password is copied in and out and never printed.
 */
public final class SipAccount {

    /** RFC 3261 §10.2.1: the default registration interval when none is asked, in seconds. */
    public static final int DEFAULT_EXPIRES = 3600;

    private final String aor;
    private final String user;
    private final String domain;
    private final String displayName;
    private final String registrar;
    private final String outboundProxy;
    private final String authUser;
    private final char[] password;
    private final SipTransport transport;
    private final int expires;
    private final int keepAliveSeconds;

    private SipAccount(Builder b) {
        this.aor = requireAor(b.aor);
        int colon = aor.indexOf(':');
        int at = aor.indexOf('@');
        this.user = aor.substring(colon + 1, at);
        this.domain = aor.substring(at + 1);
        this.displayName = b.displayName;
        this.registrar = b.registrar == null ? null : requireSipUri(b.registrar, "registrar");
        this.outboundProxy = b.outboundProxy == null ? this.registrar : requireSipUri(b.outboundProxy, "outbound proxy");
        this.authUser = b.authUser == null ? user : b.authUser;
        this.password = b.password == null ? new char[0] : b.password.clone();
        this.transport = Objects.requireNonNull(b.transport, "transport");
        if (b.expires < 60) {
            throw new IllegalArgumentException("Registration expiry must be at least 60 s (RFC 3261 §10.3), was " + b.expires);
        }
        this.expires = b.expires;
        if (b.keepAliveSeconds < 0) {
            throw new IllegalArgumentException("Keep-alive interval must be 0 (off) or more seconds, was " + b.keepAliveSeconds);
        }
        this.keepAliveSeconds = b.keepAliveSeconds;
    }

    /** @param aor the address-of-record, e.g. {@code sip:alice@127.0.0.1} */
    public static Builder builder(String aor) {
        return new Builder(aor);
    }

    private static String requireAor(String aor) {
        if (aor == null || !(aor.startsWith("sip:") || aor.startsWith("sips:"))) {
            throw new IllegalArgumentException("An address-of-record is a SIP URI (sip:user@domain), not '" + aor + "'");
        }
        int at = aor.indexOf('@');
        if (at <= aor.indexOf(':') + 1 || at == aor.length() - 1 || aor.indexOf(';') >= 0 || aor.indexOf('>') >= 0
                || aor.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("An address-of-record needs a user and a domain, without parameters: '" + aor + "'");
        }
        return aor;
    }

    private static String requireSipUri(String uri, String what) {
        String u = uri.trim();
        if (!(u.startsWith("sip:") || u.startsWith("sips:")) || u.length() < 5 || u.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("The " + what + " must be a SIP URI such as sip:127.0.0.1:5060, not '" + uri + "'");
        }
        return u;
    }

    /** @return the address-of-record, {@code sip:user@domain} */
    public String aor() {
        return aor;
    }

    /** @return the user part of the address-of-record */
    public String user() {
        return user;
    }

    /** @return the domain part of the address-of-record (host, maybe with a port) */
    public String domain() {
        return domain;
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** @return the registrar's URI, e.g. {@code sip:127.0.0.1:5060}; empty for a peer-to-peer agent */
    public Optional<String> registrar() {
        return Optional.ofNullable(registrar);
    }

    /** @return where out-of-dialog requests are routed (RFC 3261 §8.1.2); the registrar by default */
    public Optional<String> outboundProxy() {
        return Optional.ofNullable(outboundProxy);
    }

    /** @return the user name for digest authentication; the AOR's user by default */
    public String authUser() {
        return authUser;
    }

    /** @return a copy of the password; empty when none is set */
    public char[] password() {
        return password.clone();
    }

    public SipTransport transport() {
        return transport;
    }

    /** @return the registration interval asked for, in seconds */
    public int expires() {
        return expires;
    }

    /** @return seconds between NAT keep-alives (RFC 5626 §4.4.1 CRLF), 0 when off */
    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    @Override
    public String toString() {
        return "SipAccount[" + aor + " via " + (registrar == null ? "no registrar" : registrar) + " "
                + transport.token() + (password.length > 0 ? ", password set" : "") + "]";
    }

    /** Builds a {@link SipAccount}. */
    public static final class Builder {
        private final String aor;
        private String displayName;
        private String registrar;
        private String outboundProxy;
        private String authUser;
        private char[] password;
        private SipTransport transport = SipTransport.UDP;
        private int expires = DEFAULT_EXPIRES;
        private int keepAliveSeconds = 30;

        private Builder(String aor) {
            this.aor = aor;
        }

        public Builder displayName(String name) {
            this.displayName = name;
            return this;
        }

        public Builder registrar(String uri) {
            this.registrar = uri;
            return this;
        }

        public Builder outboundProxy(String uri) {
            this.outboundProxy = uri;
            return this;
        }

        public Builder authUser(String name) {
            this.authUser = name;
            return this;
        }

        public Builder password(char[] secret) {
            this.password = secret == null ? null : secret.clone();
            return this;
        }

        public Builder password(String secret) {
            return password(secret == null ? null : secret.toCharArray());
        }

        public Builder transport(SipTransport t) {
            this.transport = t;
            return this;
        }

        public Builder transport(String token) {
            return transport(SipTransport.of(token.toLowerCase(Locale.ROOT)));
        }

        public Builder expires(int seconds) {
            this.expires = seconds;
            return this;
        }

        public Builder keepAlive(int seconds) {
            this.keepAliveSeconds = seconds;
            return this;
        }

        public SipAccount build() {
            SipAccount a = new SipAccount(this);
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            return a;
        }
    }
}
