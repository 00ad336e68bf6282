package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.sipdrop.transport.msrp.internal.net.TlsContexts;

/**
 * Throw-away key stores made with the JDK's {@code keytool} in a test's temp dir: no private
 * key is ever committed. Certificates name 127.0.0.1 as IP SAN, so host checks pass on loopback.
 */
final class KeyStores {

    static final char[] PASSWORD = "changeit".toCharArray();

    private KeyStores() {
    }

    /** @return a PKCS#12 key store with a fresh self-signed certificate called {@code alias} */
    static Path selfSigned(Path dir, String alias) throws IOException, InterruptedException {
        Path ks = dir.resolve(alias + "-key.p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1, O=SipDrop test " + alias, "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit");
        return ks;
    }

    /** @return a trust store holding the certificate of {@code keyStore} */
    static Path trusting(Path dir, Path keyStore, String alias) throws IOException, InterruptedException {
        Path cert = dir.resolve(alias + ".crt");
        Path ts = dir.resolve(alias + "-trust.p12");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", "changeit");
        return ts;
    }

    /** Writes the certificate and key as PEM files (for peers such as Kamailio); returns {cert, key}. */
    static Path[] pem(Path dir, Path keyStore, String alias) throws IOException, InterruptedException {
        Path cert = dir.resolve(alias + ".crt");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        Path key = dir.resolve(alias + ".key");
        Pem.writePrivateKey(keyStore, alias, PASSWORD, key);
        return new Path[] { cert, key };
    }

    static SSLContext context(Path keyStore, Path trustStore) throws IOException {
        return TlsContexts.create(keyStore, PASSWORD, trustStore, PASSWORD);
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
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (" + p.exitValue() + "): " + out);
        }
    }
}
