/**
 * Test support for SipDrop's interop tests with real third-party peers on 127.0.0.1: Kamailio
 * (registrar, proxy, presence server; UDP, TCP, TLS), nginx WebDAV storage, the mosquitto MQTT
 * broker (with SipDrop's topic ACL and client certificates if asked) and mosquitto_pub/_sub as an
 * independent MQTT client, sipp scenarios and tshark captures. Used by OSGi test fragments and plain JUnit tests
 * alike; it needs only the JDK.
 * <p>
 * Each peer is started by its launcher in {@code releng/peers/} (found with
 * {@link org.sipdrop.testing.Repository}) into a run directory the caller gives, on ports the
 * caller gives ({@link org.sipdrop.testing.FreePorts}); every wait is bounded; every handle is
 * {@link java.lang.AutoCloseable} and stops its process by PID. A peer whose program is not
 * installed raises {@link org.sipdrop.testing.MissingPeerException} naming the Debian package:
 * tests fail, they do not skip.
 */
package org.sipdrop.testing;
