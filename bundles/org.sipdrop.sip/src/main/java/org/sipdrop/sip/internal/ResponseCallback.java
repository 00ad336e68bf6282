package org.sipdrop.sip.internal;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;

/** What a sent request waits for; kept as the client transaction's application data. */
interface ResponseCallback {

    /** A response of the transaction arrived (provisional or final). */
    void response(ResponseEvent event, ClientTransaction transaction);

    /** No final response came (RFC 3261 §17.1 timer B/F) or the transport failed. */
    void failed(String reason);
}
