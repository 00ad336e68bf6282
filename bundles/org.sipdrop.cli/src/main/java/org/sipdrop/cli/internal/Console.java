package org.sipdrop.cli.internal;

import java.io.PrintStream;
import java.util.Objects;

/** Where a command writes: results to out, diagnostics to err; JSON lines when asked. */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;

    public Console(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Prints a one-line failure reason on stderr, as every client subcommand does. */
    public void fail(String reason) {
        err.println("sipdrop: " + reason);
    }
}
