package org.sipdrop.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what a shell shows as a PNG, with SWT alone (SWTBot is not on Maven Central). */
final class Screenshots {

    private Screenshots() {
    }

    /** @return the image data written to {@code dir/name.png} */
    static ImageData save(Shell shell, String name) throws java.io.IOException {
        Display display = shell.getDisplay();
        // the client area only: without a window manager (Xvfb) the bounds count a title bar
        // and border that are not drawn, and the strip they leave shows whatever lies below
        Rectangle client = shell.getClientArea();
        org.eclipse.swt.graphics.Point origin = shell.toDisplay(client.x, client.y);
        Rectangle r = new Rectangle(origin.x, origin.y, client.width, client.height);
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            Path dir = Path.of(System.getProperty("sipdrop.screenshots", "target/screenshots"));
            Files.createDirectories(dir);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(dir.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
            return data;
        } finally {
            image.dispose();
        }
    }

    /** @return the number of distinct pixel values, to tell a real picture from a blank one */
    static long distinctPixels(ImageData data) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < data.height; y += 4) {
            for (int x = 0; x < data.width; x += 4) {
                seen.add(data.getPixel(x, y));
            }
        }
        return seen.size();
    }
}
