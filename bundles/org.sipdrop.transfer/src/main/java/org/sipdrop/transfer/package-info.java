/**
 * The SipDrop transfer API: what is offered ({@link org.sipdrop.transfer.FileOffer}), how a
 * transfer proceeds ({@link org.sipdrop.transfer.Transfer}, {@link org.sipdrop.transfer.TransferState}),
 * the service that drives transfers ({@link org.sipdrop.transfer.TransferService}), the
 * whiteboard SPI that transports implement ({@link org.sipdrop.transfer.TransportProvider}),
 * and the receiver's decision ({@link org.sipdrop.transfer.AcceptancePolicy}).
 * <p>
 * This package imports nothing third-party; only the OSGi versioning annotations, which are
 * retained in class files but not needed at run time.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.sipdrop.transfer;
