package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class NginxTest {

    @TempDir
    static Path runDir;

    private static Nginx nginx;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        int http = FreePorts.tcp();
        int https;
        do {
            https = FreePorts.tcp();
        } while (https == http);
        nginx = Nginx.start(runDir, http, https, Map.of("alice", "secret"), "64k");
        client = HttpClient.newBuilder().sslContext(Certificates.trusting(nginx.certificate()))
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void putThenRangedGetOverHttps() throws Exception {
        byte[] content = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        URI file = nginx.davsUri().resolve("inbox/offer-1/hello.txt");

        HttpResponse<Void> put = client.send(request(file, "secret").PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(201, put.statusCode());
        assertArrayEquals(content, Files.readAllBytes(nginx.dataDir().resolve("inbox/offer-1/hello.txt")));

        HttpResponse<byte[]> range = client.send(request(file, "secret").header("Range", "bytes=10-14").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 10, 15), range.body());
        assertEquals("bytes 10-14/20", range.headers().firstValue("Content-Range").orElse(""));
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        HttpResponse<Void> response = client.send(request(nginx.davUri().resolve("x.txt"), "wrong")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(401, response.statusCode());
    }

    @Test
    void uploadOverTheLimitIs413AndDeleteIs204() throws Exception {
        URI big = nginx.davUri().resolve("big.bin");
        HttpResponse<Void> tooBig = client.send(request(big, "secret")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100 * 1024])).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(413, tooBig.statusCode());

        URI small = nginx.davUri().resolve("small.bin");
        assertEquals(201, client.send(request(small, "secret").PUT(HttpRequest.BodyPublishers.ofString("s")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<String> propfind = client.send(request(nginx.davUri(), "secret").header("Depth", "1")
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(207, propfind.statusCode());
        assertTrue(propfind.body().contains("small.bin"), propfind.body());
        assertEquals(204, client.send(request(small, "secret").DELETE().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private static HttpRequest.Builder request(URI uri, String password) {
        String credentials = Base64.getEncoder().encodeToString(("alice:" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).header("Authorization", "Basic " + credentials);
    }
}
