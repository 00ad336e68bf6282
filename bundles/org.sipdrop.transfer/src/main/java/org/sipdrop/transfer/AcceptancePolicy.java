package org.sipdrop.transfer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides, before any byte moves, what happens to an incoming offer: accept it, reject it
 * with a reason the sender is shown, or ask the user.
 */
@ConsumerType
public interface AcceptancePolicy {

    /**
     * @param sender the offering party's address-of-record
     * @param offer what is offered
     * @return the decision; never null
     */
    Decision decide(String sender, FileOffer offer);
}
