package org.sipdrop.negotiation.internal.sdp;

/**
 * SDP bodies modelled on RFC 5547 (the example of Fig. 2 in §6 and the examples of §9), not
 * copies of them: hosts, sizes, ids and some attributes differ. The RFC's own figures, verbatim,
 * are in {@link Rfc5547Figures}. Lines end with CRLF as on the wire.
 */
final class Vectors {

    static final String SHA1_HEX = "72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E";

    /** After Fig. 2 (RFC 5547 §6): Alice offers to send a picture (push, sendonly). */
    static final String PUSH_OFFER = crlf("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
            s=
            c=IN IP4 host.atlanta.example.com
            t=0 0
            m=message 7654 TCP/MSRP *
            i=This is my latest picture
            a=sendonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://atlanta.example.com:7654/jshA7weztas;tcp
            a=file-selector:name:"My cool picture.jpg" type:image/jpeg size:32349 hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:vBnG916bdberum2fFEABR1FR3ExZMUrd
            a=file-disposition:attachment
            a=file-date:creation:"Mon, 15 May 2006 15:01:31 +0300"
            a=file-icon:cid:id2@alicepc.example.com
            a=file-range:1-32349
            """);

    /**
     * After Fig. 9 (RFC 5547 §9.1): Bob accepts (recvonly), copying file-selector and
     * file-transfer-id; unlike Fig. 9 it also has a=file-disposition, which §8.3.1 tells a
     * receiver not to send, and a=file-range.
     */
    static final String PUSH_ANSWER = crlf("""
            v=0
            o=bob 2890844656 2890844656 IN IP4 host.biloxi.example.com
            s=
            c=IN IP4 host.biloxi.example.com
            t=0 0
            m=message 8888 TCP/MSRP *
            a=recvonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://bobpc.example.com:8888/9di4eae923wzd;tcp
            a=file-selector:name:"My cool picture.jpg" type:image/jpeg size:32349 hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:vBnG916bdberum2fFEABR1FR3ExZMUrd
            a=file-disposition:attachment
            a=file-range:1-32349
            """);

    /** After Fig. 15 (RFC 5547 §9.2): Alice asks Bob for a file she knows by its hash (pull, recvonly). */
    static final String PULL_OFFER = crlf("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
            s=
            c=IN IP4 host.atlanta.example.com
            t=0 0
            m=message 7654 TCP/MSRP *
            a=recvonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://atlanta.example.com:7654/jshA7weztas;tcp
            a=file-selector:hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:Aw9ilduRGbCfVLyFkq1oqRnxRR3c1b0f
            """);

    /** After Fig. 16 (RFC 5547 §9.2): Bob sends the file (sendonly) and, unlike Fig. 16, describes it fully. */
    static final String PULL_ANSWER = crlf("""
            v=0
            o=bob 2890844656 2890844656 IN IP4 host.biloxi.example.com
            s=
            c=IN IP4 host.biloxi.example.com
            t=0 0
            m=message 8888 TCP/MSRP *
            a=sendonly
            a=accept-types:message/cpim
            a=accept-wrapped-types:*
            a=path:msrp://bobpc.example.com:8888/9di4eae923wzd;tcp
            a=file-selector:name:"My cool song.mp3" type:audio/mpeg size:4931584 hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:Aw9ilduRGbCfVLyFkq1oqRnxRR3c1b0f
            a=file-disposition:attachment
            a=file-date:creation:"Mon, 15 May 2006 15:01:31 +0300"
            a=file-range:1-4931584
            """);

    /** RFC 5547 §8.2.3-style: two files, one m= line each, each with its own MSRP session. */
    static final String TWO_FILES_OFFER = crlf("""
            v=0
            o=alice 2890844526 2890844527 IN IP4 host.atlanta.example.com
            s=-
            c=IN IP4 host.atlanta.example.com
            t=0 0
            m=message 7654 TCP/MSRP *
            a=sendonly
            a=accept-types:*
            a=path:msrp://atlanta.example.com:7654/jshA7weztas;tcp
            a=file-selector:name:"report.pdf" type:application/pdf size:1024 hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E
            a=file-transfer-id:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1
            m=message 7654 TCP/TLS/MSRP *
            a=sendonly
            a=accept-types:*
            a=path:msrps://atlanta.example.com:7654/kwe8qwe9ert;tcp
            a=file-selector:name:"notes.txt" type:text/plain;charset="UTF-8" size:10
            a=file-transfer-id:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2
            """);

    /** RFC 5547 §6 file-range, to resume: the receiver asks only for the octets it is missing. */
    static final String RESUME_ANSWER = PUSH_ANSWER.replace("a=file-range:1-32349", "a=file-range:16385-32349");

    /** After RFC 5547 §9.3: a capability indication, bare a=file-selector, disabled streams. */
    static final String CAPABILITIES = crlf("""
            v=0
            o=bob 2890844656 2890855439 IN IP4 host.biloxi.example.com
            s=-
            c=IN IP4 host.biloxi.example.com
            t=0 0
            m=message 0 TCP/MSRP *
            a=accept-types:*
            a=file-selector
            a=max-size:20000
            m=audio 0 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            """);

    private Vectors() {
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
