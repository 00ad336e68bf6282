package org.sipdrop.cli.internal.commands;

import java.time.Duration;
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
        return "list the file transports installed now (MSRP, HTTP, MQTT…) and their URI schemes";
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
        for (TransportProvider t : transports) {
            List<String> schemes = List.copyOf(new java.util.TreeSet<>(t.schemes()));
            if (options.flag("json")) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("transport", t.name());
                line.put("schemes", schemes);
                console.out().println(Json.object(line));
            } else {
                console.out().printf("%-8s %s%n", t.name(), String.join(", ", schemes));
            }
        }
        if (transports.isEmpty() && !options.flag("json")) {
            console.out().println("no transport installed");
        }
        return OK;
    }
}
