package org.sipdrop.cli.internal;

/** A command could not do what was asked; the message is the one-line reason for stderr. */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandFailure(String reason) {
        super(reason);
    }
}
