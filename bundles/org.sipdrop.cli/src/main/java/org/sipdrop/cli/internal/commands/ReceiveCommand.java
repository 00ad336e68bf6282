package org.sipdrop.cli.internal.commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sipdrop.cli.internal.ClientOptions;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.ConfiguresTransports;
import org.sipdrop.cli.internal.EmbeddedDefaults;
import org.sipdrop.cli.internal.config.Applied;
import org.sipdrop.cli.internal.config.Applier;
import org.sipdrop.cli.internal.config.GivenSettings;
import org.sipdrop.cli.internal.config.TransportFlags;
import org.sipdrop.cli.internal.OptionSpec;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.cli.internal.CliSession;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.session.UserSession;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;

/**
 * {@code sipdrop receive}: registers, then answers file offers by the policy given (asking on
 * the terminal for {@code ask}), saves accepted files safely into the folder and prints each
 * saved file's path. Ends after {@code --count} files or {@code --timeout} seconds.
 */
public final class ReceiveCommand implements Command, OptionSpec, ConfiguresTransports {


    @Override
    public String name() {
        return "receive";
    }

    @Override
    public String summary() {
        return "receive files into a folder, accepting as told (ask, all, none, from:LIST) within a size limit";
    }

    @Override
    public String usage() {
        return "--into DIR [--accept ask|all|none|from:LIST (alice = alice of your own domain, or bob@example.org)] [--max-size BYTES] [--count N] [--timeout SECONDS] "
                + ClientOptions.USAGE + " [--SCHEME-SETTING VALUE…] (each transport's settings: sipdrop transports)";
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of());
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("into", "accept", "max-size", "count",
                "timeout"));
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        ClientOptions client = ClientOptions.from(options, "receive");
        Path into = Path.of(options.value("into").orElseThrow(() -> new UsageException("--into DIR is required")));
        String accept = options.value("accept").orElse("ask");
        int count = positive(options, "count");
        int timeout = positive(options, "timeout");
        if (!options.positional().isEmpty()) {
            throw new UsageException("receive takes no arguments besides its options");
        }
        List<GivenSettings> given = EmbeddedDefaults.forAny(TransportFlags.installed(services), options);
        TransferOutput out = new TransferOutput(console, client.json());
        try (Applied applied = Applier.applyAll(given, services)) {
            TransferService transfers = CliSession.transfers(services);
            AcceptancePolicy policy;
            try {
                policy = transfers.acceptancePolicy(accept, options.value("max-size").orElse(null), client.account().domain());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            try (UserSession session = CliSession.open(client, services, AgentSettings.of(into, policy))) {
                FileTransferAgent agent = session.agent();
                CliSession.showAvailable(session, "receiving files", console);
                agent.onOffer(new TerminalPrompt(console));
                agent.onIncoming(t -> t.addListener(new org.sipdrop.transfer.TransferListener() {
                    @Override
                    public void progress(Transfer transfer, long bytes) {
                        out.progress(transfer, bytes);
                    }
                }));
                if (!client.json()) {
                    console.err().println("receiving as " + client.account().aor() + " into " + into.toAbsolutePath()
                            + " (accept " + accept + "); waiting for files" + (count > 0 ? " (" + count + ")" : "")
                            + (timeout > 0 ? " up to " + timeout + " s" : ", Ctrl-C to stop"));
                }
                return watch(agent, count, timeout, out, console);
            }
        } catch (CommandFailure e) {
            out.endLine();
            console.fail(e.getMessage());
            return e.exitCode();
        }
    }

    private static int watch(FileTransferAgent agent, int count, int timeout, TransferOutput out, Console console)
            throws CommandFailure {
        return EndedTransfers.watch(agent, Direction.INCOMING, count, timeout, "saved", t -> {
            out.endLine();
            out.state(t);
            if (t.state() == TransferState.COMPLETED) {
                if (!out.isJson()) {
                    console.out().println(t.file().orElseThrow());
                    console.out().flush();
                }
                return true;
            }
            if (t.state() == TransferState.REJECTED) {
                console.err().println("sipdrop: declined " + t.offer().name() + " from " + Recipients.address(t.peer())
                        + ": " + t.failure().map(Object::toString).orElse(""));
                return null;
            }
            console.fail("receiving " + t.offer().name() + " from " + Recipients.address(t.peer()) + " failed: "
                    + t.failure().map(Object::toString).orElse(t.state().toString()));
            return false;
        });
    }

    /** @return the whole number above 0 given for --{@code name}, or 0 when absent */
    static int positive(Options options, String name) throws UsageException {
        String v = options.value(name).orElse(null);
        if (v == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " takes a whole number above 0, not '" + v + "'");
    }
}
