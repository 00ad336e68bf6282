package org.sipdrop.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * nginx 1.22 with WebDAV (PUT, GET with Range, DELETE, MKCOL, PROPFIND) on 127.0.0.1 over HTTP
 * and HTTPS, basic auth against the users given, started from {@code releng/peers/nginx} with
 * its own prefix, pid and logs in the run dir. The store is at {@link #davUri()}.
 */
public final class Nginx implements AutoCloseable {

    private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmMgG]?");

    private final PeerProcess process;
    private final Path runDir;
    private final int httpPort;
    private final int httpsPort;

    private Nginx(PeerProcess process, Path runDir, int httpPort, int httpsPort) {
        this.process = process;
        this.runDir = runDir;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Starts nginx with no upload limit. */
    public static Nginx start(Path runDir, int httpPort, int httpsPort, Map<String, String> users) {
        return start(runDir, httpPort, httpsPort, users, "0");
    }

    /**
     * Starts nginx; {@code maxBody} is its client_max_body_size ("0" unlimited, "1048576",
     * "10m"): a larger PUT gets 413.
     */
    public static Nginx start(Path runDir, int httpPort, int httpsPort, Map<String, String> users, String maxBody) {
        Binaries.require("nginx", "nginx");
        Binaries.require("openssl", "openssl");
        if (!SIZE.matcher(maxBody).matches()) {
            throw new IllegalArgumentException("maxBody must be like 0, 1048576, 10m or 1g, got '" + maxBody + "'");
        }
        if (httpPort == httpsPort) {
            throw new IllegalArgumentException("HTTP and HTTPS need two ports, got " + httpPort + " twice");
        }
        Path usersFile = Users.write(runDir, users);
        PeerProcess process = new Launcher("nginx").start(runDir, List.of("--http-port", String.valueOf(httpPort),
                "--https-port", String.valueOf(httpsPort), "--users", usersFile.toString(), "--max-body", maxBody));
        return new Nginx(process, Launcher.createRunDir(runDir), httpPort, httpsPort);
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** {@code http://127.0.0.1:PORT/dav/}: the WebDAV collection. */
    public URI davUri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/dav/");
    }

    /** {@code https://127.0.0.1:PORT/dav/}; trust {@link #certificate()}. */
    public URI davsUri() {
        return URI.create("https://127.0.0.1:" + httpsPort + "/dav/");
    }

    /** The self-signed certificate (PEM) of the HTTPS listener. */
    public Path certificate() {
        return runDir.resolve("cert.pem");
    }

    /** Where the files under {@link #davUri()} are stored. */
    public Path dataDir() {
        return runDir.resolve("data/dav");
    }

    public Path runDir() {
        return runDir;
    }

    /** nginx's error log. */
    public Path log() {
        return runDir.resolve("error.log");
    }

    public long pid() {
        return process.pid();
    }

    /** Stops nginx by PID: SIGTERM, at most 5 s, then SIGKILL to it and its worker. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "nginx " + process + " http=" + httpPort + " https=" + httpsPort;
    }
}
