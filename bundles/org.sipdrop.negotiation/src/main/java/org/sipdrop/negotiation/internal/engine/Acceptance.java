package org.sipdrop.negotiation.internal.engine;

import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferFailure;

/** How a receiver answers one offered file, whatever carried the offer (INVITE or MESSAGE). */
final class Acceptance {

    private Acceptance() {
    }

    /**
     * The policy first, then the user when the policy leaves it to them.
     *
     * @param prompt who answers {@link Decision.Kind#ASK}; null declines such offers
     * @return the refusal to send back, or null to accept
     */
    static TransferFailure decide(AcceptancePolicy policy, AcceptancePolicy prompt, String sender, FileOffer file) {
        Decision d = policy.decide(sender, file);
        if (d.kind() == Decision.Kind.ASK) {
            d = prompt == null ? Decision.reject(Decision.DECLINE, "Nobody here to accept files") : prompt.decide(sender, file);
        }
        switch (d.kind()) {
        case ACCEPT:
            return null;
        case REJECT:
            return d.reason().orElseThrow();
        default:
            return new TransferFailure(Decision.DECLINE, "Not answered");
        }
    }
}
