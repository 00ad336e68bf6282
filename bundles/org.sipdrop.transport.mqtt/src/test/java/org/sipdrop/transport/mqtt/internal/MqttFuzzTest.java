package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for what an MQTT peer (or anyone allowed to publish to the inbox) puts in a
 * message: chunk and ack payloads, the topic the broker delivers it on, an abort's text, and the
 * endpoint URI the SDP {@code a=path} carries. Each decoder returns a value or throws its
 * documented exception ({@link MalformedFrameException}, {@link IllegalArgumentException} for an
 * endpoint URI), never another; what decodes encodes back to the same bytes.
 */
class MqttFuzzTest {

    /** ChunkFrame.decode: a frame or MalformedFrameException; encode(decode(p)) == p. */
    @FuzzTest(maxDuration = "10m")
    void chunkFrame(FuzzedDataProvider data) {
        int maxChunkSize = data.consumeInt(1, 4096);
        byte[] payload = data.consumeRemainingAsBytes();
        ChunkFrame frame;
        try {
            frame = ChunkFrame.decode(payload, maxChunkSize);
        } catch (MalformedFrameException e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertTrue(frame.length() <= maxChunkSize);
        ByteBuffer chunk = frame.data();
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        assertArrayEquals(payload, ChunkFrame.encode(frame.sequence(), frame.offset(), frame.last(), bytes, 0, bytes.length));
        frame.end();
        frame.toString();
    }

    /** AckFrame.decode: a frame or MalformedFrameException; encode(decode(p)) == p. */
    @FuzzTest(maxDuration = "10m")
    void ackFrame(byte[] payload) {
        AckFrame ack;
        try {
            ack = AckFrame.decode(payload);
        } catch (MalformedFrameException e) {
            return;
        }
        assertArrayEquals(payload, ack.encode());
        ack.permits(ack.nextSequence());
    }

    /**
     * Addressed.of on a delivered topic, PeerAbort.parse on an abort payload, MqttEndpoint.parse on
     * an a=path URI (round trip through uri()).
     */
    @FuzzTest(maxDuration = "10m")
    void topicsAndEndpoints(FuzzedDataProvider data) {
        String topic = data.consumeString(300);
        Optional<MqttEndpoint.Addressed> addressed = MqttEndpoint.Addressed.of(topic);
        addressed.ifPresent(a -> assertTrue(a.inbox().endsWith("/#")));
        byte[] abort = data.consumeBytes(400);
        assertNotNull(PeerAbort.parse("peer", abort).getMessage());
        String text = data.consumeRemainingAsString();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return;
        }
        MqttEndpoint endpoint;
        try {
            endpoint = MqttEndpoint.parse(uri);
        } catch (IllegalArgumentException e) {
            if (e instanceof NumberFormatException) {
                throw e;
            }
            return;
        }
        assertEquals(endpoint, MqttEndpoint.parse(endpoint.uri()));
        MqttEndpoint.Addressed.of(endpoint.topicFrom(endpoint.user(), MqttEndpoint.Kind.DATA)).orElseThrow();
    }
}
