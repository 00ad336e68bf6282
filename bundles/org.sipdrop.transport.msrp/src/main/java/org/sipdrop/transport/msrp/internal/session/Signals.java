package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;

import org.sipdrop.transport.msrp.internal.codec.ByteRange;
import org.sipdrop.transport.msrp.internal.codec.MsrpHeaders;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpReports;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponses;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.StatusHeader;
import org.sipdrop.transport.msrp.internal.codec.TransactionIds;
import org.sipdrop.transport.msrp.internal.net.MsrpConnection;

/** The small frames a session sends besides chunks: binding SEND, responses, REPORTs. */
final class Signals {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Signals() {
    }

    /**
     * RFC 4975 §5.4: a SEND without body lets the passive side bind the connection.
     *
     * @param onRefused told if the peer answers anything but 200
     */
    static void bodilessSend(MsrpConnection c, List<MsrpUri> toPath, MsrpUri localUri, Consumer<IOException> onRefused)
            throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(toPath, List.of(localUri)).messageId(TransactionIds.next(RANDOM))
                .byteRange(new ByteRange(1, 0, 0)).build();
        MsrpRequest send = new MsrpRequest(c.newTransactionId(), MsrpMethod.SEND, h);
        c.expectResponse(send.transactionId(), r -> {
            if (r.statusCode() != MsrpStatus.OK) {
                onRefused.accept(new IOException("The peer refused the session binding with " + r.statusCode() + " "
                        + r.reason().orElse("") + " (RFC 4975 §5.4)"));
            }
        });
        c.sendControl(send);
    }

    /**
     * Progress REPORTs at most this far apart when the chunk came through relays: a sender behind
     * a relay paces itself by them ({@link OutgoingMessage#RELAY_WINDOW}).
     */
    static final long RELAY_REPORT_INTERVAL = 1024 * 1024;

    /**
     * Success REPORTs (RFC 4975 §7.1.2): progress every report interval (at most
     * {@link #RELAY_REPORT_INTERVAL} when the From-Path names relays, RFC 4976), and the whole message.
     */
    static void successReport(MsrpConnection c, MsrpRequest send, IncomingMessage in, MsrpUri localUri, long configured)
            throws IOException {
        if (!MsrpReports.wantsSuccessReport(send)) {
            return;
        }
        long interval = send.headers().fromPath().size() > 1 ? Math.min(configured, RELAY_REPORT_INTERVAL) : configured;
        long done = in.contiguous();
        boolean whole = in.isComplete();
        if (whole || done >= in.lastReported() + interval) {
            in.reported(done);
            MsrpRequest report = whole ? MsrpReports.success(c.newTransactionId(), send, localUri, in.expected())
                    : MsrpReports.report(c.newTransactionId(), send, localUri, new ByteRange(1, done, in.expected()),
                            StatusHeader.msrp(MsrpStatus.OK));
            c.sendControl(report);
        }
    }

    /** A transaction response, unless Failure-Report forbids it (RFC 4975 §7.1.1, §7.2). */
    static void answer(MsrpConnection c, MsrpRequest request, int status, String comment, MsrpUri localUri)
            throws IOException {
        if (MsrpResponses.mustAnswer(request, status)) {
            c.sendControl(comment == null ? MsrpResponses.of(request, status)
                    : MsrpResponses.of(request, status, MsrpStatus.reason(status) + ": " + comment, localUri));
        }
    }
}
