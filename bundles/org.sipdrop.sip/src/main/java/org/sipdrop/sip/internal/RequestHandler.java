package org.sipdrop.sip.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;

/** Answers the requests of one method. */
interface RequestHandler {

    void handle(RequestEvent event, SipProvider provider) throws ParseException, SipException, InvalidArgumentException;

    /** @return the event's server transaction, creating it when the stack did not (never for ACK) */
    static ServerTransaction transaction(RequestEvent event, SipProvider provider) throws SipException {
        ServerTransaction st = event.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(event.getRequest());
    }
}
