package org.sipdrop.transport.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the shared-folder transport, configuration PID {@code org.sipdrop.transport.file}
 * (Configuration Admin; the component starts only once it exists). Keys follow the DS name mapping
 * (OSGi Compendium 112.8.2.1): {@code max_size()} is the property {@code max.size}.
 */
@ObjectClassDefinition(name = "SipDrop shared-folder transport",
        description = "Sends files by copying them into a folder both users can read (an SMB or NFS share)")
public @interface FileTransportConfig {

    /** @return the share's root folder, the same for sender and receiver (a mounted share); it must exist */
    @AttributeDefinition(name = "Shared folder", description = "Root of the share; files are stored and read only below it")
    String folder();

    /** @return the largest file this transport stores, in bytes */
    @AttributeDefinition(name = "Largest file", description = "Largest file stored, in bytes")
    long max_size() default 4L * 1024 * 1024 * 1024;
}
