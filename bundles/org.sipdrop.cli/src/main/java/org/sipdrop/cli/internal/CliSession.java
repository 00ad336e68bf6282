package org.sipdrop.cli.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.session.SessionConfig;
import org.sipdrop.session.SessionException;
import org.sipdrop.session.UserSession;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.transfer.TransferService;

/**
 * A command's user session: signed in through the user-session service for the life of the
 * command (closing it signs out), with every failure turned into a one-line reason.
 */
public final class CliSession {

    /** How long a command waits for any one SIP answer. */
    public static final Duration ANSWER = Duration.ofSeconds(15);

    /**
     * How long the "available" of a running {@code receive} or {@code share} lasts: refreshed while
     * the command runs, withdrawn when it stops, so one killed without a chance to withdraw it
     * stops showing within this time.
     */
    public static final Duration READY_LIFETIME = Duration.ofMinutes(2);

    private static final Duration START = Duration.ofSeconds(10);

    private CliSession() {
    }

    /**
     * Signs in as the command's user with the agent settings given.
     *
     * @throws CommandFailure when a service is missing, the endpoint cannot open or the registrar refuses
     */
    public static UserSession open(ClientOptions options, Services services, AgentSettings agent) throws CommandFailure {
        UserSessionFactory sessions = services.await(UserSessionFactory.class, START)
                .orElseThrow(() -> new CommandFailure("the user-session service did not start"));
        try {
            return sessions.open(SessionConfig.of(options.endpoint(), options.account(), agent).answerTimeout(ANSWER));
        } catch (SessionException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** @return the transfer service, once it runs */
    public static TransferService transfers(Services services) throws CommandFailure {
        return services.await(TransferService.class, START)
                .orElseThrow(() -> new CommandFailure("the transfer service did not start"));
    }

    /** @return agent settings for a command that takes no pushed files: it declines them */
    public static AgentSettings declining(TransferService transfers) {
        return AgentSettings.of(Path.of(System.getProperty("java.io.tmpdir")), transfers.acceptancePolicy("none", null));
    }

    /**
     * Shows the user as available with {@code note} while the command runs (the session
     * withdraws it on close). Not awaited: taking files does not wait for the presence server;
     * a refusal is only worth a warning.
     */
    public static void showAvailable(UserSession session, String note, Console console) {
        session.publish(PresenceStatus.AVAILABLE, note, READY_LIFETIME).whenComplete((r, e) -> {
            String why = e != null ? String.valueOf(e.getMessage()) : r.isSuccess() ? null : r.status() + " " + r.reason();
            if (why != null) {
                console.err().println("sipdrop: warning: your status was not published (" + why
                        + "); colleagues may see you offline");
            }
        });
    }

    /** Waits a bounded time for a SIP answer, turning every failure into a one-line reason. */
    public static <T> T await(CompletableFuture<T> f, String what) throws CommandFailure {
        try {
            return f.get(ANSWER.toSeconds() + 1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CommandFailure("no answer to " + what + " within " + ANSWER.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new CommandFailure(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while waiting for " + what);
        }
    }
}
