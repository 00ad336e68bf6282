package org.sipdrop.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away TLS identity for a demo server without a key store: the JDK's {@code keytool}
 * (run with {@link ProcessBuilder}, bounded in time) writes an RSA 2048 key and a self-signed
 * certificate for the server's address (CN and subjectAltName), valid 30 days, into a PKCS#12
 * file in a private temporary directory with a random password. {@link #delete()} removes it.
 * Clients must trust this certificate explicitly; real deployments configure {@code tls.keystore}.
 */
final class SelfSignedKeyStore {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path dir;
    private final Path file;
    private final char[] password;

    private SelfSignedKeyStore(Path dir, Path file, char[] password) {
        this.dir = dir;
        this.file = file;
        this.password = password;
    }

    /** @param host the IP address literal the certificate names */
    static SelfSignedKeyStore generate(String host) throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        Path dir = Files.createTempDirectory("sipdrop-tls-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("server.p12");
        String san = host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)) ? "ip:" + host : "dns:" + host;
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder pb = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "sipdrop", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "30", "-dname", "CN=" + host + ", O=SipDrop embedded server", "-ext", "SAN=" + san, "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass:env", "SIPDROP_KS", "-keypass:env", "SIPDROP_KS"))
                .redirectErrorStream(true);
        pb.environment().put("SIPDROP_KS", new String(password)); // not on the command line, where ps shows it
        Process p = pb.start();
        String output;
        try {
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("keytool did not finish within " + TIMEOUT_SECONDS + " s");
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while generating a self-signed certificate", e);
        } finally {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(file)) {
            throw new IOException("keytool could not generate a self-signed certificate: " + output);
        }
        return new SelfSignedKeyStore(dir, file, password);
    }

    Path file() {
        return file;
    }

    char[] password() {
        return password.clone();
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary file; the OS cleans it eventually
        }
    }
}
