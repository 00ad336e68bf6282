package org.sipdrop.server.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.sipdrop.server.internal.storage.http.HttpFront;
import org.sipdrop.server.internal.storage.http.HttpLimits;

/**
 * The embedded HTTP(S) storage: an {@link HttpFront} on the server's bind address for HTTP and,
 * if configured, one for HTTPS with the server's TLS key store, both giving complete requests to
 * one {@link StorageHandler} (written against {@code com.sun.net.httpserver}'s handler API)
 * under {@value #BASE_PATH} on a bounded worker pool; a sweeper that deletes expired files every
 * second. The fronts, not the JDK's own server, read request heads, so slow clients hold no
 * worker ({@link HttpLimits}). {@link #close()} stops both listeners and the workers, and
 * deletes a temporary storage directory.
 */
public final class StorageServer implements AutoCloseable {

    /** The path under which files are stored: {@code http://HOST:PORT/storage/NAME}. */
    public static final String BASE_PATH = "/storage/";
    /**
     * Request header of a PUT: how many seconds the file should live (delta-seconds). Bounded by
     * {@code storage.max.expiry}, which is also the expiry when the header is absent; the answer
     * carries the expiry granted in {@code Expires} (HTTP-date) and in this header.
     */
    public static final String EXPIRES_IN_HEADER = org.sipdrop.server.EmbeddedServer.STORAGE_EXPIRES_IN_HEADER;
    /** Most requests served at once; more complete requests wait in the pool's queue. */
    static final int WORKERS = 32;

    private final List<HttpFront> servers;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService sweeper;
    private final FileStore store;
    private final Optional<Path> temporaryDir;
    private final List<String> baseUris;

    private StorageServer(List<HttpFront> servers, ThreadPoolExecutor workers, ScheduledExecutorService sweeper, FileStore store,
            Optional<Path> temporaryDir, List<String> baseUris) {
        this.servers = servers;
        this.workers = workers;
        this.sweeper = sweeper;
        this.store = store;
        this.temporaryDir = temporaryDir;
        this.baseUris = baseUris;
    }

    /**
     * @param bind the address to listen on
     * @param keyStore PKCS#12 key store for HTTPS, required when {@code settings} asks for HTTPS
     * @param keyStorePassword its password
     * @throws IOException a port is taken, the directory cannot be used, the key store cannot be read
     */
    public static StorageServer start(StorageSettings settings, InetAddress bind, StorageAuth auth, Path keyStore, char[] keyStorePassword,
            Clock clock) throws IOException {
        return start(settings, bind, auth, keyStore, keyStorePassword, clock, HttpLimits.DEFAULT);
    }

    /** As {@link #start(StorageSettings, InetAddress, StorageAuth, Path, char[], Clock)}, with other limits (tests). */
    static StorageServer start(StorageSettings settings, InetAddress bind, StorageAuth auth, Path keyStore, char[] keyStorePassword,
            Clock clock, HttpLimits limits) throws IOException {
        Optional<Path> temp = settings.dir().isPresent() ? Optional.empty()
                : Optional.of(Files.createTempDirectory("sipdrop-storage-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        Path dir = settings.dir().orElseGet(temp::get);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sipdrop-storage-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sipdrop-storage-expiry");
            t.setDaemon(true);
            return t;
        });
        List<HttpFront> servers = new ArrayList<>();
        try {
            FileStore store = FileStore.open(dir, settings.quotaBytes(), settings.maxExpiry(), clock);
            StorageHandler handler = new StorageHandler(store, auth, BASE_PATH);
            String host = hostForUri(bind);
            List<String> uris = new ArrayList<>();
            HttpFront http = bind(null, bind, settings.httpPort(), StorageSettings.HTTP_PORT, handler, workers, limits);
            servers.add(http);
            uris.add("http://" + host + ":" + http.address().getPort() + BASE_PATH);
            if (settings.httpsPort().isPresent()) {
                if (keyStore == null) {
                    throw new IllegalArgumentException("HTTPS storage needs a TLS key store");
                }
                HttpFront https = bind(sslContext(keyStore, keyStorePassword), bind, settings.httpsPort().getAsInt(), StorageSettings.HTTPS_PORT,
                        handler, workers, limits);
                servers.add(https);
                uris.add("https://" + host + ":" + https.address().getPort() + BASE_PATH);
            }
            sweeper.scheduleWithFixedDelay(store::sweep, 1, 1, TimeUnit.SECONDS);
            return new StorageServer(List.copyOf(servers), workers, sweeper, store, temp, List.copyOf(uris));
        } catch (IOException | RuntimeException e) {
            servers.forEach(HttpFront::close);
            workers.shutdownNow();
            sweeper.shutdownNow();
            temp.ifPresent(StorageServer::deleteTree);
            throw e;
        }
    }

    private static HttpFront bind(SSLContext tls, InetAddress bind, int port, String key, StorageHandler handler, ThreadPoolExecutor workers,
            HttpLimits limits) throws IOException {
        try {
            return HttpFront.start(new InetSocketAddress(bind, port), tls, handler, workers, limits);
        } catch (BindException e) {
            throw new BindException("Cannot listen for the storage on " + bind.getHostAddress() + ":" + port + " (setting '" + key
                    + "'): " + e.getMessage());
        }
    }

    private static String hostForUri(InetAddress bind) {
        InetAddress a = bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind;
        String literal = a.getHostAddress();
        return literal.indexOf(':') >= 0 ? "[" + literal + "]" : literal;
    }

    private static SSLContext sslContext(Path keyStore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the TLS key store " + keyStore + " for HTTPS: " + e.getMessage(), e);
        }
    }

    /** @return the base URLs, HTTP first, then HTTPS if on; a file is stored at BASE + NAME */
    public List<String> baseUris() {
        return baseUris;
    }

    FileStore store() {
        return store;
    }

    /** Stops listening, waits briefly for the workers, deletes a temporary storage directory. */
    @Override
    public void close() {
        servers.forEach(HttpFront::close);
        sweeper.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        temporaryDir.ifPresent(StorageServer::deleteTree);
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
