package org.sipdrop.transport.http.tests;

/** The transport kit's contract for http: content indirection (RFC 4483) through the embedded storage. */
class HttpContractTest extends HttpTransportContract {

    @Override
    protected String scheme() {
        return "http";
    }
}
