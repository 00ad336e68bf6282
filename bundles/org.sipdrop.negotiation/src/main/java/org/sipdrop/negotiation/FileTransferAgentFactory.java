package org.sipdrop.negotiation;

import org.osgi.annotation.versioning.ProviderType;
import org.sipdrop.sip.SipUserAgent;

/** Creates the file-transfer agent of a SIP user agent (a DS service). */
@ProviderType
public interface FileTransferAgentFactory {

    /**
     * Attaches a file-transfer agent to {@code userAgent}: it takes over the user agent's
     * incoming INVITEs and advertises the transports this side accepts in OPTIONS answers.
     * The agent does not own the user agent: closing it leaves the user agent open.
     */
    FileTransferAgent create(SipUserAgent userAgent, AgentSettings settings);
}
