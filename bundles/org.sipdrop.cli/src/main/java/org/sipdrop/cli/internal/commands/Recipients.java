package org.sipdrop.cli.internal.commands;

import java.util.ArrayList;
import java.util.List;

import org.sipdrop.cli.internal.ClientOptions;
import org.sipdrop.cli.internal.UsageException;

/** The {@code --to} list: user names in the account's domain, {@code user@domain} or SIP URIs. */
final class Recipients {

    private Recipients() {
    }

    static List<String> parse(String list, ClientOptions client) throws UsageException {
        List<String> uris = new ArrayList<>();
        for (String r : list.split(",", -1)) {
            String to = r.strip();
            if (to.isEmpty() || to.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '"')) {
                throw new UsageException("--to lists users separated by commas, e.g. bob,carol@example.org; got '" + list + "'");
            }
            uris.add(to.startsWith("sip:") || to.startsWith("sips:") ? to
                    : "sip:" + (to.indexOf('@') >= 0 ? to : to + "@" + client.account().domain()));
        }
        return uris;
    }

    /**
     * @return {@code bob@127.0.0.1} for {@code sip:bob@127.0.0.1:5060;transport=tcp}: who a peer is,
     *         with the host — {@code bob} alone would not tell {@code bob@evil.example} from the
     *         colleague. Scheme, port, parameters and display name are left out; control
     *         characters (the address came from the network) are replaced.
     */
    static String address(String uri) {
        String s = uri.strip();
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            s = gt < 0 ? s.substring(lt + 1) : s.substring(lt + 1, gt);
        }
        s = s.replaceFirst("(?i)^sips?:", "");
        int end = s.length();
        for (char stop : new char[] { ';', '?' }) {
            int i = s.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        s = s.substring(0, end);
        int at = s.lastIndexOf('@');
        String user = at >= 0 ? s.substring(0, at + 1) : "";
        String host = s.substring(at + 1);
        if (host.startsWith("[") && host.indexOf(']') > 0) {
            host = host.substring(0, host.indexOf(']') + 1);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            host = host.substring(0, host.indexOf(':'));
        }
        s = user + host;
        return s.replaceAll("[\\p{Cntrl}]", "?");
    }
}
