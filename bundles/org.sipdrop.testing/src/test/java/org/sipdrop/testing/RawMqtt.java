package org.sipdrop.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw MQTT 3.1.1 CONNECT (section 3.1) and its CONNACK, which is 0x20 0x02 flags code (3.2). */
final class RawMqtt {

    static final byte[] ACCEPTED = {0x20, 0x02, 0x00, 0x00};
    /** MQTT 3.1.1 3.2.2.3: return code 5, not authorized. */
    static final byte[] NOT_AUTHORIZED = {0x20, 0x02, 0x00, 0x05};

    private RawMqtt() {
    }

    /** Sends CONNECT with user name, password and clean session; returns the 4 bytes of CONNACK (fewer if the broker closed). */
    static byte[] connect(Socket socket, String user, String password) throws IOException {
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
