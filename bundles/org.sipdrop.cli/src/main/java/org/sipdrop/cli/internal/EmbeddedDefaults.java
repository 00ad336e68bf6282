package org.sipdrop.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sipdrop.cli.internal.config.GivenSettings;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.cli.internal.config.TransportFlags;

/**
 * What the CLI adds to the derived transport flags for SipDrop's own transports, because it knows
 * the SIP account and the embedded server: {@code send --via http} without {@code --storage} uses
 * the embedded server's storage with the SIP credentials, and an {@code msrps} relay trusts the SIP
 * trust store when no MSRP one is given. A third-party transport needs none of this.
 */
public final class EmbeddedDefaults {

    /**
     * Port of the embedded server's HTTP storage when {@code ./sipdrop serve} starts it with its
     * defaults; the storage {@code send --via http} uses when no {@code --storage} is given.
     */
    public static final int EMBEDDED_STORAGE_PORT = 5080;

    private static final String HTTP = "http";

    private EmbeddedDefaults() {
    }

    /**
     * @return the settings the flags of {@code send} give, and ({@code --via http} without a
     *         storage flag) the embedded server's storage on the SIP server's host
     *         ({@code http://HOST:5080/storage/}) with the SIP user's name and password, which is
     *         what {@code ./sipdrop serve} accepts
     * @throws UsageException for {@code --via https} without a storage: the embedded server speaks
     *         HTTPS only when started with {@code --https-port}
     */
    public static List<GivenSettings> forSend(TransportFlags flags, Options o, ClientOptions client, String via) throws UsageException {
        List<GivenSettings> given = new ArrayList<>(forAny(flags, o));
        boolean storageGiven = given.stream().anyMatch(g -> g.transport().scheme().equals(HTTP));
        Optional<TransportDescription> http = flags.transport(HTTP);
        if (storageGiven || http.isEmpty() || !(HTTP.equals(via) || "https".equals(via))) {
            return given;
        }
        if ("https".equals(via)) {
            throw new UsageException("--via https needs --storage https://HOST:PORT/PATH/ (the embedded server's"
                    + " storage speaks HTTPS only when serve was given --https-port)");
        }
        String host = client.serverHost().contains(":") ? "[" + client.serverHost() + "]" : client.serverHost();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("base.url", "http://" + host + ":" + EMBEDDED_STORAGE_PORT + "/storage/");
        p.put("user", client.account().authUser());
        p.put(".password", new String(client.account().password()));
        given.add(new GivenSettings(http.get(), p));
        return given;
    }

    /**
     * @return the settings the flags give; an {@code msrps} relay without {@code --msrp-trust-store}
     *         trusts {@code --trust-store} (the SIP one) and its password, else the JDK's CAs
     */
    public static List<GivenSettings> forAny(TransportFlags flags, Options o) throws UsageException {
        List<GivenSettings> given = new ArrayList<>(flags.given(o));
        for (int i = 0; i < given.size(); i++) {
            GivenSettings g = given.get(i);
            boolean secureRelay = String.valueOf(g.properties().get("relay.uri")).startsWith("msrps:");
            if (g.transport().scheme().equals("msrp") && secureRelay && !g.properties().containsKey("tls.trust.store")
                    && o.value("trust-store").isPresent()) {
                given.set(i, g.with("tls.trust.store", o.value("trust-store").get())
                        .with(".tls.trust.store.password", o.value("trust-store-password").orElse("")));
            }
        }
        return given;
    }
}
