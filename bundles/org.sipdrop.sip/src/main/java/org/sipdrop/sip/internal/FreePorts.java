package org.sipdrop.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds a port free for both TCP and UDP on one address. The JAIN-SIP RI refuses port 0
 * ("bad port"), so SipDrop picks an ephemeral port itself; a rival may still take it before
 * the stack binds, which the caller handles by trying again.
 */
final class FreePorts {

    private static final int ATTEMPTS = 20;

    private FreePorts() {
    }

    static int pick(String bindAddress) throws IOException {
        InetAddress address = InetAddress.getByName(bindAddress);
        IOException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                    return port;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("No port free for both TCP and UDP on " + bindAddress + " after " + ATTEMPTS + " tries", last);
    }
}
