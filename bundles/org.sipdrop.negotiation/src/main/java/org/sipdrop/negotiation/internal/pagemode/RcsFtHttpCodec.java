package org.sipdrop.negotiation.internal.pagemode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Formats and parses the GSMA RCS File-Transfer-over-HTTP body
 * ({@code application/vnd.gsma.rcs-ft-http+xml}, GSMA RCC.07 "File Transfer via HTTP"), the
 * shape linphone sends and accepts:
 *
 * <pre>
 * &lt;file xmlns="urn:gsma:params:xml:ns:rcs:rcs:fthttp"&gt;
 *  &lt;file-info type="file"&gt;
 *   &lt;file-size&gt;171008&lt;/file-size&gt;&lt;file-name&gt;car.png&lt;/file-name&gt;&lt;content-type&gt;image/png&lt;/content-type&gt;
 *   &lt;data url="https://ft.example.com/s/0118" until="2024-06-01T10:00:00Z"/&gt;
 *  &lt;/file-info&gt;
 * &lt;/file&gt;
 * </pre>
 *
 * An optional {@code type="thumbnail"} file-info precedes the file. Elements of other namespaces
 * (e.g. {@code am:playing-length}) are ignored. RCC.07 defines no hash; linphone's end-to-end
 * encrypted variant ({@code file-key}) is refused with a clear message, since SipDrop cannot
 * decrypt it. Thread-safe.
 */
public final class RcsFtHttpCodec {

    /** Media type, as registered by GSMA with IANA. */
    public static final String MEDIA_TYPE = "application/vnd.gsma.rcs-ft-http+xml";

    /** Namespace of the {@code <file>} document. */
    public static final String NS = "urn:gsma:params:xml:ns:rcs:rcs:fthttp";

    private final int maxBytes;

    /** A codec accepting bodies up to 16 KiB. */
    public RcsFtHttpCodec() {
        this(16 * 1024);
    }

    /** @param maxBytes largest body accepted */
    public RcsFtHttpCodec(int maxBytes) {
        if (maxBytes < 256) {
            throw new IllegalArgumentException("A size limit below 256 bytes rejects every FT-HTTP body: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A parsed body: the file and, optionally, its thumbnail. */
    public static final class Body {
        private final RcsFileInfo file;
        private final RcsFileInfo thumbnail;

        /**
         * @param file      the file-info of type file
         * @param thumbnail the file-info of type thumbnail, or null
         */
        public Body(RcsFileInfo file, RcsFileInfo thumbnail) {
            if (file == null || file.type() != RcsFileInfo.Type.FILE) {
                throw new IllegalArgumentException("An FT-HTTP body needs one file-info of type file");
            }
            if (thumbnail != null && thumbnail.type() != RcsFileInfo.Type.THUMBNAIL) {
                throw new IllegalArgumentException("The thumbnail must be a file-info of type thumbnail");
            }
            this.file = file;
            this.thumbnail = thumbnail;
        }

        public RcsFileInfo file() {
            return file;
        }

        public Optional<RcsFileInfo> thumbnail() {
            return Optional.ofNullable(thumbnail);
        }
    }

    /** @return the UTF-8 XML body for {@code body} */
    public byte[] format(Body body) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
        x.append("<file xmlns=\"").append(NS).append("\">\r\n");
        body.thumbnail().ifPresent(t -> fileInfo(x, t));
        fileInfo(x, body.file());
        x.append("</file>\r\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void fileInfo(StringBuilder x, RcsFileInfo f) {
        x.append("<file-info type=\"").append(f.type().wire()).append('"');
        f.disposition().ifPresent(d -> x.append(" file-disposition=\"").append(XmlText.escape(d)).append('"'));
        x.append(">\r\n");
        f.size().ifPresent(s -> x.append("<file-size>").append(s).append("</file-size>\r\n"));
        f.name().ifPresent(n -> x.append("<file-name>").append(XmlText.escape(n)).append("</file-name>\r\n"));
        x.append("<content-type>").append(XmlText.escape(f.contentType())).append("</content-type>\r\n");
        x.append("<data url=\"").append(XmlText.escape(f.url().toASCIIString())).append('"');
        f.until().ifPresent(u -> x.append(" until=\"").append(DateTimeFormatter.ISO_INSTANT.format(u)).append('"'));
        x.append("/>\r\n</file-info>\r\n");
    }

    /** Parses an FT-HTTP body; exactly one file-info of type file is required. */
    public Body parse(byte[] xml) throws PageModeException {
        Element root = SafeXml.parse(xml, maxBytes, "RCS FT-HTTP body").getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"file".equals(root.getLocalName())) {
            throw new PageModeException("Not an RCS FT-HTTP body: root is <" + root.getLocalName() + "> in '"
                    + root.getNamespaceURI() + "', expected <file xmlns=\"" + NS + "\">");
        }
        RcsFileInfo file = null;
        RcsFileInfo thumb = null;
        for (Element info : children(root, "file-info")) {
            String type = info.getAttribute("type");
            if (RcsFileInfo.Type.FILE.wire().equals(type)) {
                if (file != null) {
                    throw new PageModeException("RCS FT-HTTP body has more than one file-info of type file");
                }
                file = fileInfo(info, RcsFileInfo.Type.FILE);
            } else if (RcsFileInfo.Type.THUMBNAIL.wire().equals(type)) {
                if (thumb != null) {
                    throw new PageModeException("RCS FT-HTTP body has more than one thumbnail");
                }
                thumb = fileInfo(info, RcsFileInfo.Type.THUMBNAIL);
            }
        }
        if (file == null) {
            throw new PageModeException("RCS FT-HTTP body has no file-info of type \"file\"");
        }
        return new Body(file, thumb);
    }

    private static RcsFileInfo fileInfo(Element info, RcsFileInfo.Type type) throws PageModeException {
        if (!children(info, "file-key").isEmpty()) {
            throw new PageModeException("The file is end-to-end encrypted (file-key), which SipDrop cannot decrypt");
        }
        String size = single(info, "file-size");
        Long octets = null;
        if (size != null) {
            if (!size.matches("[0-9]{1,18}")) {
                throw new PageModeException("RCS file-size must be a number of octets, got '" + size + "'");
            }
            octets = Long.parseLong(size);
        }
        String name = single(info, "file-name");
        String contentType = single(info, "content-type");
        if (contentType == null) {
            contentType = "application/octet-stream";
        }
        List<Element> data = children(info, "data");
        if (data.size() != 1) {
            throw new PageModeException("RCS file-info of type " + type.wire() + " needs exactly one <data url=...>, got "
                    + data.size());
        }
        String url = data.get(0).getAttribute("url").strip();
        String until = data.get(0).getAttribute("until").strip();
        String disposition = info.getAttribute("file-disposition");
        try {
            return new RcsFileInfo(type, octets, name == null || name.isEmpty() ? null : name, contentType, new URI(url),
                    until.isEmpty() ? null : XmlDates.parse("until", until),
                    disposition.isEmpty() ? null : disposition);
        } catch (URISyntaxException e) {
            throw new PageModeException("RCS file-info has a bad data url '" + url + "': " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new PageModeException("RCS file-info is unusable: " + e.getMessage(), e);
        }
    }

    private static String single(Element parent, String name) throws PageModeException {
        List<Element> found = children(parent, name);
        if (found.size() > 1) {
            throw new PageModeException("RCS file-info has " + found.size() + " <" + name + "> elements");
        }
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && NS.equals(n.getNamespaceURI()) && local.equals(n.getLocalName())) {
                out.add((Element) n);
            }
        }
        return out;
    }

}
