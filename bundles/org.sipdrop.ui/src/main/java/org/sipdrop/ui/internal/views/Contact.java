package org.sipdrop.ui.internal.views;

import java.util.Objects;

/** A person in the Contacts view: a display name and a SIP address-of-record. */
public final class Contact {

    private final String name;
    private final String address;

    public Contact(String name, String address) {
        this.name = Objects.requireNonNull(name, "name");
        this.address = Objects.requireNonNull(address, "address");
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    /**
     * Reads one contact from its stored form {@code Name <sip:aor>} or a bare {@code sip:aor}.
     *
     * @throws IllegalArgumentException when there is no SIP address in it
     */
    public static Contact parse(String stored) {
        String s = stored.trim();
        int lt = s.lastIndexOf('<');
        if (lt >= 0 && s.endsWith(">")) {
            String aor = s.substring(lt + 1, s.length() - 1).trim();
            String name = s.substring(0, lt).trim();
            return new Contact(name.isEmpty() ? aor : name, requireSip(aor));
        }
        return new Contact(s, requireSip(s));
    }

    private static String requireSip(String aor) {
        if (!(aor.startsWith("sip:") || aor.startsWith("sips:")) || aor.indexOf('@') < 0) {
            throw new IllegalArgumentException("Not a SIP address (sip:user@host): '" + aor + "'");
        }
        return aor;
    }

    /** @return the stored form, {@code Name <sip:aor>} */
    public String format() {
        return name + " <" + address + ">";
    }
}
