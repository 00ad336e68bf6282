package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipdrop.negotiation.internal.sdp.Rfc5547Figures.FIG_9;

import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportSession;

/** How the sender of a push takes the receiver's answer (RFC 5547 §8.2.1, §8.7), on Fig. 9 of RFC 5547 §9.1. */
class OutgoingStreamAnswerTest {

    /** The file of Fig. 8: 4092 octets. */
    private final FileOffer file = FileOffer.builder("My cool picture.jpg", 4092).mediaType("image/jpeg").transferId("Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE").build();
    private final TransportRequest request = new TransportRequest(file, Direction.OUTGOING, "sip:bob@example.com", "msrp", 0)
            .with(TransportParameter.SETUP, ConnectionRole.ACTPASS);
    private final org.sipdrop.transfer.TransferControl transfer = new TestTransfer("t", file, "sip:bob@example.com", Direction.OUTGOING, null, () -> { });
    private boolean closed;
    private final OutgoingStream stream = new OutgoingStream(null, transfer, Path.of("unused"), request, new TransportSession() {
        @Override
        public TransportEndpoint localEndpoint() {
            return TransportEndpoint.of(URI.create("msrp://alicepc.example.com:7654/jshA7we;tcp"));
        }

        @Override
        public void send(TransportEndpoint remote, ReadableByteChannel source, LongConsumer progress) {
            throw new AssertionError("nothing is sent here");
        }

        @Override
        public void receive(TransportEndpoint remote, WritableByteChannel sink, LongConsumer progress) {
            throw new AssertionError("nothing is received here");
        }

        @Override
        public void close() {
            closed = true;
        }
    });

    private boolean accept(String answer) throws SdpException {
        Sdp sdp = SdpParser.withDefaults().parse(answer);
        return stream.accept(sdp.media().get(0), sdp);
    }

    @Test
    void fig9AnswerLetsTheWholeFileGo() throws SdpException {
        assertTrue(accept(FIG_9));
        assertEquals(0, request.offset());
        assertEquals(TransferState.ACCEPTED, transfer.state());
    }

    /** RFC 5547 §8.7: "File senders MUST NOT exceed the 'max-size' limit for any message sent in the resulting session." */
    @Test
    void fileLargerThanTheReceiversMaxSizeIsNotSent() throws SdpException {
        assertFalse(accept(FIG_9 + "a=max-size:4000\r\n"));
        assertEquals(TransferState.FAILED, transfer.state());
        String why = transfer.failure().orElseThrow().reason();
        assertTrue(why.contains("max-size") && why.contains("4000") && why.contains("4092"), why);
        assertTrue(closed);
    }

    @Test
    void fileWithinTheReceiversMaxSizeIsSent() throws SdpException {
        assertTrue(accept(FIG_9 + "a=max-size:4092\r\n"));
    }

    /** The message is the range asked for (RFC 5547 §8.7), so a resumed rest may fit where the whole file does not. */
    @Test
    void maxSizeCountsTheAnsweredRangeOnly() throws SdpException {
        assertTrue(accept(FIG_9 + "a=max-size:100\r\na=file-range:4001-4092\r\n"));
        assertEquals(4000, request.offset());
    }

    /** RFC 6135 §4.2.2: an answerer to actpass SHOULD say passive; then this side connects. */
    @Test
    void passiveAnswerMakesTheOffererConnect() throws SdpException {
        assertTrue(accept(FIG_9 + "a=setup:passive\r\n"));
        assertEquals(TransferState.ACCEPTED, transfer.state());
        assertEquals("active", request.get(TransportParameter.SETUP).map(ConnectionRole::sdpValue).orElse(null));
    }

    /** Fig. 9 is an RFC 4975 answer, without a=setup: "the initiating endpoint MUST act as the 'active' endpoint" (RFC 4975 §5.4). */
    @Test
    void answerWithoutSetupMakesTheOffererConnect() throws SdpException {
        assertTrue(accept(FIG_9));
        assertEquals("active", request.get(TransportParameter.SETUP).map(ConnectionRole::sdpValue).orElse(null));
    }

    /** RFC 6135 §4.2.1: holdconn is taken as no a=setup. */
    @Test
    void holdconnAnswerIsTakenAsNone() throws SdpException {
        assertTrue(accept(FIG_9 + "a=setup:holdconn\r\n"));
        assertEquals("active", request.get(TransportParameter.SETUP).map(ConnectionRole::sdpValue).orElse(null));
    }

    @Test
    void activeAnswerLeavesTheOffererListening() throws SdpException {
        assertTrue(accept(FIG_9 + "a=setup:active\r\n"));
        assertEquals("passive", request.get(TransportParameter.SETUP).map(ConnectionRole::sdpValue).orElse(null));
    }

    /** Fig. 9 accepts only message/cpim, anything wrapped: the file goes inside CPIM (RFC 4975 §8.6, RFC 5547 §8.7). */
    @Test
    void fig9AnswerGetsTheFileWrappedInCpim() throws SdpException {
        assertTrue(accept(FIG_9));
        assertEquals("message/cpim", request.get(TransportParameter.WRAP).orElse(null));
    }

    @Test
    void answerAcceptingTheFilesTypeGetsItAsItIs() throws SdpException {
        assertTrue(accept(FIG_9.replace("a=accept-types:message/cpim", "a=accept-types:message/cpim image/*")));
        assertEquals(null, request.get(TransportParameter.WRAP).orElse(null));
    }

    /** RFC 4975 §8.6: "An MSRP endpoint MUST NOT send content of a type not signaled by the peer". */
    @Test
    void answerAcceptingNeitherTheTypeNorCpimGetsNothing() throws SdpException {
        assertFalse(accept(FIG_9.replace("a=accept-types:message/cpim", "a=accept-types:text/plain")));
        assertEquals(TransferState.FAILED, transfer.state());
        assertTrue(transfer.failure().orElseThrow().reason().contains("§8.6"), transfer.failure().orElseThrow().reason());
    }

    /** The whole message, wrapper included, must fit the receiver's a=max-size (RFC 5547 §8.7): the transport checks it. */
    @Test
    void receiversMaxSizeGoesToTheTransport() throws SdpException {
        assertTrue(accept(FIG_9 + "a=max-size:5000\r\n"));
        assertEquals(5000L, request.get(TransportParameter.MAX_SIZE).orElseThrow());
    }
}
