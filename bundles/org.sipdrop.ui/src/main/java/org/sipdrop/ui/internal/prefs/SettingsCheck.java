package org.sipdrop.ui.internal.prefs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.ui.internal.session.WorkbenchPolicy;

/** Checks what the preference page is about to save; each failure is a message for the page. */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    /** @throws IllegalArgumentException when a SIP setting is malformed */
    public static void account(String address, String registrar, String proxy, String transport) {
        SipTransport.of(transport);
        String aor = address.isBlank() ? "sip:check@127.0.0.1"
                : address.startsWith("sip:") || address.startsWith("sips:") ? address : "sip:" + address;
        SipAccount.Builder b = SipAccount.builder(aor);
        if (!registrar.isBlank()) {
            b.registrar(registrar);
        }
        if (!proxy.isBlank()) {
            b.outboundProxy(proxy);
        }
        b.build();
    }

    /** @throws IllegalArgumentException when the port is not 0..65535 */
    public static void port(String port) {
        try {
            int p = Integer.parseInt(port.strip());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The embedded server port must be 0..65535 (0: any free port), not '" + port + "'");
        }
    }

    /** @throws IllegalArgumentException when a type is not a media range */
    public static void types(String types) {
        WorkbenchPolicy.checkTypes(Arrays.stream(types.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toList()));
    }

    /** @throws IllegalArgumentException when the storage URL is not an absolute http(s) URL */
    public static void storageUrl(String url) {
        if (url.isBlank()) {
            return;
        }
        try {
            URI u = new URI(url.strip());
            if (u.getScheme() == null || !List.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT))
                    || u.getHost() == null) {
                throw new URISyntaxException(url, "not http(s)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The storage URL must be an http or https URL such as "
                    + "https://dav.example.com/drop/, not '" + url + "'");
        }
    }
}
