package org.sipdrop.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The RI's plain network layer, with Nagle's algorithm off (TCP_NODELAY, RFC 896) on every SIP
 * TCP connection, opened or accepted. SIP writes each message whole, but often two in a row on
 * one connection (an ACK and then the authenticated INVITE, RFC 3261 §22.2; a 180 and then the
 * 200): with Nagle on, the second waits until the first is acknowledged, and the peer delays that
 * acknowledgement (about 40 ms on Linux), a delay that issue 17's offer-to-first-byte benchmark
 * ({@code releng/bench/first-byte}) found twice per offer. The RI creates this class by name
 * (property {@code gov.nist.javax.sip.NETWORK_LAYER}, no-argument constructor); stacks with TLS
 * use {@link ExplainingTlsLayer}, which turns Nagle off the same way.
 */
public final class NoDelayNetworkLayer implements NetworkLayer {

    private final NetworkLayer delegate = DefaultNetworkLayer.SINGLETON;

    /** For the RI, which creates the layer reflectively. */
    public NoDelayNetworkLayer() {
    }

    /** @return {@code s} with TCP_NODELAY set */
    static <S extends Socket> S noDelay(S s) throws IOException {
        try {
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** @return a server socket as the RI's layer makes it, whose accepted connections have TCP_NODELAY set */
    static ServerSocket noDelayServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                return noDelay(super.accept());
            }
        };
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        // the RI's plain layer needs nothing from the stack
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return noDelayServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return noDelay(delegate.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return noDelay(delegate.createSocket(address, port, myAddress));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, myAddress, myPort));
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return delegate.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return noDelay(delegate.createSSLSocket(address, port));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return noDelay(delegate.createSSLSocket(address, port, myAddress));
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return delegate.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        return delegate.createDatagramSocket(port, bindAddress);
    }
}
