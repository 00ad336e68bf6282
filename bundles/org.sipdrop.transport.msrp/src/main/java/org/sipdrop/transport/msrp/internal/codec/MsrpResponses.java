package org.sipdrop.transport.msrp.internal.codec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds transaction responses (RFC 4975 §7.2): same transaction id as the request, To-Path
 * the previous hop (the first URI of the request's From-Path), From-Path the responder's URI.
 */
public final class MsrpResponses {

    private MsrpResponses() {
    }

    /**
     * @param request the request answered
     * @param status the status code
     * @param comment the reason text, or null
     * @param responder the responder's own URI
     * @return the response
     */
    public static MsrpResponse of(MsrpRequest request, int status, String comment, MsrpUri responder) {
        Objects.requireNonNull(responder, "responder");
        MsrpHeaders headers = MsrpHeaders.builder(List.of(request.headers().fromPath().get(0)), List.of(responder))
                .build();
        return new MsrpResponse(request.transactionId(), status, comment, headers);
    }

    /**
     * For an endpoint: the responder is the rightmost URI of the request's To-Path (§7.2).
     *
     * @param request the request answered
     * @param status the status code; the comment is {@link MsrpStatus#reason(int)}
     * @return the response
     */
    public static MsrpResponse of(MsrpRequest request, int status) {
        List<MsrpUri> to = request.headers().toPath();
        return of(request, status, MsrpStatus.reason(status), to.get(to.size() - 1));
    }

    /** @return {@code 200 OK} (RFC 4975 §10.1) */
    public static MsrpResponse ok(MsrpRequest request) {
        return of(request, MsrpStatus.OK);
    }

    /** @return {@code 400}: the request was malformed (RFC 4975 §10.2) */
    public static MsrpResponse badRequest(MsrpRequest request) {
        return of(request, MsrpStatus.BAD_REQUEST);
    }

    /** @return {@code 403}: not allowed (RFC 4975 §10.3) */
    public static MsrpResponse forbidden(MsrpRequest request) {
        return of(request, MsrpStatus.FORBIDDEN);
    }

    /** @return {@code 408}: for local use and REPORT Status only, never sent on the wire (RFC 4975 §10.4) */
    public static MsrpResponse requestTimeout(MsrpRequest request) {
        return of(request, MsrpStatus.REQUEST_TIMEOUT);
    }

    /** @return {@code 413}: stop sending this message (RFC 4975 §10.5) */
    public static MsrpResponse messageTooLarge(MsrpRequest request) {
        return of(request, MsrpStatus.MESSAGE_TOO_LARGE);
    }

    /** @return {@code 415}: media type not understood (RFC 4975 §10.6) */
    public static MsrpResponse unsupportedMediaType(MsrpRequest request) {
        return of(request, MsrpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    /** @return {@code 423}: a parameter is out of bounds (RFC 4975 §10.7) */
    public static MsrpResponse outOfBounds(MsrpRequest request) {
        return of(request, MsrpStatus.OUT_OF_BOUNDS);
    }

    /** @return {@code 481}: no such session (RFC 4975 §10.8) */
    public static MsrpResponse sessionDoesNotExist(MsrpRequest request) {
        return of(request, MsrpStatus.SESSION_DOES_NOT_EXIST);
    }

    /** @return {@code 501}: method not understood (RFC 4975 §10.9, §12) */
    public static MsrpResponse notImplemented(MsrpRequest request) {
        return of(request, MsrpStatus.NOT_IMPLEMENTED);
    }

    /** @return {@code 506}: session bound to another connection (RFC 4975 §10.10) */
    public static MsrpResponse sessionAlreadyBound(MsrpRequest request) {
        return of(request, MsrpStatus.SESSION_ALREADY_BOUND);
    }

    /**
     * The answer to a malformed received frame, if one may be sent.
     *
     * @param error what the reader raised
     * @return the response carrying {@link MsrpProtocolException#status()}, or empty if the frame
     *         was a response or its paths could not be read
     */
    public static Optional<MsrpResponse> forError(MsrpProtocolException error) {
        return error.frame().filter(MsrpRequest.class::isInstance)
                .map(f -> of((MsrpRequest) f, error.status()))
                .filter(r -> mustAnswer((MsrpRequest) error.frame().get(), r.statusCode()));
    }

    /**
     * Whether a response may be sent at all: never to a REPORT (RFC 4975 §7.1.2); with
     * {@code Failure-Report: no} never; with {@code partial} only for errors (RFC 4975 §7.1.1).
     *
     * @param request the request
     * @param status the status about to be sent
     * @return true if the response must be sent
     */
    public static boolean mustAnswer(MsrpRequest request, int status) {
        if (MsrpMethod.REPORT.equals(request.method())) {
            return false;
        }
        FailureReport fr = request.headers().failureReport().orElse(FailureReport.YES);
        return fr == FailureReport.YES || (fr == FailureReport.PARTIAL && !MsrpStatus.isSuccess(status));
    }
}
