package org.sipdrop.transport.mqtt.tests;

/** The transport kit's contract for mqtt: the broker's plain listener. */
class MqttContractTest extends MqttTransportContract {

    @Override
    protected String scheme() {
        return "mqtt";
    }
}
