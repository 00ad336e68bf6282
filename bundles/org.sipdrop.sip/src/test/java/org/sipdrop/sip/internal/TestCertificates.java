package org.sipdrop.sip.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Throw-away certificates made with the JDK's keytool at test time; no key is ever committed. */
final class TestCertificates {

    static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {
    }

    /** Creates {@code name.p12} with a self-signed certificate for 127.0.0.1 and exports it to {@code name.cer}. */
    static Path keyStore(Path dir, String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1, O=SipDrop test " + name, "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", dir.resolve(name + ".cer").toString());
        return store;
    }

    /** Creates {@code name.p12} trusting the exported certificates {@code trusted}. */
    static Path trustStore(Path dir, String name, String... trusted) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        for (String t : trusted) {
            keytool("-importcert", "-noprompt", "-alias", t, "-file", dir.resolve(t + ".cer").toString(),
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        }
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (" + p.exitValue() + "): " + out);
        }
    }
}
