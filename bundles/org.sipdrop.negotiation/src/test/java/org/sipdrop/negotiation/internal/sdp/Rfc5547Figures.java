package org.sipdrop.negotiation.internal.sdp;

/**
 * The SDP of the examples of RFC 5547 §9, copied verbatim from the RFC text (the 3-column page
 * indent removed), unfolded as the RFC's notes say (see {@link #unfold}), with CRLF line ends.
 * Shared by the tests of the SDP code and of the engine.
 */
public final class Rfc5547Figures {

    /** RFC 5547 §9.1, Fig. 8 (the SDP part of the INVITE): Alice offers to send a picture. */
    public static final String FIG_8 = unfold("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 alicepc.example.com
            s=
            c=IN IP4 alicepc.example.com
            t=0 0
            m=message 7654 TCP/MSRP *
            i=This is my latest picture
            a=sendonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://alicepc.example.com:7654/jshA7we;tcp
            a=file-selector:name:"My cool picture.jpg" type:image/jpeg
              size:4092 hash:sha-1:
              72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE
            a=file-disposition:render
            a=file-date:creation:"Mon, 15 May 2006 15:01:31 +0300"
            a=file-icon:cid:id2@alicepc.example.com
            """);

    /** RFC 5547 §9.1, Fig. 9: Bob accepts it. */
    public static final String FIG_9 = unfold("""
            v=0
            o=bob 2890844656 2890844656 IN IP4 bobpc.example.com
            s=
            c=IN IP4 bobpc.example.com
            t=0 0
            m=message 8888 TCP/MSRP *
            a=recvonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://bobpc.example.com:8888/9di4ea;tcp
            a=file-selector:name:"My cool picture.jpg" type:image/jpeg
              size:4092 hash:sha-1:
              72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE
            """);

    /** RFC 5547 §9.2, Fig. 15 (the SDP part of the INVITE): Alice asks for a file she knows by its hash. */
    public static final String FIG_15 = unfold("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 alicepc.example.com
            s=
            c=IN IP4 alicepc.example.com
            t=0 0
            m=message 7654 TCP/MSRP *
            a=recvonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://alicepc.example.com:7654/jshA7we;tcp
            a=file-selector:hash:sha-1:
              72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2
            """);

    /** RFC 5547 §9.2, Fig. 16: Bob sends it, described by type and hash only. */
    public static final String FIG_16 = unfold("""
            v=0
            o=bob 2890844656 2890855439 IN IP4 bobpc.example.com
            s=
            c=IN IP4 bobpc.example.com
            t=0 0
            m=message 8888 TCP/MSRP *
            a=sendonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://bobpc.example.com:8888/9di4ea;tcp
            a=file-selector:type:image/jpeg hash:sha-1:
              72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:aCQYuBRVoUPGVsFZkCK98vzcX2FXDIk2
            """);

    /** The hash of the figures' file-selectors (the same in all four). */
    public static final String FIG_HASH = "72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E";

    /**
     * Undoes the figures' folding. The RFC notes under Figs. 8, 9, 15 and 16: the file-selector
     * "is split in several lines for formatting purposes. Real implementations will encode it in
     * a single line." The folds fall between two selectors, where the grammar puts one SP
     * ({@code selector *(SP selector)}, RFC 5547 §6), and after {@code hash:sha-1:}, where the
     * hash value follows the colon directly ({@code "hash:" hash-algorithm ":" hash-value}). So a
     * continuation line (indented) joins the line before with one SP, or with nothing after a
     * line that ends in a colon; the figure's 3-column page indent is already gone. Lines end
     * with CRLF as on the wire (RFC 4566 §5).
     */
    public static String unfold(String figure) {
        StringBuilder b = new StringBuilder();
        for (String line : figure.split("\n")) {
            if (line.startsWith(" ")) {
                b.setLength(b.length() - 2); // the CRLF of the line continued
                b.append(b.charAt(b.length() - 1) == ':' ? "" : " ").append(line.strip());
            } else {
                b.append(line);
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    private Rfc5547Figures() {
    }
}
