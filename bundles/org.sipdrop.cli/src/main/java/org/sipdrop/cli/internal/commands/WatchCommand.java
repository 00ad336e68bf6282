package org.sipdrop.cli.internal.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.session.UserSession;
import org.sipdrop.sip.SipResponse;

/** {@code sipdrop watch}: subscribes to contacts' presence (RFC 3856) and prints each change. */
public final class WatchCommand implements Command, OptionSpec {

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String summary() {
        return "print your contacts' presence as it changes";
    }

    @Override
    public String usage() {
        return "--contacts a,b,... [--count N] [--timeout SECONDS] " + ClientOptions.USAGE;
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of());
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("contacts", "count", "timeout"));
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        ClientOptions client = ClientOptions.from(options, "watch");
        List<String> contacts = new ArrayList<>();
        for (String c : options.value("contacts").orElseThrow(() -> new UsageException("--contacts is required")).split(",")) {
            if (!c.isBlank()) {
                contacts.add(c.trim());
            }
        }
        if (contacts.isEmpty()) {
            throw new UsageException("--contacts needs at least one contact");
        }
        long count = number(options, "count", Long.MAX_VALUE);
        long timeout = number(options, "timeout", Long.MAX_VALUE / 1000);
        BlockingQueue<Presence> changes = new LinkedBlockingQueue<>();
        try (UserSession session = CliSession.open(client, services, CliSession.declining(CliSession.transfers(services)))) {
            PresenceClient presence = session.presence();
            presence.addListener(changes::add);
            for (String c : contacts) {
                SipResponse r = CliSession.await(presence.watch(c), "SUBSCRIBE to " + c);
                if (!r.isSuccess()) {
                    throw new CommandFailure("the subscription to " + c + " was refused: " + r);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
            for (long printed = 0; printed < count;) {
                long left = deadline - System.nanoTime();
                Presence p = left <= 0 ? null : changes.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (p != null) {
                    print(console, client.json(), p);
                    printed++;
                } else if (System.nanoTime() >= deadline) {
                    break;
                }
            }
        } catch (CommandFailure e) {
            console.fail(e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    private static long number(Options o, String name, long dflt) throws UsageException {
        String v = o.value(name).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a positive whole number, not '" + v + "'");
        }
    }

    private static void print(Console console, boolean json, Presence p) {
        String status = p.status().name().toLowerCase(Locale.ROOT);
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("contact", p.entity());
            line.put("status", status);
            line.put("note", p.note().orElse(null));
            line.put("transports", p.transferSchemes());
            console.out().println(Json.object(line));
        } else {
            console.out().println(p.entity() + " " + status + p.note().map(n -> " (" + n + ")").orElse(""));
        }
        console.out().flush();
    }
}
