package org.sipdrop.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;

/**
 * One line of the Contacts view: a contact and what its presence says now, including the
 * transports it receives files over (shown in the row's tooltip, not on the line). The Contacts
 * view's selection holds these; {@link #contact()} gives the address to send to.
 */
public final class ContactRow {

    private final Contact contact;
    private final PresenceStatus status;
    private final String note;
    private final List<String> schemes;

    public ContactRow(Contact contact, PresenceStatus status, String note) {
        this(contact, status, note, List.of());
    }

    /** @param schemes the transports the contact's presence advertises for receiving files */
    public ContactRow(Contact contact, PresenceStatus status, String note, List<String> schemes) {
        this.contact = Objects.requireNonNull(contact, "contact");
        this.status = Objects.requireNonNull(status, "status");
        this.note = note == null ? "" : note;
        this.schemes = List.copyOf(schemes);
    }

    /**
     * @param presences the latest presence by watched address; a contact missing from it is
     *        offline (nothing is known)
     * @return a row per contact, in the contacts' order
     */
    public static List<ContactRow> of(List<Contact> contacts, Map<String, Presence> presences) {
        List<ContactRow> rows = new ArrayList<>();
        for (Contact c : contacts) {
            Optional<Presence> p = Optional.ofNullable(presences.get(c.address()));
            rows.add(new ContactRow(c, p.map(Presence::status).orElse(PresenceStatus.OFFLINE),
                    p.flatMap(Presence::note).orElse(""), p.map(Presence::transferSchemes).orElse(List.of())));
        }
        return rows;
    }

    public Contact contact() {
        return contact;
    }

    public PresenceStatus status() {
        return status;
    }

    /** @return the contact's presence note, empty when none */
    public String note() {
        return note;
    }

    /** @return the transports the contact receives files over, as its presence says; empty when unknown */
    public List<String> schemes() {
        return schemes;
    }

    /**
     * @param ours the transports installed here
     * @return the row's tooltip: who, the status with the note, and over which transports files
     *         can go to this contact — what the line itself leaves out
     */
    public String toolTip(Set<String> ours) {
        StringBuilder tip = new StringBuilder(contact.name()).append(" <").append(contact.address()).append(">\n")
                .append(statusText()).append(note.isEmpty() ? "" : ": " + note).append('\n');
        if (schemes.isEmpty()) {
            return tip.append("Receives files over: not known until the contact's presence tells").toString();
        }
        List<String> common = schemes.stream().filter(ours::contains).toList();
        tip.append("Receives files over: ").append(String.join(", ", schemes)).append('\n');
        return tip.append(common.isEmpty() ? "No transport in common with you: install one of these to send"
                : "Files go to this contact over: " + String.join(", ", common)).toString();
    }

    /** @return the status as the view shows it, e.g. {@code Available} */
    public String statusText() {
        return label(status);
    }

    /** @return {@code Available}, {@code Away}, {@code Busy} or {@code Offline} */
    public static String label(PresenceStatus status) {
        String n = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactRow && ((ContactRow) o).contact.address().equals(contact.address())
                && ((ContactRow) o).contact.name().equals(contact.name()) && ((ContactRow) o).status == status
                && ((ContactRow) o).note.equals(note) && ((ContactRow) o).schemes.equals(schemes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contact.address(), contact.name(), status, note, schemes);
    }

    @Override
    public String toString() {
        return contact.format() + " " + statusText() + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
