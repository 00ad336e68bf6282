package org.sipdrop.cli.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sipdrop.cli.internal.config.TransportFlags;
import org.sipdrop.cli.internal.commands.DemoCommand;
import org.sipdrop.cli.internal.commands.PresenceCommand;
import org.sipdrop.cli.internal.commands.PullCommand;
import org.sipdrop.cli.internal.commands.ServeCommand;
import org.sipdrop.cli.internal.commands.ReceiveCommand;
import org.sipdrop.cli.internal.commands.SendCommand;
import org.sipdrop.cli.internal.commands.ShareCommand;
import org.sipdrop.cli.internal.commands.TransportsCommand;
import org.sipdrop.cli.internal.commands.VersionCommand;
import org.sipdrop.cli.internal.commands.WatchCommand;

/** The dispatcher of {@code ./sipdrop SUBCOMMAND [options]}: finds the command and runs it. */
public final class Cli {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Console console;
    private final Services services;

    public Cli(List<Command> commands, Console console, Services services) {
        commands.forEach(c -> this.commands.put(c.name(), c));
        this.console = console;
        this.services = services;
    }

    /** @return the subcommands available in this build */
    public static List<Command> standard(String version) {
        return List.of(new ServeCommand(), new SendCommand(), new ReceiveCommand(), new ShareCommand(), new PullCommand(),
                new PresenceCommand(), new WatchCommand(),
                new TransportsCommand(), new DemoCommand(), new VersionCommand(version));
    }

    /** Runs the command line and returns the process exit code. */
    public int run(String... args) {
        if (args.length == 0 || Set.of("help", "--help", "-h").contains(args[0])) {
            if (args.length > 1 && commands.containsKey(args[1])) {
                Command c = commands.get(args[1]);
                console.out().println("usage: sipdrop " + c.name() + " " + c.usage());
                console.out().println(c.summary());
                if (c instanceof ConfiguresTransports) {
                    TransportFlags.installed(services).help().forEach(console.out()::println);
                }
                return Command.OK;
            }
            help();
            return args.length == 0 ? Command.USAGE : Command.OK;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            console.fail("unknown command '" + args[0] + "' (try: sipdrop --help)");
            return Command.USAGE;
        }
        try {
            return command.run(parse(command, Arrays.asList(args).subList(1, args.length), services), console, services);
        } catch (UsageException e) {
            console.fail(e.getMessage());
            console.err().println("usage: sipdrop " + command.name() + " " + command.usage());
            return Command.USAGE;
        }
    }

    private static Options parse(Command command, List<String> args, Services services) throws UsageException {
        if (command instanceof OptionSpec) {
            OptionSpec spec = (OptionSpec) command;
            Set<String> valued = new HashSet<>(spec.valued());
            if (command instanceof ConfiguresTransports) {
                valued.addAll(TransportFlags.installed(services).valued());
            }
            return Options.parse(args, spec.flags(), valued);
        }
        return Options.parse(args, Set.of(), Set.of());
    }

    private void help() {
        console.out().println("usage: sipdrop COMMAND [options]   (sipdrop help COMMAND for its options)");
        console.out().println();
        for (Command c : commands.values()) {
            console.out().printf("  %-12s %s%n", c.name(), c.summary());
        }
    }
}
