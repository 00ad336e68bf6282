package org.sipdrop.transport.msrp.internal.codec;

import java.util.List;

/**
 * Builds REPORT requests (RFC 4975 §7.1.2): To-Path is the From-Path of the SEND being reported
 * on, From-Path the reporter's URI, the same Message-ID, a Byte-Range for the bytes reported and a
 * Status header; never Success-Report or Failure-Report, never a body.
 */
public final class MsrpReports {

    private MsrpReports() {
    }

    /**
     * @param transactionId a new transaction id
     * @param send a SEND of the message reported on
     * @param reporter the reporter's own URI
     * @param range the bytes reported on
     * @param status the outcome
     * @return the REPORT
     * @throws IllegalArgumentException if the SEND has no Message-ID
     */
    public static MsrpRequest report(String transactionId, MsrpRequest send, MsrpUri reporter, ByteRange range,
            StatusHeader status) {
        String messageId = send.headers().messageId().orElseThrow(() -> new IllegalArgumentException(
                "Cannot report on a SEND without Message-ID (RFC 4975 §7.1.2)"));
        MsrpHeaders headers = MsrpHeaders.builder(send.headers().fromPath(), List.of(reporter)).messageId(messageId)
                .byteRange(range).status(status).build();
        return new MsrpRequest(transactionId, MsrpMethod.REPORT, headers);
    }

    /**
     * A success REPORT for a whole message of {@code total} bytes: {@code Byte-Range: 1-total/total},
     * {@code Status: 000 200 OK} (RFC 4975 §7.1.2).
     */
    public static MsrpRequest success(String transactionId, MsrpRequest send, MsrpUri reporter, long total) {
        return report(transactionId, send, reporter, new ByteRange(1, total, total),
                StatusHeader.msrp(MsrpStatus.OK));
    }

    /**
     * A failure REPORT for the bytes in {@code range} (RFC 4975 §7.1.2).
     *
     * @param code the failure status, e.g. {@link MsrpStatus#REQUEST_TIMEOUT}
     */
    public static MsrpRequest failure(String transactionId, MsrpRequest send, MsrpUri reporter, ByteRange range,
            int code) {
        return report(transactionId, send, reporter, range, StatusHeader.msrp(code));
    }

    /**
     * @param send a received SEND
     * @return true if the sender asked for a success REPORT ({@code Success-Report: yes}, §7.1.1)
     */
    public static boolean wantsSuccessReport(MsrpRequest send) {
        return send.headers().successReport().orElse(SuccessReport.NO) == SuccessReport.YES;
    }

    /**
     * @param send a received SEND
     * @return true unless the sender sent {@code Failure-Report: no} (§7.1.1); {@code partial}
     *         still wants failure REPORTs
     */
    public static boolean wantsFailureReport(MsrpRequest send) {
        return send.headers().failureReport().orElse(FailureReport.YES) != FailureReport.NO;
    }
}
