package org.sipdrop.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on 127.0.0.1 for peers and the code under test. Ports are drawn at random from
 * {@value #LOW}..{@value #HIGH}, below Linux's ephemeral range (32768..60999), so that the
 * kernel does not hand the same number to an outgoing connection before the peer binds it,
 * and then checked by binding them. Bounded: {@value #ATTEMPTS} draws at most.
 */
public final class FreePorts {

    static final int LOW = 20000;
    static final int HIGH = 32700;
    static final int ATTEMPTS = 500;

    private FreePorts() {
    }

    /** A port free for TCP. */
    public static int tcp() {
        return block(1, true, false);
    }

    /** {@code count} (1..16) distinct ports, each free for TCP, e.g. for a server's listeners. */
    public static int[] distinctTcp(int count) {
        if (count < 1 || count > 16) {
            throw new IllegalArgumentException("count must be 1..16, got " + count);
        }
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            int port = tcp();
            for (int attempt = 0; attempt < ATTEMPTS && taken(ports, i, port); attempt++) {
                port = tcp();
            }
            if (taken(ports, i, port)) {
                throw new PeerException("no " + count + " distinct free TCP ports after " + ATTEMPTS + " attempts");
            }
            ports[i] = port;
        }
        return ports;
    }

    private static boolean taken(int[] ports, int length, int port) {
        for (int i = 0; i < length; i++) {
            if (ports[i] == port) {
                return true;
            }
        }
        return false;
    }

    /** A port free for UDP. */
    public static int udp() {
        return block(1, false, true);
    }

    /** A port free for both TCP and UDP, as SIP listens on both. */
    public static int tcpAndUdp() {
        return block(1, true, true);
    }

    /** The first of {@code count} consecutive ports, each free for TCP and UDP. */
    public static int consecutive(int count) {
        if (count < 1 || count > 16) {
            throw new IllegalArgumentException("count must be 1..16, got " + count);
        }
        return block(count, true, true);
    }

    private static int block(int count, boolean tcp, boolean udp) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = random.nextInt(LOW, HIGH - count + 1);
            if (allFree(first, count, tcp, udp)) {
                return first;
            }
        }
        throw new PeerException("no " + count + " free port(s) on 127.0.0.1 in " + LOW + ".." + HIGH
                + " after " + ATTEMPTS + " attempts");
    }

    private static boolean allFree(int first, int count, boolean tcp, boolean udp) {
        for (int port = first; port < first + count; port++) {
            if ((tcp && !tcpFree(port)) || (udp && !udpFree(port))) {
                return false;
            }
        }
        return true;
    }

    /** Whether 127.0.0.1:port can be bound for TCP now. */
    public static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether 127.0.0.1:port can be bound for UDP now. */
    public static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
