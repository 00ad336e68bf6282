package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away key stores made with the JDK's {@code keytool} in a test's temp dir, so no private
 * key is ever committed. Certificates name 127.0.0.1 as IP SAN: host checks pass on loopback.
 * All stores use the password {@value #PASSWORD}.
 */
public final class ThrowAwayKeys {

    /** Password of every store made here. */
    public static final String PASSWORD = "changeit";

    private ThrowAwayKeys() {
    }

    /** @return a PKCS#12 key store with a fresh self-signed certificate called {@code alias} */
    public static Path selfSigned(Path dir, String alias) throws IOException, InterruptedException {
        Path ks = dir.resolve(alias + "-key.p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1, O=SipDrop test " + alias, "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return ks;
    }

    /** @return a PKCS#12 trust store holding the certificate of {@code keyStore} */
    public static Path trusting(Path dir, Path keyStore, String alias) throws IOException, InterruptedException {
        Path cert = certificate(dir, keyStore, alias);
        Path ts = dir.resolve(alias + "-trust.p12");
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", PASSWORD);
        return ts;
    }

    /** @return {certificate, PKCS#8 private key} as PEM files, for peers such as Kamailio */
    public static Path[] pem(Path dir, Path keyStore, String alias) throws IOException, InterruptedException {
        Path cert = certificate(dir, keyStore, alias);
        Path key = dir.resolve(alias + ".key");
        try {
            KeyStore ks = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
            Key k = ks.getKey(alias, PASSWORD.toCharArray());
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(k.getEncoded());
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the test key: " + e.getMessage(), e);
        }
        return new Path[] { cert, key };
    }

    private static Path certificate(Path dir, Path keyStore, String alias) throws IOException, InterruptedException {
        Path cert = dir.resolve(alias + ".crt");
        if (!Files.exists(cert)) {
            keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", cert.toString());
        }
        return cert;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 30 s: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (" + p.exitValue() + "): " + out);
        }
    }
}
