package org.sipdrop.transfer;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when transfers appear and when the set of available transports changes. */
@ConsumerType
public interface TransferServiceListener {

    /** A new transfer, outgoing or incoming, is known to the service. */
    default void transferAdded(Transfer transfer) {
    }

    /** A transport came or went; {@link TransferService#schemes()} may differ now. */
    default void transportsChanged(TransferService service) {
    }
}
