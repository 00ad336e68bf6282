/**
 * The MQTT transport (the example of an enterprise transport): moving one file through an
 * MQTT 3.1.1 broker with Eclipse Paho.
 *
 * <h2>Topics</h2>
 * Each transfer has four topics under {@code sipdrop/v1/<transfer-id>/} ({@link
 * org.sipdrop.transport.mqtt.internal.TransferTopics}): {@code data} (sender to receiver,
 * {@link org.sipdrop.transport.mqtt.internal.ChunkFrame} payloads), {@code ack} (receiver to
 * sender, {@link org.sipdrop.transport.mqtt.internal.AckFrame}), {@code done} (receiver to
 * sender, empty: file complete and hash verified) and {@code abort} (either side, UTF-8
 * {@code <status> <reason>}). All messages use QoS 1 and are never retained, so nothing is
 * left on the broker after a transfer.
 *
 * <h2>One data topic, not one topic per chunk</h2>
 * The chunk sequence number travels in the frame header, not in the topic. MQTT 3.1.1 §4.6
 * makes every topic an ordered topic by default: PUBLISH packets from one client on one topic
 * at one QoS reach subscribers in the order sent. One topic per chunk
 * ({@code .../data/<seq>}) would give that guarantee up and grow the broker's topic tree by
 * one node per chunk; a single topic keeps both order (in the normal case) and one
 * subscription.
 *
 * <h2>Start</h2>
 * The sender subscribes to ack, done and abort before it sends the SIP offer; the receiver
 * subscribes to data and abort before it accepts, then publishes the first ack
 * ({@code nextSequence} 0, {@code nextOffset} = bytes it already has when resuming, its
 * window). The sender sends nothing before that first ack. Because both sides subscribe
 * before the other side can publish, non-retained messages are not lost at the start.
 *
 * <h2>Why QoS 1 (at least once) is enough</h2>
 * QoS 1 (§4.3.2) never loses a message between a connected client and the broker, but may
 * deliver one more than once (a resent PUBLISH with DUP set, §4.3.2, §4.4), and after a
 * reconnect resent messages may interleave with new ones. So:
 * <ul>
 * <li><b>Duplicates</b>: the receiver keeps {@code nextSequence}, the first chunk not yet
 * written. A chunk below it is a duplicate and is dropped (and answered with the current
 * ack, which repairs a lost ack). A duplicate inside the reorder buffer replaces nothing.</li>
 * <li><b>Order</b>: a chunk in {@code [nextSequence, nextSequence + window)} that is not
 * {@code nextSequence} waits in a reorder buffer of at most {@code window} chunks; when the
 * missing chunk arrives, the buffer drains in order. The file is thus written strictly
 * sequentially to {@code name.part}, hashing as it goes. The frame's offset must equal the
 * end of the previous chunk, else the transfer aborts.</li>
 * <li><b>Beyond the window</b>: the sender never has a chunk out beyond the credit the
 * receiver granted, so such a chunk is a protocol error: abort with 400.</li>
 * <li><b>Loss across a reconnect</b> (clean session, or a broker restart): if the ack does
 * not advance for a timeout, the sender resends from the last acknowledged
 * {@code nextSequence}; the receiver drops what it already has. Resending is safe because
 * every step above is idempotent.</li>
 * </ul>
 * QoS 2 would remove duplicates at the broker but costs two round trips per chunk and still
 * needs the same logic after a session is lost; QoS 0 could lose chunks silently.
 *
 * <h2>Acknowledgement and back-pressure</h2>
 * The receiver acknowledges <em>after</em> chunks are written to disk, cumulatively
 * ({@code nextSequence}, {@code nextOffset}), at the latest when half the window has been
 * written, and grants {@code window} chunks of credit. A slow disk or a slow receiver therefore
 * slows the sender: it stops publishing when its credit is used up, and the broker never
 * queues more than {@code window} chunks for the transfer. Memory at the receiver is bounded
 * by {@code window * maxChunkSize}. Paho's {@code messageArrived} runs on the client's
 * receive thread, so writing happens on a separate executor with a bounded queue of the same
 * size.
 *
 * <h2>End</h2>
 * The last chunk carries the LAST flag. Once it is written and the file's hash matches the
 * offer, the receiver moves the part file to its final name and publishes on {@code done};
 * the sender then reports COMPLETED. Either side publishes on {@code abort} to give up; the
 * other side fails the transfer with that reason and unsubscribes.
 */
package org.sipdrop.transport.mqtt.internal;
