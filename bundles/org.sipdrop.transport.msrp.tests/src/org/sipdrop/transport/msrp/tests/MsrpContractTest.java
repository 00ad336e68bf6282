package org.sipdrop.transport.msrp.tests;

/** The transport kit's contract for msrp: MSRP over TCP (RFC 4975). */
class MsrpContractTest extends MsrpTransportContract {

    @Override
    protected String scheme() {
        return "msrp";
    }
}
