package org.sipdrop.sip.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/** Answers the requests of one method on a server transaction. */
interface RequestHandler {

    void handle(Request request, ServerTransaction transaction, MessageFactoryImpl messages, HeaderFactoryImpl headers)
            throws ParseException, SipException, InvalidArgumentException;
}
