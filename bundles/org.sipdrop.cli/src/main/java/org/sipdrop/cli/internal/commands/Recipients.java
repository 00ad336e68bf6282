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

    /** @return {@code bob} for {@code sip:bob@127.0.0.1:5060}: how the user named them */
    static String shortName(String uri) {
        String s = uri.replaceFirst("^sips?:", "");
        int at = s.indexOf('@');
        return at > 0 ? s.substring(0, at) : s;
    }
}
