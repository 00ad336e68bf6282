package org.sipdrop.cli.internal.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sipdrop.cli.internal.ClientOptions;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Json;
import org.sipdrop.cli.internal.OptionSpec;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.cli.internal.CliSession;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.session.UserSession;
import org.sipdrop.sip.SipResponse;

/**
 * {@code sipdrop presence}: registers and publishes the user's status (RFC 3903 PUBLISH of PIDF).
 * The status outlives the command: it stays on the presence server until {@code --for} runs out
 * (the server may grant less, and the granted time is printed), until another status is
 * published, or until {@code --status offline}. Withdrawing it when the command exits, as a
 * workbench does when it closes, would mean no watcher ever saw it.
 */
public final class PresenceCommand implements Command, OptionSpec {

    /** How long a status set from the command line lasts unless told otherwise. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    @Override
    public String name() {
        return "presence";
    }

    @Override
    public String summary() {
        return "publish your status: available, away, busy or offline, with an optional note";
    }

    @Override
    public String usage() {
        return "--status available|away|busy|offline [--note TEXT] [--for DURATION (default 1h; the status stays after the"
                + " command exits, until then or until you publish another)] " + ClientOptions.USAGE;
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of());
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("status", "note", "for"));
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        ClientOptions client = ClientOptions.from(options, "presence");
        String word = options.value("status").orElseThrow(() -> new UsageException("--status is required"));
        PresenceStatus status;
        try {
            status = PresenceStatus.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--status must be available, away, busy or offline, not '" + word + "'");
        }
        if (!options.positional().isEmpty()) {
            throw new UsageException("presence takes no arguments besides its options");
        }
        String note = options.value("note").orElse(null);
        Duration lifetime = options.value("for").isPresent() ? Durations.parse("for", options.value("for").get()) : DEFAULT_LIFETIME;
        Duration granted;
        UserSession session = null;
        try {
            session = CliSession.open(client, services, CliSession.declining(CliSession.transfers(services)));
            SipResponse r = CliSession.await(session.publish(status, note, lifetime), "PUBLISH");
            if (!r.isSuccess()) {
                throw new CommandFailure("the presence server refused the status: " + r);
            }
            granted = granted(r, lifetime);
            session.closeKeepingStatus(); // the status stays for watchers after this command exits
        } catch (CommandFailure e) {
            if (session != null) {
                session.close();
            }
            console.fail(e.getMessage());
            return FAILED;
        }
        String user = client.account().aor();
        if (client.json()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("user", user);
            line.put("status", status.name().toLowerCase(Locale.ROOT));
            line.put("note", note);
            line.put("expires", Instant.now().plus(granted).toString());
            console.out().println(Json.object(line));
        } else {
            console.out().println(user + " is now " + status.name().toLowerCase(Locale.ROOT) + (note == null ? "" : " (" + note + ")")
                    + " for " + Durations.format(granted) + ", unless you publish another status");
        }
        return OK;
    }

    /** RFC 3903 §4.1: the 200's Expires is the lifetime the server granted (it may shorten what was asked). */
    private static Duration granted(SipResponse ok, Duration asked) {
        try {
            return ok.header("Expires").map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(asked);
        } catch (NumberFormatException e) {
            return asked;
        }
    }
}
