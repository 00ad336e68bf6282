package org.sipdrop.negotiation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.sipdrop.transfer.AcceptancePolicy;

/**
 * How a {@link FileTransferAgent} receives: where files go and what it accepts; which files it
 * serves to peers that pull them (RFC 5547 §8.3.2); and how long it waits for a peer's answer.
 */
public final class AgentSettings {

    private final Path downloadFolder;
    private final AcceptancePolicy policy;
    private final List<String> preferredSchemes;
    private final Duration answerTimeout;
    private final List<Path> sharedFiles;
    private final Duration verdictTimeout;

    private AgentSettings(Path downloadFolder, AcceptancePolicy policy, List<String> preferredSchemes,
            Duration answerTimeout, List<Path> sharedFiles, Duration verdictTimeout) {
        this.downloadFolder = Objects.requireNonNull(downloadFolder, "downloadFolder");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.preferredSchemes = List.copyOf(preferredSchemes);
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("The answer timeout must be positive, was " + answerTimeout);
        }
        this.answerTimeout = answerTimeout;
        this.sharedFiles = List.copyOf(sharedFiles);
        if (verdictTimeout.isNegative() || verdictTimeout.isZero()) {
            throw new IllegalArgumentException("The verdict timeout must be positive, was " + verdictTimeout);
        }
        this.verdictTimeout = verdictTimeout;
    }

    /** @return settings receiving into {@code folder} as {@code policy} decides, preferring msrp */
    public static AgentSettings of(Path folder, AcceptancePolicy policy) {
        return new AgentSettings(folder, policy, List.of("msrp", "msrps"), Duration.ofSeconds(120), List.of(),
                Duration.ofSeconds(30));
    }

    /** @return a copy with the transport schemes to prefer, best first */
    public AgentSettings preferring(List<String> schemes) {
        return new AgentSettings(downloadFolder, policy, schemes, answerTimeout, sharedFiles, verdictTimeout);
    }

    /** @return a copy that waits at most {@code timeout} for the peer (or its user) to answer an offer */
    public AgentSettings answerTimeout(Duration timeout) {
        return new AgentSettings(downloadFolder, policy, preferredSchemes, timeout, sharedFiles, verdictTimeout);
    }

    /**
     * @return a copy that serves {@code files} to peers who request them with a pull offer
     *         (RFC 5547 §8.2.2, a {@code recvonly} stream); a request matching none of them is
     *         refused (404). None are shared by default.
     */
    public AgentSettings sharing(List<Path> files) {
        for (Path f : files) {
            if (!f.isAbsolute()) {
                throw new IllegalArgumentException("Share files by absolute path, not '" + f + "'");
            }
        }
        return new AgentSettings(downloadFolder, policy, preferredSchemes, answerTimeout, files, verdictTimeout);
    }

    /**
     * @return a copy that waits at most {@code timeout}, once every byte of a file is sent, for
     *         the receiver's verdict (the Reason of its BYE, RFC 3326) before the transfer fails
     *         with "no verdict from the receiver"; 30 s by default
     */
    public AgentSettings verdictTimeout(Duration timeout) {
        return new AgentSettings(downloadFolder, policy, preferredSchemes, answerTimeout, sharedFiles, timeout);
    }

    /** @return how long a sender waits for the receiver's verdict after the last byte */
    public Duration verdictTimeout() {
        return verdictTimeout;
    }

    public Path downloadFolder() {
        return downloadFolder;
    }

    public AcceptancePolicy policy() {
        return policy;
    }

    public List<String> preferredSchemes() {
        return preferredSchemes;
    }

    public Duration answerTimeout() {
        return answerTimeout;
    }

    /** @return the files this agent serves to peers that pull them, absolute paths */
    public List<Path> sharedFiles() {
        return sharedFiles;
    }
}
