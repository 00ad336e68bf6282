package org.sipdrop.cli.internal.commands;

import java.time.Duration;
import java.time.Instant;

import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UserSession;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceClientFactory;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.transfer.TransferService;

/**
 * While a command that takes files runs ({@code receive}, {@code share}), its user shows as
 * available to watchers (the Contacts view, {@code watch}), with a note saying why and the
 * transports it accepts; closing withdraws the status (RFC 3903 §4.5). The publication lasts
 * {@link #LIFETIME} and is refreshed while the command runs, so a command killed without a chance
 * to withdraw it stops showing within that time. A server without a presence service only costs
 * a warning: taking files does not depend on it.
 */
final class ReadyPresence implements AutoCloseable {

    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final PresenceClient presence;

    private ReadyPresence(PresenceClient presence) {
        this.presence = presence;
    }

    /** Publishes "available" with {@code note}; @return what withdraws it, never null */
    static ReadyPresence publish(Services services, UserSession session, TransferService transfers, String note,
            Console console) {
        PresenceClient client = services.await(PresenceClientFactory.class, Duration.ofSeconds(10))
                .map(f -> f.create(session.agent())).orElse(null);
        if (client == null) {
            return new ReadyPresence(null);
        }
        Presence own = Presence.builder(session.agent().account().aor(), PresenceStatus.AVAILABLE).note(note)
                .transferSchemes(transfers.schemes()).timestamp(Instant.now()).build();
        // not awaited: taking files does not wait for the presence server (one that never answers
        // would hold the command for the answer timeout); a refusal is only worth a warning
        client.publish(own, LIFETIME).whenComplete((r, e) -> {
            String why = e != null ? String.valueOf(e.getMessage()) : r.isSuccess() ? null : r.status() + " " + r.reason();
            if (why != null) {
                console.err().println("sipdrop: warning: your status was not published (" + why
                        + "); colleagues may see you offline");
            }
        });
        return new ReadyPresence(client);
    }

    @Override
    public void close() {
        if (presence != null) {
            presence.close();
        }
    }
}
