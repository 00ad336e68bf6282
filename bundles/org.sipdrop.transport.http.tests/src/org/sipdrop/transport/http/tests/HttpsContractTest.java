package org.sipdrop.transport.http.tests;

/** The transport kit's contract for https: the embedded storage's self-signed certificate is the transport's PEM trust store. */
class HttpsContractTest extends HttpTransportContract {

    @Override
    protected String scheme() {
        return "https";
    }
}
