package org.sipdrop.cli.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

import org.sipdrop.cli.internal.Cli;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Services;

/** One command run with its own console, as one {@code ./sipdrop} process would print. */
final class CommandRun {

    private final Services services;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    CommandRun(Services services) {
        this.services = services;
    }

    private Console console() {
        return new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Runs {@code command} alone; {@code args} start with its name. */
    int run(Command command, List<String> args) {
        return new Cli(List.of(command), console(), services).run(args.toArray(String[]::new));
    }

    /** Runs one of the standard commands, as {@code ./sipdrop ARGS} does. */
    int run(String... args) {
        return new Cli(Cli.standard("0.1.0.test"), console(), services).run(args);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits (bounded) until the command, running in {@code running}, printed {@code ready} on its
     * error stream (e.g. "waiting for files").
     */
    void awaitPrinted(String ready, Future<Integer> running, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!err().contains(ready)) {
            if (running.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the command did not print '" + ready + "': " + err());
            }
            Thread.sleep(20);
        }
    }
}
