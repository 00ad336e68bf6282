package org.sipdrop.ui.internal.views;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Control;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;

/**
 * The presence icons ({@code icons/presence-*.png}: a green dot, an amber clock, a red bar, a
 * grey ring, so they differ by shape as well as colour), disposed with their control.
 */
final class PresenceImages {

    private final Map<PresenceStatus, Image> images = new EnumMap<>(PresenceStatus.class);

    PresenceImages(Control owner) {
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), owner);
        for (PresenceStatus s : PresenceStatus.values()) {
            ImageDescriptor d = descriptor(s);
            images.put(s, resources.create(d));
        }
    }

    static ImageDescriptor descriptor(PresenceStatus s) {
        return ResourceLocator.imageDescriptorFromBundle(PreferenceKeys.NODE,
                "icons/presence-" + s.name().toLowerCase(Locale.ROOT) + ".png").orElse(ImageDescriptor.getMissingImageDescriptor());
    }

    Image of(PresenceStatus status) {
        return images.get(status);
    }
}
