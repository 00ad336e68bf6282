package org.sipdrop.cli.internal.commands;

import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;

/** {@code sipdrop version}: the version of the SipDrop command line bundle. */
public final class VersionCommand implements Command {

    private final String version;

    public VersionCommand(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the SipDrop version";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        if (!options.positional().isEmpty()) {
            throw new UsageException("version takes no arguments");
        }
        console.out().println("SipDrop " + version);
        return OK;
    }
}
