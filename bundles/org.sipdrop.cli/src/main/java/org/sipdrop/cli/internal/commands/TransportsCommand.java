package org.sipdrop.cli.internal.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Json;
import org.sipdrop.cli.internal.OptionSpec;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.cli.internal.config.TransportFlags;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransportProvider;

/** {@code sipdrop transports}: the transports installed in this SipDrop, best-ranked first. */
public final class TransportsCommand implements Command, OptionSpec {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "transports";
    }

    @Override
    public String summary() {
        return "list the file transports installed (MSRP, HTTP, MQTT…), their URI schemes and the flags of their settings";
    }

    @Override
    public String usage() {
        return "[--json]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public Set<String> valued() {
        return Set.of();
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        if (!options.positional().isEmpty()) {
            throw new UsageException("transports takes no arguments");
        }
        Optional<TransferService> service = services.await(TransferService.class, WAIT);
        if (service.isEmpty()) {
            console.fail("the transfer service did not start within " + WAIT.toSeconds() + " s");
            return FAILED;
        }
        List<TransportProvider> transports = service.get().transports();
        TransportFlags flags = TransportFlags.installed(services);
        List<TransportDescription> idle = new ArrayList<>(flags.transports());
        for (TransportProvider t : transports) {
            List<TransportDescription> described = idle.stream().filter(d -> t.schemes().contains(d.scheme())).toList();
            idle.removeAll(described);
            print(t.name(), List.copyOf(new java.util.TreeSet<>(t.schemes())), true, described, flags, options, console);
        }
        for (TransportDescription d : idle) {
            print(d.name(), List.copyOf(new java.util.TreeSet<>(d.schemes())), false, List.of(d), flags, options, console);
        }
        if (transports.isEmpty() && idle.isEmpty() && !options.flag("json")) {
            console.out().println("no transport installed");
        }
        return OK;
    }

    /**
     * One transport, and the flags {@code send}, {@code receive}, {@code share} and {@code pull}
     * take for its settings (derived from its metatype; a secret's default is never shown).
     */
    private static void print(String name, List<String> schemes, boolean running, List<TransportDescription> described,
            TransportFlags flags, Options options, Console console) {
        if (options.flag("json")) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("transport", name);
            line.put("schemes", schemes);
            if (!running) {
                line.put("running", false);
            }
            if (!described.isEmpty()) {
                line.put("flags", described.stream().flatMap(d -> d.settings().stream().map(s -> "--" + d.flag(s))).toList());
            }
            console.out().println(Json.object(line));
            return;
        }
        console.out().printf("%-8s %s%s%n", name, String.join(", ", schemes),
                running ? "" : "   (not running: give it its settings, e.g. with send and receive)");
        described.forEach(d -> flags.help(d).forEach(console.out()::println));
    }
}
