package org.sipdrop.cli.internal.commands;

import java.time.Duration;
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
import org.sipdrop.cli.internal.UserSession;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceClientFactory;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipResponse;

/** {@code sipdrop presence}: registers and publishes the user's status (RFC 3903 PUBLISH of PIDF). */
public final class PresenceCommand implements Command, OptionSpec {

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
        return "--status available|away|busy|offline [--note TEXT] " + ClientOptions.USAGE;
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of());
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("status", "note"));
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
        try (UserSession session = UserSession.open(client, services)) {
            PresenceClientFactory factory = services.await(PresenceClientFactory.class, Duration.ofSeconds(10))
                    .orElseThrow(() -> new CommandFailure("the presence service did not start"));
            try (PresenceClient presence = factory.create(session.agent())) {
                SipResponse r = UserSession.await(presence.publish(status, note), "PUBLISH");
                if (!r.isSuccess()) {
                    throw new CommandFailure("the presence server refused the status: " + r);
                }
            }
        } catch (CommandFailure e) {
            console.fail(e.getMessage());
            return FAILED;
        }
        String user = client.account().aor();
        if (client.json()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("user", user);
            line.put("status", status.name().toLowerCase(Locale.ROOT));
            line.put("note", note);
            console.out().println(Json.object(line));
        } else {
            console.out().println(user + " is now " + status.name().toLowerCase(Locale.ROOT) + (note == null ? "" : " (" + note + ")"));
        }
        return OK;
    }
}
