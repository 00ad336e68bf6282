/**
 * The SipDrop presence API: what a contact's presence says ({@link org.sipdrop.presence.Presence},
 * {@link org.sipdrop.presence.PresenceStatus}), including the file-transfer URI schemes the
 * contact advertises so a sender can pick a transport the receiver accepts.
 * <p>
 * This package imports nothing third-party; the wire format (PIDF, RFC 3863, with RPID,
 * RFC 4480) lives in {@code org.sipdrop.presence.internal.pidf}.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.sipdrop.presence;
