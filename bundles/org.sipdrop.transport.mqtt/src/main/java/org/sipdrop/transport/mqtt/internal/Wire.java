package org.sipdrop.transport.mqtt.internal;

/**
 * What one transfer half needs of the broker connection: publishing (QoS 1, not retained), and
 * whether and why it is down, for the failure message. {@link BrokerLink} is the real one; tests
 * put a lossy one in its place.
 */
interface Wire {

    /** @return false when the message could not be handed to the connection now; the caller tries again later */
    boolean publish(String topic, byte[] payload);

    /** @return whether the broker acknowledged the message within {@code millis} */
    boolean publishAndWait(String topic, byte[] payload, long millis);

    /** @return whether the connection is up */
    boolean connected();

    /** @return the broker and why the connection is down, e.g. {@code mqtt://host:1883: connection lost (…)} */
    String state();
}
