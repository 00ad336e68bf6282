package org.sipdrop.cli.internal.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;

import org.sipdrop.cli.internal.Console;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;

/**
 * Asks the user on the terminal about an offer the policy left to them: who sends what (name,
 * size, type, SHA-1). One question at a time; only {@code y} or {@code yes} accepts. The name
 * is printed with control characters replaced, since it came from the network.
 */
final class TerminalPrompt implements AcceptancePolicy {

    private final Console console;
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));

    TerminalPrompt(Console console) {
        this.console = console;
    }

    @Override
    public synchronized Decision decide(String sender, FileOffer offer) {
        console.err().printf("%n%s offers %s%n%s  size %d bytes, type %s%n  sha-1 %s%n%sAccept? [y/N] ", printable(sender),
                printable(offer.name()), offer.description().map(d -> "  \"" + printable(d) + "\"" + System.lineSeparator()).orElse(""),
                offer.size(), offer.mediaType(), offer.sha1Hex().orElse("(none)"),
                offer.icon().map(i -> "  icon " + i.mediaType() + ", " + i.size() + " bytes (RFC 5547 file-icon)" + System.lineSeparator()).orElse(""));
        console.err().flush();
        String answer;
        try {
            answer = in.readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer != null && Set.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT))) {
            return Decision.accept();
        }
        return Decision.reject(Decision.DECLINE, "Declined by the user");
    }

    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.toString();
    }
}
