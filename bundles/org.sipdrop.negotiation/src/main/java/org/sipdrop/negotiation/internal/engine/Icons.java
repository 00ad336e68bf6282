package org.sipdrop.negotiation.internal.engine;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.sipdrop.transfer.FileIcon;

/**
 * Makes the icons a sender attaches to its offers (RFC 5547 §6 file-icon): a given picture file
 * whose type is recognised by its first bytes (PNG, JPEG or GIF only), or a PNG thumbnail of an
 * image file drawn with {@code javax.imageio} when the Java runtime has it.
 */
final class Icons {

    /** The longest side of a generated thumbnail, in pixels. */
    static final int THUMBNAIL_PIXELS = 64;
    /** Larger images are not decoded for a thumbnail: decoding is in memory. */
    static final long MAX_IMAGE_BYTES = 32L * 1024 * 1024;

    private Icons() {
    }

    /**
     * @return the icon in {@code file}
     * @throws IOException naming the file when it is too large or not a PNG, JPEG or GIF picture
     */
    static FileIcon fromFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0 || size > FileIcon.MAX_BYTES) {
            throw new IOException("The icon " + file + " has " + size + " bytes; an icon has 1 to " + FileIcon.MAX_BYTES
                    + " (it travels inside the INVITE)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(FileIcon.MAX_BYTES + 1);
        }
        String type = sniff(bytes).orElseThrow(() -> new IOException("The icon " + file + " is not a PNG, JPEG or GIF picture"));
        return new FileIcon(type, bytes);
    }

    /** @return the picture type its first bytes say: PNG, JPEG, GIF; empty otherwise */
    static Optional<String> sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of("image/png");
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return Optional.of("image/gif");
        }
        return Optional.empty();
    }

    /**
     * @return a PNG thumbnail, at most {@link #THUMBNAIL_PIXELS} a side, of {@code file} when it
     *         is an image this runtime decodes; empty when it is not, is too large to decode, or
     *         the runtime has no {@code javax.imageio}
     */
    static Optional<FileIcon> thumbnail(Path file, String mediaType) {
        if (!mediaType.startsWith("image/")) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_IMAGE_BYTES) {
                return Optional.empty();
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                return Optional.empty();
            }
            double scale = Math.min(1.0, (double) THUMBNAIL_PIXELS / Math.max(image.getWidth(), image.getHeight()));
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = small.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(small, "png", out) || out.size() > FileIcon.MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new FileIcon("image/png", out.toByteArray()));
        } catch (IOException | RuntimeException | LinkageError e) {
            // not decodable, or no java.desktop in this runtime: offer without an icon
            return Optional.empty();
        }
    }
}
