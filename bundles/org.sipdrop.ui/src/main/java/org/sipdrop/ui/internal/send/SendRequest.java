package org.sipdrop.ui.internal.send;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.sipdrop.negotiation.SendOptions;

/**
 * What the user asked to send: files, one or several recipients (one-to-many: the agent gets
 * the whole list at once, see {@link SendJob}), and the transport ({@link SendOptions#AUTO} or
 * one scheme among those installed). Checked when built, so a bad request never half-sends.
 */
public final class SendRequest {

    private final List<Path> files;
    private final List<String> recipients;
    private final String transport;
    private final String message;

    /** A request without a message. */
    public SendRequest(List<Path> files, List<String> recipients, String transport) {
        this(files, recipients, transport, null);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: no file, a file that is not a
     *         readable regular file, no recipient, a recipient that is not a SIP address, a
     *         message that is too long or spans lines
     * @param message a note offered with every file (blank or null for none)
     */
    public SendRequest(List<Path> files, List<String> recipients, String transport, String message) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one file to send");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new IllegalArgumentException("Cannot send '" + f + "': it is not a readable file");
            }
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one contact to send to");
        }
        for (String r : recipients) {
            if (!(r.startsWith("sip:") || r.startsWith("sips:")) || r.indexOf('@') < 0) {
                throw new IllegalArgumentException("Not a SIP address (sip:user@host): '" + r + "'");
            }
        }
        this.files = List.copyOf(new LinkedHashSet<>(files));
        this.recipients = List.copyOf(new LinkedHashSet<>(recipients));
        this.transport = Objects.requireNonNull(transport, "transport").toLowerCase(Locale.ROOT);
        this.message = SendOptions.defaults().message(message).message().orElse(null);
    }

    /** @return the note offered with every file, if the user wrote one */
    public java.util.Optional<String> message() {
        return java.util.Optional.ofNullable(message);
    }

    public List<Path> files() {
        return files;
    }

    public List<String> recipients() {
        return recipients;
    }

    /** @return {@link SendOptions#AUTO} or a URI scheme such as {@code msrp} */
    public String transport() {
        return transport;
    }

    /** @return e.g. {@code report.pdf to bob} or {@code 3 files to 2 contacts} */
    public String describe() {
        String what = files.size() == 1 ? String.valueOf(files.get(0).getFileName()) : files.size() + " files";
        String to = recipients.size() == 1 ? recipients.get(0) : recipients.size() + " contacts";
        return what + " to " + to;
    }
}
