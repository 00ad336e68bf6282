package org.sipdrop.cli.internal;

/**
 * Implemented by commands that take the {@code --SCHEME-SETTING} flags derived from the installed
 * transports' metatype ({@link org.sipdrop.cli.internal.config.TransportFlags}): {@link Cli}
 * accepts those flags for them and lists them in their help.
 */
public interface ConfiguresTransports {
}
