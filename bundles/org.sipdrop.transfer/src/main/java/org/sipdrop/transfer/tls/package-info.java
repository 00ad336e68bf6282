/**
 * TLS support for transports: a trust manager that says which peer certificate it refused and why.
 * JDK only.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.sipdrop.transfer.tls;
