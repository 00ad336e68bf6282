package org.sipdrop.ui.internal.receive;

import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.preferences.InstanceScope;

/**
 * Where accepted files land in the workspace unless the user picks another place with Save As…:
 * the workspace folder in preference {@value #KEY} of this bundle, by default the project
 * {@value #DEFAULT}, created on first use.
 */
public final class ReceiveFolder {

    /** Preference key (instance scope, node {@code org.sipdrop.ui}): a workspace path such as {@code /Received Files}. */
    public static final String KEY = "receive.folder";
    /** The default: a project of its own. */
    public static final String DEFAULT = "/Received Files";
    private static final String NODE = "org.sipdrop.ui";

    private ReceiveFolder() {
    }

    /** @return the configured workspace folder; the default when the preference is blank or not a folder path */
    public static IPath current() {
        String value = InstanceScope.INSTANCE.getNode(NODE).get(KEY, DEFAULT).trim();
        IPath path = IPath.fromPortableString(value.isEmpty() ? DEFAULT : value).makeAbsolute();
        return path.segmentCount() == 0 ? IPath.fromPortableString(DEFAULT) : path;
    }
}
