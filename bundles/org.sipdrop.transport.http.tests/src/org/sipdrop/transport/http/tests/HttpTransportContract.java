package org.sipdrop.transport.http.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportContract;

/**
 * The transport kit's contract for the HTTP storage transport against SipDrop's embedded storage
 * on loopback ({@link StorageFixture}); one subclass per scheme: {@link HttpContractTest},
 * {@link HttpsContractTest}.
 */
abstract class HttpTransportContract extends TransportContract {

    private static StorageFixture storage;
    private static Path dir;
    private TransportProvider provider;

    @BeforeAll
    static void startStorage() throws Exception {
        dir = Files.createTempDirectory("http-contract");
        storage = new StorageFixture(dir);
    }

    @AfterAll
    static void stopStorage() throws Exception {
        storage.close();
        StorageFixture.deleteQuietly(dir.resolve("storage.pem"));
        StorageFixture.deleteQuietly(dir);
    }

    @BeforeEach
    final void configure() throws Exception {
        provider = storage.configure(scheme());
    }

    @AfterEach
    final void enableAgain() throws Exception {
        storage.enable();
    }

    @Override
    protected final TransportProvider provider() {
        return provider;
    }

    @Override
    protected final void stopProvider() throws Exception {
        storage.disable();
    }

    @Override
    protected final void restartProvider() throws Exception {
        storage.enable();
    }
}
