package org.sipdrop.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the SipDrop repository, whose {@code releng/peers/} holds the peers' templates,
 * launchers and sipp scenarios: the system property {@value #PROPERTY} if set, otherwise the
 * nearest directory containing {@code releng/peers} walking up from the working directory.
 */
public final class Repository {

    /** System property naming the repository root, for runs outside its tree. */
    public static final String PROPERTY = "sipdrop.repo";

    private Repository() {
    }

    /** The repository root. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(root.resolve("releng/peers"))) {
                throw new PeerException("-D" + PROPERTY + "=" + configured + " has no releng/peers directory");
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("releng/peers"))) {
                return dir;
            }
        }
        throw new PeerException("no releng/peers found in " + start + " or above: run from inside the SipDrop "
                + "repository or set -D" + PROPERTY + "=/path/to/sipdrop");
    }

    /** {@code releng/peers/} of the repository. */
    public static Path peers() {
        return root().resolve("releng/peers");
    }
}
