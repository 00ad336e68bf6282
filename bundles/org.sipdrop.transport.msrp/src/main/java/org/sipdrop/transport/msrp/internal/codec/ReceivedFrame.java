package org.sipdrop.transport.msrp.internal.codec;

/**
 * A frame as read by {@link MsrpFrameReader}: start line and headers, and its body stream.
 *
 * @param frame the request or response
 * @param body the body, finished at once for frames without one
 */
public record ReceivedFrame(MsrpFrame frame, BodyReader body) {

    /** @return the transaction id */
    public String transactionId() {
        return frame.transactionId();
    }

    /** @return true for requests */
    public boolean isRequest() {
        return frame instanceof MsrpRequest;
    }

    /**
     * @return the request
     * @throws ClassCastException for a response
     */
    public MsrpRequest request() {
        return (MsrpRequest) frame;
    }

    /**
     * @return the response
     * @throws ClassCastException for a request
     */
    public MsrpResponse response() {
        return (MsrpResponse) frame;
    }
}
