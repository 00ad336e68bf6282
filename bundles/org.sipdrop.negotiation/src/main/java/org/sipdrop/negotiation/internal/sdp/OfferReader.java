package org.sipdrop.negotiation.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a received RFC 5547 offer stream by stream and says which streams can be accepted and,
 * for the others, why not. Syntax errors are 400 for the whole offer; a stream that is well formed
 * but unacceptable is only marked, so the answer can reject it with port 0 and accept the rest
 * (RFC 3264 §6). An offer without any acceptable stream is 488.
 */
public final class OfferReader {

    private OfferReader() {
    }

    /**
     * @return the acceptable and unacceptable streams, one per m= line, in order
     * @throws SdpException 400 if the offer is malformed; 488, with the first stream's reason, if
     *         no stream can be accepted
     */
    public static List<OfferedStream> read(Sdp offer) throws SdpException {
        return read(offer, FileStream::isMsrp);
    }

    /**
     * @param supported whether an m= line's proto is that of a session transport running here
     *        (MSRP's, or another transport's own token)
     * @return the acceptable and unacceptable streams, one per m= line, in order
     * @throws SdpException 400 if the offer is malformed; 488, with the first stream's reason, if
     *         no stream can be accepted
     */
    public static List<OfferedStream> read(Sdp offer, java.util.function.Predicate<String> supported) throws SdpException {
        List<OfferedStream> streams = readStreams(offer, supported);
        if (streams.isEmpty()) {
            throw SdpException.notAcceptable("the offer has no m= line, so no file to transfer (RFC 5547 §8)");
        }
        if (streams.stream().noneMatch(OfferedStream::acceptable)) {
            throw SdpException.notAcceptable(streams.get(0).problem().reason());
        }
        return streams;
    }

    /** @return every m= line as an {@link OfferedStream}, acceptable or not; 400 if malformed */
    static List<OfferedStream> readStreams(Sdp offer) throws SdpException {
        return readStreams(offer, FileStream::isMsrp);
    }

    static List<OfferedStream> readStreams(Sdp offer, java.util.function.Predicate<String> supported) throws SdpException {
        List<OfferedStream> result = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            result.add(readStream(offer, i, supported));
        }
        return result;
    }

    private static OfferedStream readStream(Sdp offer, int i, java.util.function.Predicate<String> supported)
            throws SdpException {
        MediaDescription m = offer.media().get(i);
        String which = "stream " + (i + 1) + ": ";
        if (!MediaDescription.MEDIA_MESSAGE.equals(m.media())) {
            return rejected(i, null, which + "m=" + m.media() + " is not a file transfer; files go over MSRP in m=message (RFC 5547 §8)");
        }
        if (!supported.test(m.proto())) {
            return rejected(i, null, which + "transport " + SdpException.quote(m.proto())
                    + " is not supported here; use TCP/MSRP or TCP/TLS/MSRP (RFC 4975 §8.1)");
        }
        FileStream s = FileStream.read(m, offer);
        if (m.port() == 0) {
            return rejected(i, s, which + "the stream is disabled (port 0, RFC 3264 §8.2)");
        }
        if (FileStream.isMsrp(m.proto()) && !m.formats().equals(List.of("*"))) {
            return rejected(i, s, which + "an MSRP m= line has the format list * (RFC 4975 §8.1)");
        }
        if (s.selector() == null) {
            return rejected(i, s, which + "no a=file-selector, so no file is offered (RFC 5547 §8.2)");
        }
        if (s.selector().isEmpty()) {
            return rejected(i, s, which + "a=file-selector without value only indicates capability (RFC 5547 §6)");
        }
        if (s.transferId() == null) {
            return rejected(i, s, which + "no a=file-transfer-id (RFC 5547 §8.1)");
        }
        if (s.path().isEmpty()) {
            return rejected(i, s, which + "no a=path, so no MSRP URI to reach the peer (RFC 4975 §8.2)");
        }
        if (s.acceptTypes().isEmpty()) {
            return rejected(i, s, which + "no a=accept-types (RFC 4975 §8.6)");
        }
        String scheme = s.tls() ? "msrps://" : "msrp://";
        if (FileStream.isMsrp(m.proto()) && !s.path().get(s.path().size() - 1).toLowerCase(Locale.ROOT).startsWith(scheme)) {
            return rejected(i, s, which + "a=path URI scheme does not match transport " + m.proto() + " (RFC 4975 §6)");
        }
        if (s.direction() != StreamDirection.SENDONLY && s.direction() != StreamDirection.RECVONLY) {
            return rejected(i, s, which + "a file transfer is sendonly (push) or recvonly (pull), not "
                    + s.direction().attributeName() + " (RFC 5547 §8.2)");
        }
        if (s.direction() == StreamDirection.SENDONLY) {
            FileSelector f = s.selector();
            if (f.mediaType().isEmpty() && f.size().isEmpty() && f.hash().isEmpty()) {
                return rejected(i, s, which + "a push offer's file-selector has at least one of the type, size and hash"
                        + " selectors (RFC 5547 §8.2.1)");
            }
            try {
                FileOfferMapping.toFileOffer(s);
            } catch (SdpException e) {
                return rejected(i, s, which + e.reason());
            }
        }
        return new OfferedStream(i, s, null);
    }

    private static OfferedStream rejected(int index, FileStream stream, String reason) {
        return new OfferedStream(index, stream, SdpException.notAcceptable(reason));
    }
}
