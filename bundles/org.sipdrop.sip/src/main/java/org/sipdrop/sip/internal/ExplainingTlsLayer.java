package org.sipdrop.sip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import gov.nist.core.net.NetworkLayer;
import gov.nist.core.net.SslNetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

/**
 * The RI's TLS network layer (RFC 3261 §26.2.1), except that outgoing TLS connections check the
 * server with {@link ExplainingTrustManager}, so a refused server certificate is reported with
 * its subject, SHA-256 fingerprint and the reason. The RI's own {@link SslNetworkLayer} builds its
 * trust managers itself and offers no hook; the RI instantiates this class by name (property
 * {@code gov.nist.javax.sip.NETWORK_LAYER}, no-argument constructor) and hands it the stack, whose
 * properties hold the endpoint's key and trust store ({@link StackProperties#withTls}).
 * Everything but the client TLS socket is delegated to an {@link SslNetworkLayer}; TCP and
 * TLS connections this side opens, and accepted TCP ones, have Nagle off ({@link NoDelayNetworkLayer}).
 */
public final class ExplainingTlsLayer implements NetworkLayer {

    /** Connect timeout of the RI's layer, kept. */
    private static final int CONNECT_TIMEOUT_MILLIS = 8000;

    private NetworkLayer delegate;
    private SSLSocketFactory clients;

    /** For the RI, which creates the layer reflectively. */
    public ExplainingTlsLayer() {
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        Properties p = stack.getConfigurationProperties();
        String key = p.getProperty("javax.net.ssl.keyStore");
        String trust = p.getProperty("javax.net.ssl.trustStore", key);
        char[] keyPassword = p.getProperty("javax.net.ssl.keyStorePassword", "").toCharArray();
        char[] trustPassword = p.getProperty("javax.net.ssl.trustStorePassword", new String(keyPassword)).toCharArray();
        String keyType = p.getProperty("javax.net.ssl.keyStoreType", KeyStore.getDefaultType());
        String trustType = p.getProperty("javax.net.ssl.trustStoreType", keyType);
        try {
            SslNetworkLayer ri = new SslNetworkLayer(stack, trust, key, keyPassword, trustPassword, keyType, trustType);
            ri.setSipStack(stack);
            delegate = ri;
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(key, keyPassword, keyType), keyPassword);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trust, trustPassword, trustType));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), ExplainingTrustManager.wrap(tmf.getTrustManagers(), "trust store " + trust),
                    null);
            clients = ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up SIP over TLS with key store " + key + " and trust store "
                    + trust + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, char[] password, String type) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ks.load(in, password);
        }
        return ks;
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return createSSLSocket(address, port, null);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        SSLSocket s = (SSLSocket) clients.createSocket();
        try {
            if (myAddress != null) {
                s.bind(new InetSocketAddress(myAddress, 0));
            }
            s.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true); // as NoDelayNetworkLayer
            return s;
        } catch (SocketTimeoutException e) {
            s.close();
            throw new ConnectException("Socket timeout error (" + CONNECT_TIMEOUT_MILLIS + "ms) connecting to "
                    + address + ":" + port);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return delegate.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return NoDelayNetworkLayer.noDelayServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return NoDelayNetworkLayer.noDelay(delegate.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return NoDelayNetworkLayer.noDelay(delegate.createSocket(address, port, myAddress));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return NoDelayNetworkLayer.noDelay(delegate.createSocket(address, port, myAddress, myPort));
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
