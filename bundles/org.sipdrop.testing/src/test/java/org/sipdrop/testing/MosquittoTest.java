package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Raw MQTT 3.1.1 CONNECT (section 3.1) against both listeners; CONNACK is 0x20 0x02 flags code. */
@Timeout(30)
class MosquittoTest {

    private static final byte[] ACCEPTED = {0x20, 0x02, 0x00, 0x00};
    /** MQTT 3.1.1 3.2.2.3: return code 5, not authorized. */
    private static final byte[] NOT_AUTHORIZED = {0x20, 0x02, 0x00, 0x05};

    @TempDir
    static Path runDir;

    private static Mosquitto broker;

    @BeforeAll
    static void start() {
        int mqtt = FreePorts.tcp();
        int mqtts;
        do {
            mqtts = FreePorts.tcp();
        } while (mqtts == mqtt);
        broker = Mosquitto.start(runDir, mqtt, mqtts, Map.of("alice", "secret"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void plainListenerAcceptsValidCredentials() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.mqttPort())) {
            assertArrayEquals(ACCEPTED, connect(socket, "alice", "secret"));
        }
    }

    @Test
    void plainListenerRefusesWrongPassword() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.mqttPort())) {
            assertArrayEquals(NOT_AUTHORIZED, connect(socket, "alice", "wrong"));
        }
    }

    @Test
    void tlsListenerAcceptsValidCredentials() throws IOException {
        try (Socket socket = Certificates.trusting(broker.certificate()).getSocketFactory()
                .createSocket("127.0.0.1", broker.mqttsPort())) {
            assertArrayEquals(ACCEPTED, connect(socket, "alice", "secret"));
        }
    }

    private static byte[] connect(Socket socket, String user, String password) throws IOException {
        socket.setSoTimeout(3000);
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        string(variable, "MQTT");
        variable.write(4); // protocol level 3.1.1
        variable.write(0xC2); // user name, password, clean session
        variable.write(0);
        variable.write(30); // keep alive 30 s
        string(variable, "sipdrop-test-" + ProcessHandle.current().pid());
        string(variable, user);
        string(variable, password);
        byte[] body = variable.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.length); // < 128: one length byte
        packet.write(body);
        socket.getOutputStream().write(packet.toByteArray());
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        return in.readNBytes(4);
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes, 0, bytes.length);
    }
}
