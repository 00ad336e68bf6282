package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.transport.mqtt.internal.TransferTopics.Kind;

class TransferTopicsTest {

    @Test
    void followsTheDocumentedLayout() {
        TransferTopics t = new TransferTopics("aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2");
        assertEquals("sipdrop/v1/aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2/data", t.data());
        assertEquals("sipdrop/v1/aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2/ack", t.ack());
        assertEquals("sipdrop/v1/aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2/done", t.done());
        assertEquals("sipdrop/v1/aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2/abort", t.abort());
        assertEquals(List.of(t.ack(), t.done(), t.abort()), t.senderSubscriptions());
        assertEquals(List.of(t.data(), t.abort()), t.receiverSubscriptions());
    }

    @Test
    void everyTopicIsAValidTopicNameForPaho() {
        TransferTopics t = new TransferTopics("acme/sipdrop/v1", "a.b_c~d-e");
        for (Kind kind : Kind.values()) {
            MqttTopic.validate(t.topic(kind), false);
        }
    }

    @Test
    void classifiesArrivedTopics() {
        TransferTopics t = new TransferTopics("x1");
        assertEquals(Optional.of(Kind.ACK), t.kindOf("sipdrop/v1/x1/ack"));
        assertEquals(Optional.empty(), t.kindOf("sipdrop/v1/x2/ack"));
        assertEquals(Optional.empty(), t.kindOf("sipdrop/v1/x1/data/3"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a+b", "a#", "a/b", "a\u0000b", "", "a b", "\u00e9", "$SYS", "a\nb", "\uD800" })
    void rejectsTransferIdsThatCouldBreakOutOfTheirTopicLevel(String id) {
        assertFalse(TransferTopics.isValidTransferId(id));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransferTopics(id));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void namesTheOffendingCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TransferTopics("ab\u0000"));
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TransferTopics("a#b"));
        assertTrue(e.getMessage().contains("'#'"), e.getMessage());
    }

    @Test
    void limitsTransferIdLength() {
        assertTrue(TransferTopics.isValidTransferId("a".repeat(128)));
        assertFalse(TransferTopics.isValidTransferId("a".repeat(129)));
        assertFalse(TransferTopics.isValidTransferId(null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "$SYS/x", "a//b", "/a", "a/", "a/+/b", "a/#", "a\u0000", "" })
    void rejectsPrefixesThatAreNotPlainTopicLevels(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> new TransferTopics(prefix, "id"));
    }

    @Test
    void usesQos1() {
        assertEquals(1, TransferTopics.QOS);
    }
}
