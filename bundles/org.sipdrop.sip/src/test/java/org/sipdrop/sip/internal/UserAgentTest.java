package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;

/** Two user agents in one JVM talking directly (no server), over UDP and TCP. */
class UserAgentTest {

    private static final long WAIT = 10;
    private final JainSipEndpointFactory factory = new JainSipEndpointFactory();

    @AfterEach
    void stop() {
        factory.deactivate();
    }

    private SipUserAgent agent(String user) throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback(user, SipTransport.UDP, SipTransport.TCP));
        return ep.userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").transport(SipTransport.UDP).build());
    }

    private SipUserAgent agent(String user, SipTransport t) throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback(user, SipTransport.UDP, SipTransport.TCP));
        return ep.userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").transport(t).build());
    }

    private static String uriOf(SipUserAgent ua) {
        return ua.contact(); // sip:user@127.0.0.1:port;transport=x
    }

    @Test
    void messageIsDeliveredWithItsBodyAndAnswered200() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        BlockingQueue<IncomingRequest> inbox = new LinkedBlockingQueue<>();
        bob.onMessage(m -> {
            inbox.add(m);
            return SipStatus.OK;
        });
        SipResponse r = alice.message(uriOf(bob), SipBody.text("Grüße, Bob")).get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        IncomingRequest m = inbox.poll(WAIT, TimeUnit.SECONDS);
        assertEquals("Grüße, Bob", m.body().orElseThrow().text());
        assertEquals("sip:alice@127.0.0.1", m.from());
        assertEquals("text/plain", m.body().orElseThrow().mediaType());
    }

    @Test
    void rejectionStatusAndReasonReachTheSender() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        bob.onMessage(m -> SipStatus.UNSUPPORTED_MEDIA_TYPE);
        SipResponse r = alice.message(uriOf(bob), new SipBody("application/x-unknown", new byte[] { 1, 2 })).get(WAIT, TimeUnit.SECONDS);
        assertEquals(415, r.status());
        assertEquals("Unsupported Media Type", r.reason());
    }

    @Test
    void messageWithoutAReaderIsAnswered480() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        assertEquals(480, alice.message(uriOf(bob), SipBody.text("anyone?")).get(WAIT, TimeUnit.SECONDS).status());
    }

    @Test
    void messageOverUdpLargerThan1300BytesIsRefusedBeforeSending() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        SipBody big = SipBody.text("x".repeat(1400));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> alice.message(uriOf(bob), big));
        assertTrue(e.getMessage().contains("RFC 3428"), e.getMessage());
    }

    @Test
    void largeMessageGoesOverTcp() throws Exception {
        SipUserAgent alice = agent("alice", SipTransport.TCP);
        SipUserAgent bob = agent("bob", SipTransport.TCP);
        BlockingQueue<IncomingRequest> inbox = new LinkedBlockingQueue<>();
        bob.onMessage(m -> {
            inbox.add(m);
            return SipStatus.ACCEPTED;
        });
        byte[] payload = new byte[20_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        SipResponse r = alice.message(uriOf(bob), new SipBody("application/octet-stream", payload)).get(WAIT, TimeUnit.SECONDS);
        assertEquals(202, r.status());
        assertEquals(20_000, inbox.poll(WAIT, TimeUnit.SECONDS).body().orElseThrow().length());
    }

    @Test
    void optionsAnswerListsTheMethodsThisAgentServes() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        SipResponse r = alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        String allow = String.join(",", r.headers("Allow"));
        for (String m : List.of("INVITE", "MESSAGE", "BYE", "CANCEL", "NOTIFY", "OPTIONS")) {
            assertTrue(allow.contains(m), allow);
        }
    }

    @Test
    void optionsAnswerAdvertisesTheTransportsPresentAtThatMoment() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        java.util.Set<String> installed = new java.util.concurrent.CopyOnWriteArraySet<>(List.of("msrp", "http"));
        bob.advertise(() -> installed);
        assertEquals(List.of("msrp", "http"), org.sipdrop.sip.SipCapabilities.transports(alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS)));
        installed.remove("msrp");
        assertEquals(List.of("http"), org.sipdrop.sip.SipCapabilities.transports(alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS)));
        installed.clear();
        assertTrue(org.sipdrop.sip.SipCapabilities.transports(alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS)).isEmpty());
    }

    @Test
    void optionsAnswerCarriesTheSessionDescriptionSetAtThatMoment() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        assertTrue(alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS).body().isEmpty());
        java.util.concurrent.atomic.AtomicReference<String> sdp = new java.util.concurrent.atomic.AtomicReference<>(
                "v=0\r\nm=message 0 TCP/MSRP *\r\na=file-selector\r\n");
        bob.advertiseSessionDescription(() -> java.util.Optional.ofNullable(sdp.get())
                .map(t -> new SipBody("application/sdp", t.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        SipResponse r = alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS);
        assertEquals("application/sdp", r.body().orElseThrow().mediaType());
        assertEquals(sdp.get(), r.body().orElseThrow().text());
        sdp.set(null);
        assertTrue(alice.options(uriOf(bob)).get(WAIT, TimeUnit.SECONDS).body().isEmpty());
    }

    @Test
    void callIsAnsweredReinvitedAndHungUp() throws Exception {
        SipUserAgent alice = agent("alice", SipTransport.TCP);
        SipUserAgent bob = agent("bob", SipTransport.TCP);
        BlockingQueue<String> bobEvents = new LinkedBlockingQueue<>();
        bob.onInvite(call -> {
            call.ringing();
            call.onReinvite(new CallHandler() {
                @Override
                public SipBody reinvited(Call c, SipBody offer) {
                    bobEvents.add("reinvite:" + offer.text());
                    return new SipBody("application/sdp", "v=0 answer2".getBytes());
                }

                @Override
                public void ended(Call c, String reason) {
                    bobEvents.add("ended");
                }
            });
            bobEvents.add("offer:" + call.remoteBody().orElseThrow().text());
            call.accept(new SipBody("application/sdp", "v=0 answer1".getBytes()));
        });
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0 offer1".getBytes()), null);
        SipResponse ok = call.established().get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, ok.status());
        assertEquals("v=0 answer1", call.remoteBody().orElseThrow().text());
        assertEquals("offer:v=0 offer1", bobEvents.poll(WAIT, TimeUnit.SECONDS));

        SipResponse re = call.reinvite(new SipBody("application/sdp", "v=0 offer2".getBytes())).get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, re.status());
        assertEquals("v=0 answer2", call.remoteBody().orElseThrow().text());
        assertEquals("reinvite:v=0 offer2", bobEvents.poll(WAIT, TimeUnit.SECONDS));

        call.hangUp();
        call.ended().get(WAIT, TimeUnit.SECONDS);
        assertEquals("ended", bobEvents.poll(WAIT, TimeUnit.SECONDS));
    }

    /**
     * RFC 3261 §14.2: a re-INVITE without a body asks for an offer; the answerer's 200 carries
     * its current session description unchanged (it used to get 488). A handler that throws
     * gets 500 and the session stays.
     */
    @Test
    void bodylessReinviteIsAnsweredWithTheCurrentDescription() throws Exception {
        SipUserAgent alice = agent("alice", SipTransport.TCP);
        SipUserAgent bob = agent("bob", SipTransport.TCP);
        bob.onInvite(call -> {
            call.onReinvite(new CallHandler() {
                @Override
                public SipBody reinvited(Call c, SipBody offer) {
                    throw new IllegalStateException("a broken handler");
                }
            });
            call.accept(new SipBody("application/sdp", "v=0 answer1".getBytes()));
        });
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0 offer1".getBytes()), null);
        assertEquals(200, call.established().get(WAIT, TimeUnit.SECONDS).status());

        SipResponse refresh = call.reinvite(null).get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, refresh.status());
        assertEquals("v=0 answer1", refresh.body().orElseThrow().text());

        SipResponse broken = call.reinvite(new SipBody("application/sdp", "v=0 offer2".getBytes())).get(WAIT, TimeUnit.SECONDS);
        assertEquals(500, broken.status());
        assertFalse(call.ended().isDone(), "a refused re-INVITE leaves the session as it was");
        call.hangUp();
        call.ended().get(WAIT, TimeUnit.SECONDS);
    }

    /**
     * A caller that bounds its wait with {@code orTimeout} on the call's futures must not end the
     * call: the file-transfer engine did so, and its BYE (and CANCEL) were never sent.
     */
    @Test
    void aTimeoutOnTheCallsFuturesDoesNotEndTheCall() throws Exception {
        SipUserAgent alice = agent("alice", SipTransport.TCP);
        SipUserAgent bob = agent("bob", SipTransport.TCP);
        BlockingQueue<IncomingCall> calls = new LinkedBlockingQueue<>();
        bob.onInvite(call -> {
            call.accept(new SipBody("application/sdp", "v=0 answer".getBytes()));
            calls.add(call);
        });
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0 offer".getBytes()), null);
        assertEquals(200, call.established().orTimeout(WAIT, TimeUnit.SECONDS).get().status());
        IncomingCall atBob = calls.poll(WAIT, TimeUnit.SECONDS);
        atBob.established().get(WAIT, TimeUnit.SECONDS);
        CompletableFuture<Void> bounded = call.ended().orTimeout(1, TimeUnit.MILLISECONDS);
        assertThrows(ExecutionException.class, () -> bounded.get(WAIT, TimeUnit.SECONDS));
        assertFalse(call.ended().isDone(), "the caller's timeout is not the end of the call");
        call.hangUp();
        atBob.ended().get(WAIT, TimeUnit.SECONDS); // the BYE reached bob
    }

    @Test
    void byeCarriesTheSipReasonToThePeer() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        BlockingQueue<IncomingCall> calls = new LinkedBlockingQueue<>();
        bob.onInvite(call -> {
            call.accept(new SipBody("application/sdp", "v=0 answer".getBytes()));
            calls.add(call);
        });
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0 offer".getBytes()), null);
        assertEquals(200, call.established().get(WAIT, TimeUnit.SECONDS).status());
        IncomingCall atBob = calls.poll(WAIT, TimeUnit.SECONDS);
        atBob.established().get(WAIT, TimeUnit.SECONDS);
        atBob.hangUp(org.sipdrop.sip.SipReason.of(400, "hash mismatch: \"a.bin\"").with("file-transfer-ids", "abc.def"));
        call.ended().get(WAIT, TimeUnit.SECONDS);
        org.sipdrop.sip.SipReason got = call.peerReason().orElseThrow();
        assertEquals(400, got.cause());
        assertEquals("hash mismatch: \"a.bin\"", got.text());
        assertEquals("abc.def", got.extension("file-transfer-ids").orElseThrow());
        assertTrue(atBob.peerReason().isEmpty(), "the side that sent the BYE heard no reason");
    }

    @Test
    void declinedCallCarriesStatusAndReasonToTheCaller() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        bob.onInvite(call -> call.reject(new SipStatus(488, "File too large: 5 GiB, limit 1 GiB")));
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0".getBytes()), null);
        SipResponse r = call.established().get(WAIT, TimeUnit.SECONDS);
        assertEquals(488, r.status());
        assertEquals("File too large: 5 GiB, limit 1 GiB", r.reason());
        call.ended().get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void cancelBeforeAnswerEndsBothSidesWith487() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        BlockingQueue<IncomingCall> ringing = new LinkedBlockingQueue<>();
        bob.onInvite(call -> {
            call.ringing();
            ringing.add(call);
        });
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0".getBytes()), null);
        IncomingCall atBob = ringing.poll(WAIT, TimeUnit.SECONDS);
        call.hangUp();
        atBob.ended().get(WAIT, TimeUnit.SECONDS);
        assertEquals(487, call.established().get(WAIT, TimeUnit.SECONDS).status());
    }

    @Test
    void unansweredInviteWithoutHandlerGets480() throws Exception {
        SipUserAgent alice = agent("alice");
        SipUserAgent bob = agent("bob");
        Call call = alice.invite(uriOf(bob), new SipBody("application/sdp", "v=0".getBytes()), null);
        assertEquals(480, call.established().get(WAIT, TimeUnit.SECONDS).status());
    }

    @Test
    void secondAgentOnOneEndpointIsRefused() throws Exception {
        SipEndpoint ep = factory.open(SipEndpointConfig.loopback("x", SipTransport.UDP));
        ep.userAgent(SipAccount.builder("sip:x@127.0.0.1").build());
        assertThrows(IllegalStateException.class, () -> ep.userAgent(SipAccount.builder("sip:y@127.0.0.1").build()));
        assertThrows(IllegalArgumentException.class, () -> factory.open(SipEndpointConfig.loopback("z", SipTransport.UDP))
                .userAgent(SipAccount.builder("sip:z@127.0.0.1").transport(SipTransport.TCP).build()));
    }
}
