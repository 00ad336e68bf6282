package org.sipdrop.cli.internal.commands;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.cli.internal.config.GivenSettings;
import org.sipdrop.cli.internal.config.TransportFlags;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.transfer.TransferService;

/**
 * {@code --via SCHEME} of a transport that is installed but waits for its configuration (e.g. MQTT,
 * which needs a broker) and got none on the command line: a usage error naming the flags it needs,
 * before anything signs in, rather than a failed send after registering ("no mqtt transport is
 * running here").
 */
final class ViaSettings {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ViaSettings() {
    }

    /**
     * @throws UsageException if {@code via} names an installed transport that is not running and
     *         {@code given} has no settings for it
     */
    static void requireConfigured(String via, TransportFlags flags, List<GivenSettings> given, Services services)
            throws UsageException {
        Optional<TransportDescription> described = flags.transports().stream().filter(t -> t.schemes().contains(via)).findFirst();
        if (described.isEmpty() || given.stream().anyMatch(g -> g.transport().pid().equals(described.get().pid()))) {
            return;
        }
        boolean running = services.await(TransferService.class, WAIT).map(t -> t.transport(via).isPresent()).orElse(true);
        if (running) {
            return;
        }
        TransportDescription t = described.get();
        String required = t.settings().stream().filter(s -> s.required()).map(s -> "--" + t.flag(s) + " " + s.placeholder())
                .collect(Collectors.joining(" "));
        throw new UsageException("--via " + via + ": the " + t.name() + " transport is not running here without its settings; give "
                + (required.isEmpty() ? "its --" + t.scheme() + "-… flags" : required + " and its other --" + t.scheme() + "-… flags as needed")
                + " (see sipdrop transports)");
    }
}
