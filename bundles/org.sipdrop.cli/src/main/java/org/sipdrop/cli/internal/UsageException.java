package org.sipdrop.cli.internal;

/** A command line the command cannot run: the message says what is wrong. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
