/**
 * The transport kit: {@link org.sipdrop.transfer.testkit.TransportContract}, the JUnit 5 contract
 * every {@link org.sipdrop.transfer.TransportProvider} passes, for SipDrop's own transports and
 * third-party ones alike. A transport's test extends it and names the provider, the scheme and how
 * to stop the provider; the kit reads the provider's {@link org.sipdrop.transfer.Carriage} and runs
 * the rendezvous that carriage implies. {@code docs/writing-a-transport.md} shows a whole example.
 * <p>
 * Imports only the transfer API and JUnit Jupiter; runs inside an OSGi test runtime (Tycho
 * surefire) or on a plain class path.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.sipdrop.transfer.testkit;
