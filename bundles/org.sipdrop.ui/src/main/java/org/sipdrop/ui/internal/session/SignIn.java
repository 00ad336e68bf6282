package org.sipdrop.ui.internal.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.session.SessionConfig;
import org.sipdrop.session.SessionException;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTls;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;

/**
 * The workbench's part of one sign-in: start the embedded server when the preferences say so,
 * pick the account, registrar and local address from the preferences, then open the user
 * session (endpoint, registration RFC 3261 §10, transfer agent, presence) through the
 * user-session service. Each failure is one line naming what to change.
 */
final class SignIn {

    /** How long a registration may take before the sign-in gives up. */
    static final Duration REGISTER = Duration.ofSeconds(15);

    private final UserSessionFactory sessions;
    private final EmbeddedServerFactory servers;

    SignIn(UserSessionFactory sessions, EmbeddedServerFactory servers) {
        this.sessions = sessions;
        this.servers = servers;
    }

    /** Looks up a secret in Secure Storage only when the sign-in needs it. */
    interface Secrets {
        String get(String key) throws IOException;
    }

    SignedIn run(SessionSettings s, Secrets secrets, Path downloads, AcceptancePolicy policy) throws SignInFailure {
        try {
            return s.embedded() ? embedded(s, downloads, policy) : remote(s, secrets, downloads, policy);
        } catch (IllegalArgumentException e) {
            throw new SignInFailure(e.getMessage() + " (Window ▸ Preferences ▸ SipDrop)", e);
        }
    }

    /**
     * The out-of-the-box case: the embedded server on loopback in open mode, the account in
     * its domain. When its port is taken, another SipDrop may be serving there: join it if it
     * registers this user, otherwise start on a free port.
     */
    private SignedIn embedded(SessionSettings s, Path downloads, AcceptancePolicy policy) throws SignInFailure {
        SipTransport transport = s.transport();
        if (transport == SipTransport.TLS) {
            throw new SignInFailure("The embedded server serves UDP and TCP: choose tcp or udp, or turn off "
                    + "\"Use the embedded server\" (Window ▸ Preferences ▸ SipDrop)");
        }
        String aor = s.address().orElseThrow();
        int port = s.embeddedPort();
        EmbeddedServer server;
        String note = "";
        try {
            server = startServer(port);
        } catch (IOException taken) {
            if (port == 0) {
                throw new SignInFailure("Cannot start the embedded server: " + taken.getMessage(), taken);
            }
            String existing = "sip:" + SessionSettings.LOOPBACK + ":" + port + ";transport=" + transport.token();
            try {
                return connect(account(s, aor, existing, transport, null), SessionSettings.LOOPBACK, null, null, downloads,
                        policy, s, "Port " + port + " was taken: signed in to the SIP server already running there");
            } catch (SignInFailure notSipDrop) {
                note = "Port " + port + " is taken (" + notSipDrop.getMessage() + "): the embedded server runs on a free port";
                try {
                    server = startServer(0);
                } catch (IOException e) {
                    throw new SignInFailure("Cannot start the embedded server: " + e.getMessage(), e);
                }
            }
        }
        String registrar = SipUris.forTransport(server.uris(), transport).orElse(null);
        if (registrar == null) {
            server.close();
            throw new SignInFailure("The embedded server does not serve " + transport.token() + ": " + server.uris());
        }
        try {
            return connect(account(s, aor, registrar, transport, null), SessionSettings.LOOPBACK, null, server, downloads,
                    policy, s, note);
        } catch (SignInFailure | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private EmbeddedServer startServer(int port) throws IOException {
        return servers.start(Map.of(EmbeddedServerFactory.BIND, SessionSettings.LOOPBACK,
                EmbeddedServerFactory.SIP_PORT, Integer.toString(port), EmbeddedServerFactory.TRANSPORTS, "udp,tcp"));
    }

    /** A server configured by the user, e.g. Kamailio: digest credentials from Secure Storage. */
    private SignedIn remote(SessionSettings s, Secrets secrets, Path downloads, AcceptancePolicy policy) throws SignInFailure {
        String aor = s.address().orElseThrow(() -> new SignInFailure(
                "Set your SIP address (Window ▸ Preferences ▸ SipDrop), or turn on \"Use the embedded server\""));
        SipTransport transport = s.transport();
        String domain = aor.substring(aor.indexOf('@') + 1);
        String registrar = s.registrar().orElse((transport == SipTransport.TLS ? "sips:" : "sip:") + domain
                + ";transport=" + transport.token());
        String password;
        SipTls tls = null;
        try {
            password = secrets.get(PreferenceKeys.SECURE_ACCOUNT_PASSWORD);
            if (transport == SipTransport.TLS) {
                String store = s.trustStore().orElseThrow(() -> new SignInFailure(
                        "SIP over TLS needs a trust store (PKCS#12) with the server's certificate or CA (Window ▸ Preferences ▸ SipDrop)"));
                String pass = secrets.get(PreferenceKeys.SECURE_TRUST_STORE_PASSWORD);
                tls = SipTls.trusting(Path.of(store), pass == null ? new char[0] : pass.toCharArray());
            }
        } catch (IOException e) {
            throw new SignInFailure(e.getMessage(), e);
        }
        String via = s.outboundProxy().orElse(registrar);
        String bind;
        try {
            bind = SipUris.localAddressTowards(SipUris.host(via));
        } catch (IOException e) {
            throw new SignInFailure("Cannot reach " + via + ": " + e.getMessage(), e);
        }
        return connect(account(s, aor, registrar, transport, password), bind, tls, null, downloads, policy, s, "");
    }

    private static SipAccount account(SessionSettings s, String aor, String registrar, SipTransport transport, String password) {
        SipAccount.Builder b = SipAccount.builder(aor).registrar(registrar).transport(transport).password(password);
        s.displayName().ifPresent(b::displayName);
        if (!s.embedded()) {
            s.outboundProxy().ifPresent(b::outboundProxy);
        }
        return b.build();
    }

    private SignedIn connect(SipAccount account, String bind, SipTls tls, EmbeddedServer server, Path downloads,
            AcceptancePolicy policy, SessionSettings s, String note) throws SignInFailure {
        SessionConfig config = SessionConfig.of(SipEndpointConfig.of("workbench", bind, 0, Set.of(account.transport()), tls),
                account, AgentSettings.of(downloads, policy).preferring(s.transportOrder())).answerTimeout(REGISTER);
        try {
            return new SignedIn(server, sessions.open(config), note);
        } catch (SessionException e) {
            int status = e.response().map(SipResponse::status).orElse(0);
            String why = e.getMessage();
            throw new SignInFailure(Character.toUpperCase(why.charAt(0)) + why.substring(1)
                    + (status == 401 || status == 403 || status == 407 ? " (check the password, Window ▸ Preferences ▸ SipDrop)" : ""),
                    e);
        }
    }
}
