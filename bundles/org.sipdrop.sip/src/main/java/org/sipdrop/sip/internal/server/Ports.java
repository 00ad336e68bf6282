package org.sipdrop.sip.internal.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free ports for a server: the JAIN-SIP RI refuses port 0, so we pick an ephemeral port that is
 * free for both TCP and UDP ourselves (as the endpoint's FreePorts does); a rival may still take
 * it before the stack binds, which surfaces as a bind error.
 */
final class Ports {

    private static final int ATTEMPTS = 20;

    private Ports() {
    }

    static int free(InetAddress address, int avoid) throws IOException {
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, 0));
                int port = tcp.getLocalPort();
                if (port == avoid) {
                    continue;
                }
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                    return port;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("No port free for both TCP and UDP on " + address.getHostAddress() + " after " + ATTEMPTS + " tries", last);
    }
}
