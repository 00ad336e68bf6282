package org.sipdrop.ui.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;

/** The one send path: whatever the number of recipients, the agent gets one call with all of them. */
class SendJobTest {

    @TempDir
    Path dir;

    @Test
    void threeContactsViaHttpAreOneAgentCallWithTheThreeRecipientsSoTheFileIsUploadedOnce() throws IOException {
        Path report = Files.writeString(dir.resolve("report.pdf"), "quarterly numbers");
        RecordingAgent agent = new RecordingAgent();
        // as the Send dialog builds it: three contacts checked, transport http chosen
        SendRequest request = new SendRequest(List.of(report), List.of("sip:bob@x", "sip:carol@x", "sip:dave@x"), "http");

        SendJob.Result result = SendJob.send(agent, request, (f, n, s) -> { });

        assertEquals(List.of("sendToAll [sip:bob@x, sip:carol@x, sip:dave@x] [report.pdf] via http"), agent.calls,
                "one agent call with the recipient list, never one send per recipient");
        assertEquals(3, result.transfers().size());
        assertEquals(Optional.empty(), result.failure());
        assertEquals(IStatus.OK, SendJob.status(request, result).getSeverity());
    }

    @Test
    void oneRecipientAndSeveralFilesAreOneCallToo() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "bb");
        RecordingAgent agent = new RecordingAgent();
        SendJob.Result result = SendJob.send(agent, new SendRequest(List.of(a, b), List.of("sip:bob@x"), "MSRP"), (f, n, s) -> { });
        assertEquals(List.of("sendToAll [sip:bob@x] [a.txt, b.txt] via msrp"), agent.calls);
        assertEquals(2, result.transfers().size());
    }

    @Test
    void whenTheAgentCannotSendTheJobEndsWithItsReason() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        RecordingAgent agent = new RecordingAgent();
        agent.refuse = "no common transport: no http transport is running here";
        SendRequest request = new SendRequest(List.of(a), List.of("sip:bob@x", "sip:carol@x"), "http");

        SendJob.Result result = SendJob.send(agent, request, (f, n, s) -> { });

        assertEquals(List.of(), result.transfers());
        IStatus status = SendJob.status(request, result);
        assertEquals(IStatus.ERROR, status.getSeverity());
        assertEquals("Cannot send a.txt to 2 contacts: no common transport: no http transport is running here", status.getMessage());
    }

    @Test
    void theMessageAndTheTransportGoWithTheCall() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        RecordingAgent agent = new RecordingAgent();
        SendJob.send(agent, new SendRequest(List.of(a), List.of("sip:bob@x"), SendOptions.AUTO, " see page 3 "), (f, n, s) -> { });
        assertEquals(Optional.of("see page 3"), agent.lastOptions.message());
        assertEquals(SendOptions.AUTO, agent.lastOptions.via());
    }
}
