package org.sipdrop.sip;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file transports a user agent accepts, advertised as an RFC 3840 feature tag on the
 * Contact of its OPTIONS answer: {@code ;+sipdrop.transports="<msrp><msrps><http>"} (a
 * string-valued feature parameter, §9). Agents that do not know the tag ignore it.
 */
public final class SipCapabilities {

    /** The feature tag (RFC 3840 §9: "+" and a name outside the sip. tree). */
    public static final String TRANSPORTS_TAG = "+sipdrop.transports";

    private static final Pattern TAG = Pattern.compile(Pattern.quote(TRANSPORTS_TAG) + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALUE = Pattern.compile("<([a-z][a-z0-9+.-]*)>");

    private SipCapabilities() {
    }

    /** @return the feature parameter for these URI schemes, e.g. {@code +sipdrop.transports="<msrp><http>"} */
    public static String transportsParameter(Collection<String> schemes) {
        StringBuilder b = new StringBuilder(TRANSPORTS_TAG).append("=\"");
        for (String s : schemes) {
            String scheme = s.toLowerCase(Locale.ROOT);
            if (!VALUE.matcher("<" + scheme + ">").matches()) {
                throw new IllegalArgumentException("Not a URI scheme: '" + s + "'");
            }
            b.append('<').append(scheme).append('>');
        }
        return b.append('"').toString();
    }

    /** @return the transport schemes a peer advertised in the Contact of its answer; empty when none */
    public static List<String> transports(SipResponse response) {
        List<String> schemes = new ArrayList<>();
        for (String contact : response.headers("Contact")) {
            Matcher m = TAG.matcher(contact);
            while (m.find()) {
                Matcher v = VALUE.matcher(m.group(1).toLowerCase(Locale.ROOT));
                while (v.find()) {
                    if (!schemes.contains(v.group(1))) {
                        schemes.add(v.group(1));
                    }
                }
            }
        }
        return schemes;
    }
}
