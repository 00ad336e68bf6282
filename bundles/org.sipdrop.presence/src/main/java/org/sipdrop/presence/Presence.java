package org.sipdrop.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One presentity's presence as SipDrop understands it: who (the address of record), how
 * available, a free-text note, when it was true, and which URI schemes the contact accepts files
 * over (e.g. {@code msrp}, {@code https}).
 * <p>
 * Immutable. Build one with {@link #builder(String, PresenceStatus)}.
 */
public final class Presence {

    /** Longest note accepted, in UTF-16 units; a presence note is a short status line. */
    public static final int MAX_NOTE_LENGTH = 1024;

    /** Longest entity URI accepted, in characters. */
    public static final int MAX_ENTITY_LENGTH = 2048;

    /** Most transfer schemes one presence may advertise. */
    public static final int MAX_TRANSFER_SCHEMES = 16;

    /** URI scheme syntax, RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");

    /** Language tag shape, RFC 5646 §2.1 (letters, digits and hyphens, 1-8 per subtag). */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

    private final String entity;
    private final PresenceStatus status;
    private final String note;
    private final String noteLanguage;
    private final Instant timestamp;
    private final List<String> transferSchemes;

    private Presence(Builder b) {
        this.entity = requireEntity(b.entity);
        this.status = Objects.requireNonNull(b.status, "A presence needs a status");
        this.note = requireNote(b.note);
        if (b.noteLanguage != null && !LANGUAGE.matcher(b.noteLanguage).matches()) {
            throw new IllegalArgumentException("Not a language tag (RFC 5646): '" + b.noteLanguage + "'");
        }
        this.noteLanguage = b.noteLanguage;
        this.timestamp = b.timestamp;
        this.transferSchemes = List.copyOf(b.transferSchemes);
    }

    /**
     * @param entity the presentity's address of record, a URI such as {@code sip:alice@example.com}
     *               or {@code pres:alice@example.com} (RFC 3863 §4.1.2)
     * @param status its availability
     * @return a builder; note, timestamp and schemes are optional
     */
    public static Builder builder(String entity, PresenceStatus status) {
        return new Builder(entity, status);
    }

    /** @return a builder initialised with every field of this presence */
    public Builder toBuilder() {
        return new Builder(entity, status).note(note, noteLanguage).timestamp(timestamp)
                .transferSchemes(transferSchemes);
    }

    /** @return the presentity URI (RFC 3863 §4.1.2 {@code entity}) */
    public String entity() {
        return entity;
    }

    /** @return the availability */
    public PresenceStatus status() {
        return status;
    }

    /** @return the human-readable note, if any */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    /** @return the language of the note (the {@code xml:lang} of RFC 3863 §4.1.7), if declared */
    public Optional<String> noteLanguage() {
        return Optional.ofNullable(noteLanguage);
    }

    /** @return when this presence was observed (RFC 3863 §4.1.8 timestamp), if known */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** @return the lower-case URI schemes the contact accepts files over, in preference order */
    public List<String> transferSchemes() {
        return transferSchemes;
    }

    /** @return whether the contact advertised {@code scheme} (case-insensitive) for file transfer */
    public boolean acceptsTransferScheme(String scheme) {
        return scheme != null && transferSchemes.contains(scheme.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Presence)) {
            return false;
        }
        Presence p = (Presence) o;
        return entity.equals(p.entity) && status == p.status && Objects.equals(note, p.note)
                && Objects.equals(noteLanguage, p.noteLanguage) && Objects.equals(timestamp, p.timestamp)
                && transferSchemes.equals(p.transferSchemes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entity, status, note, noteLanguage, timestamp, transferSchemes);
    }

    @Override
    public String toString() {
        return "Presence[" + entity + " " + status + (note == null ? "" : " \"" + note + "\"")
                + (transferSchemes.isEmpty() ? "" : " transfer " + transferSchemes) + "]";
    }

    private static String requireEntity(String entity) {
        if (entity == null || entity.isEmpty()) {
            throw new IllegalArgumentException("A presence needs the contact's URI (e.g. sip:alice@example.com)");
        }
        int colon = entity.indexOf(':');
        if (colon <= 0 || colon == entity.length() - 1 || entity.length() > MAX_ENTITY_LENGTH
                || !SCHEME.matcher(entity.substring(0, colon).toLowerCase(Locale.ROOT)).matches()
                || entity.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("Not a presentity URI (scheme:address, no spaces): '" + entity + "'");
        }
        return entity;
    }

    private static String requireNote(String note) {
        if (note == null) {
            return null;
        }
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("A presence note is at most " + MAX_NOTE_LENGTH
                    + " characters, got " + note.length());
        }
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if ((c < ' ' && c != '\t' && c != '\n') || c == 0x7f || c == 0xfffe || c == 0xffff) {
                throw new IllegalArgumentException("A presence note cannot carry control character U+"
                        + String.format("%04X", (int) c));
            }
        }
        return note;
    }

    /** Builds a {@link Presence}; entity and status are mandatory. */
    public static final class Builder {
        private final String entity;
        private final PresenceStatus status;
        private String note;
        private String noteLanguage;
        private Instant timestamp;
        private final Set<String> transferSchemes = new LinkedHashSet<>();

        private Builder(String entity, PresenceStatus status) {
            this.entity = entity;
            this.status = status;
        }

        /** @param text the note, or null for none; its language is not declared */
        public Builder note(String text) {
            return note(text, null);
        }

        /**
         * @param text     the note, or null for none
         * @param language its RFC 5646 language tag (e.g. {@code en}, {@code de-CH}), or null
         */
        public Builder note(String text, String language) {
            this.note = text;
            this.noteLanguage = text == null ? null : language;
            return this;
        }

        public Builder timestamp(Instant when) {
            this.timestamp = when;
            return this;
        }

        /** Adds one URI scheme (RFC 3986 §3.1) the contact accepts files over; duplicates are dropped. */
        public Builder transferScheme(String scheme) {
            String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
            if (!SCHEME.matcher(s).matches()) {
                throw new IllegalArgumentException("Not a URI scheme (RFC 3986 §3.1): '" + scheme + "'");
            }
            if (!transferSchemes.contains(s) && transferSchemes.size() == MAX_TRANSFER_SCHEMES) {
                throw new IllegalArgumentException("At most " + MAX_TRANSFER_SCHEMES + " transfer schemes");
            }
            transferSchemes.add(s);
            return this;
        }

        /** Replaces the advertised schemes with {@code schemes}, in their order. */
        public Builder transferSchemes(Collection<String> schemes) {
            transferSchemes.clear();
            for (String s : new ArrayList<>(schemes)) {
                transferScheme(s);
            }
            return this;
        }

        public Presence build() {
            return new Presence(this);
        }
    }
}
