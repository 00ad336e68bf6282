package org.sipdrop.cli.internal;

/** A command could not do what was asked; the message is the one-line reason for stderr. */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure while doing the work: exit code {@link Command#FAILED}. */
    public CommandFailure(String reason) {
        this(reason, Command.FAILED);
    }

    /**
     * @param exitCode the process exit code it stands for, e.g. {@link Command#USAGE} when a value
     *        given on the command line was refused
     */
    public CommandFailure(String reason, int exitCode) {
        super(reason);
        this.exitCode = exitCode;
    }

    /** @return the process exit code of a command that ends with this failure */
    public int exitCode() {
        return exitCode;
    }
}
