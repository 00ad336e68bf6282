package org.sipdrop.transport.msrp.tests;

/** The transport kit's contract for msrps: MSRP over TLS (RFC 4975 §14.5), the certificate trusted through the configured trust store. */
class MsrpsContractTest extends MsrpTransportContract {

    @Override
    protected String scheme() {
        return "msrps";
    }
}
