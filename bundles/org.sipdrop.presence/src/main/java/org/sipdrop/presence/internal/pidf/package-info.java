/**
 * PIDF codec (RFC 3863) with RPID activities (RFC 4480) and the presence data model (RFC 4479):
 * {@link org.sipdrop.presence.internal.pidf.PidfParser} reads, {@link org.sipdrop.presence.internal.pidf.PidfWriter}
 * writes, {@link org.sipdrop.presence.internal.pidf.PidfException} reports what was unacceptable.
 *
 * <h2>Status mapping</h2>
 * basic {@code open} without activity = AVAILABLE; open + {@code away} (or meal, vacation, ...)
 * = AWAY; open + {@code busy}, {@code on-the-phone}, {@code meeting} (or appointment,
 * presentation, ...) = BUSY; {@code closed}, or no basic status at all = OFFLINE. Several tuples:
 * open beats closed. SipDrop publishes {@code rpid:away} for AWAY and {@code rpid:busy} for BUSY.
 *
 * <h2>Advertising file-transfer schemes: decision</h2>
 * The URI schemes a device accepts files over (e.g. {@code msrp}, {@code https}, {@code mqtt})
 * travel in a tuple-level extension element in SipDrop's own namespace:
 * <pre>
 * &lt;sd:file-transfer xmlns:sd="urn:sipdrop:params:xml:ns:pidf:transfer"&gt;
 *   &lt;sd:scheme&gt;msrp&lt;/sd:scheme&gt;&lt;sd:scheme&gt;https&lt;/sd:scheme&gt;
 * &lt;/sd:file-transfer&gt;
 * </pre>
 * placed after {@code <status>} as RFC 3863 §4.2 allows, without {@code mustUnderstand}, so every
 * other watcher and Kamailio's presence_xml simply carry or ignore it. RFC 5196 service
 * capabilities were considered and not used: its {@code <caps:schemes>} describes the URI
 * schemes by which the <em>service</em> is reached (sip, tel, im), and its {@code <caps:type>}
 * media types; neither says "this device pulls files over https or accepts them over msrp", so
 * reusing them would mislead RFC 5196-aware watchers. Schemes are read only from {@code open}
 * tuples (a closed device receives nothing).
 *
 * <h2>Security</h2>
 * Documents come from the network: a DOCTYPE is refused outright (no external entity, DTD or
 * entity expansion is processed and no file or URL is read), secure processing is on, and size
 * (64 KiB by default) and element depth are bounded.
 */
package org.sipdrop.presence.internal.pidf;
