/**
 * The SipDrop file-transfer engine API: a {@link org.sipdrop.negotiation.FileTransferAgent} per
 * SIP user agent offers files with their metadata in an INVITE (RFC 5547 SDP), answers offers
 * by the receiver's {@link org.sipdrop.transfer.AcceptancePolicy}, moves the bytes over a
 * {@link org.sipdrop.transfer.TransportProvider} and reports every file as a
 * {@link org.sipdrop.transfer.Transfer}. Imports only the SIP and transfer APIs.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.sipdrop.negotiation;
