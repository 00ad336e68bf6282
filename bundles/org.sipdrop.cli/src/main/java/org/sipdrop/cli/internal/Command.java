package org.sipdrop.cli.internal;

/**
 * One subcommand of {@code ./sipdrop}. Later subcommands (serve, send, receive, presence,
 * watch, demo) are further implementations registered in {@link Cli#standard}.
 */
public interface Command {

    /** Exit code: success. */
    int OK = 0;
    /** Exit code: the command ran and failed; the reason is one line on stderr. */
    int FAILED = 1;
    /** Exit code: the command line was wrong; usage is on stderr. */
    int USAGE = 2;

    /** @return the subcommand word, e.g. {@code transports} */
    String name();

    /** @return a one-line summary for {@code --help} */
    String summary();

    /** @return the usage line after the name, e.g. {@code [--json]} */
    String usage();

    /**
     * Runs the command.
     *
     * @return an exit code; {@link #OK} only when the command did everything it was asked
     * @throws UsageException for a wrong command line (reported with the usage line)
     */
    int run(Options options, Console console, Services services) throws UsageException;
}
