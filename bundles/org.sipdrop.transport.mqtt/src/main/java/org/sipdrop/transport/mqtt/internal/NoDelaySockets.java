package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho that turn Nagle's algorithm off (TCP_NODELAY). Paho leaves it on, and
 * the transfer's flow is request-response in small messages (a 17-byte acknowledgement opens the
 * window for the next chunks): with Nagle and the peer's delayed ACKs each such exchange can wait
 * tens of milliseconds. Paho accepts only a plain factory for {@code tcp://} and an
 * {@link SSLSocketFactory} for {@code ssl://}, so there is one of each.
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    /** @return a plain socket factory whose sockets have TCP_NODELAY */
    static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    /** @return {@code tls}, its sockets with TCP_NODELAY */
    static SSLSocketFactory tls(SSLSocketFactory tls) {
        return new Tls(tls);
    }

    private static <S extends Socket> S noDelay(S s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory d;

        Plain(SocketFactory d) {
            this.d = d;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(d.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(d.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(d.createSocket(host, port, local, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory d;

        Tls(SSLSocketFactory d) {
            this.d = d;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return d.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return d.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(d.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            return d.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(d.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(d.createSocket(host, port, local, localPort));
        }
    }
}
