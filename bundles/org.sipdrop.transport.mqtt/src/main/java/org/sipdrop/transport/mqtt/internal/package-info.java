/**
 * The MQTT transport (the example of an enterprise transport): files through the enterprise's
 * MQTT 3.1.1 broker with Eclipse Paho, written only against SipDrop's exported transfer API.
 *
 * <h2>Why MQTT 3.1.1 (Paho mqttv3)</h2>
 * It is the Paho client the target platform carries, and every broker speaks it. What MQTT 5
 * would add is done here by the transport itself: its own credit window instead of receive
 * maximum; no retained messages and clean sessions instead of message expiry; the sender's name
 * in the topic (checked by the broker's ACL) instead of user properties.
 *
 * <h2>Negotiation</h2>
 * A session transport ({@link org.sipdrop.transfer.Carriage#session}): the RFC 5547 SDP carries
 * {@code m=message <port> TCP/MQTT} ({@code TCP/TLS/MQTT} for mqtts) and the endpoint URI
 * {@code mqtt://broker:port/<prefix>/<user>/<id>} in {@code a=path} ({@link
 * org.sipdrop.transport.mqtt.internal.MqttEndpoint}). Both peers must use the same broker listener
 * and topic prefix; the transport never connects to a broker an offer names (that would hand the
 * user's credentials to whoever wrote the offer).
 *
 * <h2>Topics</h2>
 * A message from user F to endpoint (U, id) goes to {@code <prefix>/U/id/F/<kind>}: {@code data}
 * ({@link org.sipdrop.transport.mqtt.internal.ChunkFrame}), {@code ack}
 * ({@link org.sipdrop.transport.mqtt.internal.AckFrame}), {@code done} (empty) and {@code abort}
 * (UTF-8 {@code <REASON> <text>}). Each end subscribes its inbox {@code <prefix>/U/id/#} when its
 * session opens, before its endpoint is in any offer or answer, so nothing the peer publishes is
 * lost at the start; it takes only messages naming its peer as sender. A broker ACL
 * ({@code docs/mqtt-broker.md}) then lets only the addressee read and only the named sender write.
 * QoS 1, never retained, clean sessions: nothing stays on the broker.
 *
 * <h2>Flow (the engine owns the .part file, the hash and the verdict; this moves bytes)</h2>
 * The receiver acknowledges cumulatively after writing ({@code nextSequence}, {@code nextOffset},
 * {@code window}): at the start, every half window, and at the end until the sender says
 * {@code done}. The sender has at most {@code window} chunks unacknowledged and keeps them for
 * resending (the file channel cannot go back). QoS 1 may duplicate and, across reconnects, reorder
 * or lose messages: the receiver drops chunks below {@code nextSequence} (answering with its ack,
 * which repairs a lost one), holds early ones in a reorder buffer of at most {@code window}, and
 * refuses anything that does not continue the file or lies beyond the window. When acknowledgements
 * stop for {@code resend.after.ms}, or the connection came back (a broker restart forgets clean
 * sessions: every inbox is subscribed again), the sender resends what is unacknowledged; after
 * {@code stall.timeout.ms} without progress either side fails, typed, and tells the other.
 *
 * <h2>Bounds</h2>
 * One Paho connection per listener (mqtt, mqtts) for all transfers: its threads (send, receive,
 * callback, ping, reconnect timers) do not grow with transfers. Paho holds at most
 * {@code max.inflight} messages; each sending transfer at most {@code window} chunks; each
 * receiving transfer at most {@code 2 * window + 4} queued plus {@code window} reordered chunks.
 * At the defaults (64 KiB chunks, window 32, max.inflight 256) that is 2 MiB per sending and
 * 6.25 MiB per receiving transfer, and 16 MiB for Paho, whatever the file's size.
 */
package org.sipdrop.transport.mqtt.internal;
