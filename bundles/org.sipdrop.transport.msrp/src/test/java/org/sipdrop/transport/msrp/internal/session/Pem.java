package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;

/** Writes a key store's private key as PKCS#8 PEM, for test peers that read PEM files. */
final class Pem {

    private Pem() {
    }

    static void writePrivateKey(Path keyStore, String alias, char[] password, Path target) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance(keyStore.toFile(), password);
            Key key = ks.getKey(alias, password);
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
            Files.writeString(target, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the test key: " + e.getMessage(), e);
        }
    }
}
