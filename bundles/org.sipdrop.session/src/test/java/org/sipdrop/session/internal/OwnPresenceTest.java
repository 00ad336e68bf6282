package org.sipdrop.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;

/** The user's own status follows the running transports, one PUBLISH at a time (RFC 3903 §4.4). */
class OwnPresenceTest {

    private static final String ALICE = "sip:alice@example.org";
    private static final SipResponse OK = new SipResponse(200, "OK", Map.of(), null);

    private volatile Set<String> schemes = Set.of("msrp");
    private final List<TransferServiceListener> transferListeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Presence> published = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<CompletableFuture<SipResponse>> answers = new LinkedBlockingQueue<>();
    private final List<String> ends = new CopyOnWriteArrayList<>();
    private volatile boolean answerAtOnce = true;

    private final TransferService transfers = (TransferService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { TransferService.class }, (proxy, method, args) -> switch (method.getName()) {
            case "schemes" -> schemes;
            case "addListener" -> transferListeners.add((TransferServiceListener) args[0]);
            case "removeListener" -> transferListeners.remove(args[0]);
            default -> throw new UnsupportedOperationException(method.getName());
            });

    private final PresenceClient client = (PresenceClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { PresenceClient.class }, (proxy, method, args) -> switch (method.getName()) {
            case "publish" -> {
                published.add((Presence) args[0]);
                CompletableFuture<SipResponse> answer = answerAtOnce ? CompletableFuture.completedFuture(OK)
                        : new CompletableFuture<>();
                answers.add(answer);
                yield answer;
            }
            case "close", "detach" -> {
                ends.add(method.getName());
                yield null;
            }
            case "toString" -> "fake presence client";
            default -> throw new UnsupportedOperationException(method.getName());
            });

    private final OwnPresence own = new OwnPresence(ALICE, client, transfers, Duration.ofSeconds(5));

    @AfterEach
    void close() {
        own.close(false);
    }

    @Test
    void aTransportThatStartsOrStopsRepublishesTheSameStatusWithTheSchemesOfTheMoment() throws Exception {
        assertEquals(200, own.publish(PresenceStatus.AWAY, "in a call", Duration.ofMinutes(2)).get(5, TimeUnit.SECONDS).status());
        assertEquals(Set.of("msrp"), Set.copyOf(next().transferSchemes()));

        schemes = Set.of("msrp", "mqtt");
        transferListeners.forEach(l -> l.transportsChanged(transfers));
        Presence started = next();
        assertEquals(Set.of("msrp", "mqtt"), Set.copyOf(started.transferSchemes()));
        assertEquals(PresenceStatus.AWAY, started.status());
        assertEquals("in a call", started.note().orElseThrow());

        schemes = Set.of("mqtt");
        transferListeners.forEach(l -> l.transportsChanged(transfers));
        assertEquals(Set.of("mqtt"), Set.copyOf(next().transferSchemes()));
    }

    @Test
    void nothingIsPublishedForATransportChangeBeforeTheUserPublishedAStatus() throws Exception {
        transferListeners.forEach(l -> l.transportsChanged(transfers));
        assertEquals(null, published.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aSecondPublishWaitsForTheAnswerToTheFirst() throws Exception {
        answerAtOnce = false;
        own.publish(PresenceStatus.AVAILABLE, null, Duration.ofMinutes(2));
        own.publish(PresenceStatus.BUSY, null, Duration.ofMinutes(2));
        assertEquals(PresenceStatus.AVAILABLE, next().status());
        assertEquals(null, published.poll(300, TimeUnit.MILLISECONDS), "the second PUBLISH went out before the first answer");
        answers.take().complete(OK);
        assertEquals(PresenceStatus.BUSY, next().status());
        answers.take().complete(OK);
    }

    @Test
    void closingWithdrawsTheStatusUnlessAskedToKeepIt() {
        own.close(true);
        assertEquals(List.of("detach"), ends);
        assertTrue(transferListeners.isEmpty(), "stops following the transports");
        OwnPresence other = new OwnPresence(ALICE, client, transfers, Duration.ofSeconds(5));
        other.close(false);
        assertEquals(List.of("detach", "close"), ends);
    }

    private Presence next() throws InterruptedException {
        Presence p = published.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("nothing was published");
        }
        return p;
    }
}
