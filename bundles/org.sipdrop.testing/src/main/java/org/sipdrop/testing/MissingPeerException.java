package org.sipdrop.testing;

/**
 * A peer's program is not installed. Tests fail with it rather than skip: CI installs every
 * package in {@code releng/packages.txt}, so a missing one is a broken machine, not a reason to
 * test less.
 */
public final class MissingPeerException extends PeerException {

    private static final long serialVersionUID = 1L;

    private final String debianPackage;

    public MissingPeerException(String program, String debianPackage) {
        super("'" + program + "' is not installed: install the Debian package " + debianPackage
                + " (apt-get install -y --no-install-recommends " + debianPackage
                + "; CI installs everything listed in releng/packages.txt)");
        this.debianPackage = debianPackage;
    }

    /** The Debian package that provides the missing program. */
    public String debianPackage() {
        return debianPackage;
    }
}
