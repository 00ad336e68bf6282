package org.sipdrop.transport.file.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportContract;

/**
 * The transport kit's contract for the shared-folder example, as Felix SCR runs it with its
 * configuration from Configuration Admin: what a third-party transport's test looks like.
 */
class FileContractTest extends TransportContract {

    private SharedFolderFixture fixture;
    private Path share;
    private TransportProvider provider;

    @BeforeEach
    void configure() throws Exception {
        share = Files.createTempDirectory("sipdrop-share");
        fixture = new SharedFolderFixture();
        provider = fixture.configure(share);
    }

    @AfterEach
    void unconfigure() throws Exception {
        fixture.close();
        try (var left = Files.walk(share)) {
            left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected TransportProvider provider() {
        return provider;
    }

    @Override
    protected String scheme() {
        return "file";
    }

    /** Its configuration policy is REQUIRE: deleting the configuration stops it. */
    @Override
    protected void stopProvider() throws Exception {
        fixture.deleteConfiguration();
    }

    @Override
    protected void restartProvider() throws Exception {
        provider = fixture.configure(share);
    }
}
