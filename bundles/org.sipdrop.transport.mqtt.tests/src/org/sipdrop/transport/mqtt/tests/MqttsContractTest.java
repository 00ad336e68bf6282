package org.sipdrop.transport.mqtt.tests;

/** The transport kit's contract for mqtts: the broker's TLS listener, its self-signed certificate as the PEM trust store. */
class MqttsContractTest extends MqttTransportContract {

    @Override
    protected String scheme() {
        return "mqtts";
    }
}
