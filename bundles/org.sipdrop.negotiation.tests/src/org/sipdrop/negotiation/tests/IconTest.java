package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileIcon;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * RFC 5547 §6 file-icon: the sender attaches an icon (a given picture, or a thumbnail of an
 * image file); it travels as an image part of a multipart/mixed INVITE, named by a cid: URL, and
 * the receiver's prompt sees its bytes and type before deciding.
 */
class IconTest {

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    /** A bob who asks; the prompt records each offer it is shown and accepts it. */
    private Peer askingBob(BlockingQueue<FileOffer> shown) throws IOException {
        Peer bob = peers.direct("bob", "ask", null, dir.resolve("bob-in"));
        bob.agent().onOffer((from, offer) -> {
            shown.add(offer);
            return Decision.accept();
        });
        return bob;
    }

    private static Path png(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 7) << 16 | (y * 5) << 8 | (x ^ y));
            }
        }
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, "png", file.toFile()), "this runtime writes PNG");
        return file;
    }

    @Test
    void givenIconReachesTheReceiversPromptWithItsType() throws Exception {
        Peer alice = peers.direct("alice", "all", null, dir.resolve("alice-in"));
        BlockingQueue<FileOffer> shown = new LinkedBlockingQueue<>();
        Peer bob = askingBob(shown);
        Path icon = png(dir.resolve("icons/doc.png"), 16, 16);
        Path file = Peers.randomFile(dir.resolve("out"), "notes.txt", 5000, 41);

        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults().icon(icon)).get(0);
        FileOffer offer = shown.poll(Peers.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(offer, "the prompt was asked");
        FileIcon got = offer.icon().orElseThrow(() -> new AssertionError("no icon in " + offer));
        assertEquals("image/png", got.mediaType());
        assertArrayEquals(Files.readAllBytes(icon), got.content());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
    }

    @Test
    void imageFilesGoWithAThumbnailDrawnByTheSender() throws Exception {
        Peer alice = peers.direct("alice", "all", null, dir.resolve("alice-in"));
        BlockingQueue<FileOffer> shown = new LinkedBlockingQueue<>();
        Peer bob = askingBob(shown);
        Path photo = png(dir.resolve("out/photo.png"), 400, 200);
        Path text = Peers.randomFile(dir.resolve("out"), "plain.bin", 3000, 42);

        SendOptions thumbnails = SendOptions.defaults().thumbnails(true);
        Transfer sentPhoto = alice.agent().send(bob.uri(), List.of(photo), thumbnails).get(0);
        FileOffer photoOffer = shown.poll(Peers.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(photoOffer, "the prompt was asked");
        FileIcon thumb = photoOffer.icon().orElseThrow(() -> new AssertionError("no thumbnail for the image"));
        assertEquals("image/png", thumb.mediaType());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumb.content()));
        assertEquals(64, decoded.getWidth(), "the longer side is scaled to 64 pixels");
        assertEquals(32, decoded.getHeight(), "the aspect ratio is kept");
        assertEquals(TransferState.COMPLETED, Peers.end(sentPhoto), () -> "photo: " + sentPhoto.failure());

        Transfer sentText = alice.agent().send(bob.uri(), List.of(text), thumbnails).get(0);
        FileOffer textOffer = shown.poll(Peers.WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(textOffer, "the prompt was asked again");
        assertTrue(textOffer.icon().isEmpty(), "a file that is no image goes without an icon");
        assertEquals(TransferState.COMPLETED, Peers.end(sentText), () -> "text: " + sentText.failure());
    }
}
