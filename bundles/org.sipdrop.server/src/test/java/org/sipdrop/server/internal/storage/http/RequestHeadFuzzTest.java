package org.sipdrop.server.internal.storage.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the embedded storage's HTTP/1.1 front: finding the end of a request head in the
 * bytes a client sent ({@link RequestHead#end}) and parsing it ({@link RequestHead#parse}, RFC 9112).
 * A head parses or is {@link RequestHead.Refused} with a 4xx/5xx status, never anything else.
 * The normal build replays {@code RequestHeadFuzzTestInputs/requestHead/}; {@code releng/fuzz/run} fuzzes.
 */
class RequestHeadFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void requestHead(byte[] wire) {
        int end = RequestHead.end(wire, 0, wire.length);
        assertTrue(end == -1 || end > 0 && end <= wire.length, "end " + end);
        int to = end < 0 ? wire.length : end;
        RequestHead head;
        try {
            head = RequestHead.parse(wire, 0, to);
        } catch (RequestHead.Refused e) {
            assertTrue(e.status() >= 400 && e.status() <= 505, "status " + e.status());
            return;
        }
        assertTrue(head.contentLength() >= -1);
        head.wantsClose();
        head.expectsContinue();
        for (Map.Entry<String, List<String>> field : head.headers().entrySet()) {
            assertTrue(!field.getValue().isEmpty(), field.getKey());
        }
    }
}
