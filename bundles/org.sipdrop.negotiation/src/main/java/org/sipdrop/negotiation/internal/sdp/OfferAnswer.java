package org.sipdrop.negotiation.internal.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.sipdrop.transfer.FileOffer;

/**
 * Builds RFC 5547 offers and answers for one local endpoint:
 * <ul>
 * <li>a push offer: one {@code sendonly} m= line per file (RFC 5547 §8.2.1, §8.2.3);</li>
 * <li>a pull offer: one {@code recvonly} m= line per wanted file (RFC 5547 §8.2.2);</li>
 * <li>an answer that mirrors each accepted stream's direction, copies its file-transfer-id and
 * (push) its file-selector or (pull) describes the file sent, and sets this side's a=path and
 * a=setup (passive to an actpass offer or to none, RFC 6135 §4.2.2, RFC 4975 §5.4; see
 * {@link SetupRole#answerTo}); never a=connection, which "MSRP UAs MUST NOT use" (RFC 6135
 * §4.4); rejected streams get port 0 and keep only file-selector and file-transfer-id
 * (RFC 5547 §8.3, RFC 3264 §6).</li>
 * </ul>
 * Session ids, MSRP session ids and file-transfer-ids come from the given random generator;
 * production code passes a {@link java.security.SecureRandom} (RFC 5547 §8.1 and RFC 4975 §6
 * want them unguessable).
 */
public final class OfferAnswer {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** RFC 5547 §8.1: a file-transfer-id with enough randomness to be unique; 32 characters as in §9. */
    private static final int TRANSFER_ID_LENGTH = 32;
    /** RFC 4975 §6.1: the session-id part of an MSRP URI needs at least 80 bits of randomness. */
    private static final int SESSION_ID_LENGTH = 20;

    private final LocalEndpoint local;
    private final RandomGenerator random;

    public OfferAnswer(LocalEndpoint local, RandomGenerator random) {
        this.local = Objects.requireNonNull(local, "local");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @return an offer to send {@code files}, one sendonly stream each, every file with its name,
     *         type, size, hash and modification date, and a file-range of the whole file
     */
    public Sdp pushOffer(List<FileOffer> files) {
        return pushOffer(files, null);
    }

    /**
     * As {@link #pushOffer(List)}, with each stream's a=path taken from the transport session
     * that will carry it (RFC 4975 §8.2: the MSRP URIs, this side's own last) instead of made up
     * from the local endpoint.
     *
     * @param paths one path per file, or null to make them up
     */
    public Sdp pushOffer(List<FileOffer> files, List<List<String>> paths) {
        return pushOffer(files, paths, null);
    }

    /**
     * As {@link #pushOffer(List, List)}, with an {@code a=file-icon} per file that has one
     * (RFC 5547 §6: a {@code cid:} URL, RFC 2392, naming the icon's body part in the same INVITE).
     *
     * @param iconUrls one {@code cid:} URL or null per file, or null for no icons at all
     */
    public Sdp pushOffer(List<FileOffer> files, List<List<String>> paths, List<String> iconUrls) {
        requireSome(files);
        requireOnePer(files, paths);
        if (iconUrls != null && iconUrls.size() != files.size()) {
            throw new IllegalArgumentException("Give one icon URL (or null) per file: " + files.size() + " files, "
                    + iconUrls.size() + " icons");
        }
        List<MediaDescription> media = new ArrayList<>();
        for (FileOffer f : files) {
            if (f.sha1().isEmpty()) {
                throw new IllegalArgumentException("Compute the SHA-1 of " + f.name() + " before offering it (RFC 5547 §8.2.1)");
            }
            FileStream stream = stream(StreamDirection.SENDONLY, FileOfferMapping.selectorOf(f), f.transferId().orElse(null),
                    FileOfferMapping.dateOf(f).orElse(null), f.size() > 0 ? FileRange.whole(f.size()) : null,
                    f.description().orElse(null), pathOf(paths, media.size()));
            String icon = iconUrls == null ? null : iconUrls.get(media.size());
            if (icon != null) {
                stream = new FileStream(stream.port(), stream.proto(), stream.direction(), stream.selector(), stream.transferId(),
                        stream.disposition(), stream.date(), icon, stream.range(), stream.information(), stream.path(),
                        stream.acceptTypes(), stream.acceptWrappedTypes(), stream.maxSize(), stream.setup(),
                        stream.connectionMode(), stream.other());
            }
            media.add(stream.toMedia());
        }
        return session(media);
    }

    /** @return an offer to receive the files {@code wanted} describes, one recvonly stream each */
    public Sdp pullOffer(List<FileSelector> wanted) {
        return pullOffer(wanted, null);
    }

    /**
     * As {@link #pullOffer(List)}, with each stream's a=path taken from the transport session
     * that will receive it (RFC 4975 §8.2).
     *
     * @param paths one path per wanted file, or null to make them up
     */
    public Sdp pullOffer(List<FileSelector> wanted, List<List<String>> paths) {
        requireSome(wanted);
        requireOnePer(wanted, paths);
        List<MediaDescription> media = new ArrayList<>();
        for (FileSelector s : wanted) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("A pull offer names the file by at least one selector (RFC 5547 §8.2.2)");
            }
            media.add(stream(StreamDirection.RECVONLY, s, null, null, null, null, pathOf(paths, media.size())).toMedia());
        }
        return session(media);
    }

    /**
     * Answers {@code offer} stream by stream (RFC 5547 §8.3).
     *
     * @param answers one per m= line of the offer; a stream that cannot be accepted is rejected
     *        whatever its answer says
     * @throws SdpException 400 if the offer is malformed
     */
    public Sdp answer(Sdp offer, List<StreamAnswer> answers) throws SdpException {
        return answer(offer, answers, null);
    }

    /**
     * As {@link #answer(Sdp, List)}, with each accepted stream's a=path taken from the transport
     * session that will carry it.
     *
     * @param paths one per m= line (null or ignored for a rejected one), or null to make them up
     */
    public Sdp answer(Sdp offer, List<StreamAnswer> answers, List<List<String>> paths) throws SdpException {
        List<OfferedStream> streams = OfferReader.readStreams(offer, p -> FileStream.isMsrp(p) || p.equalsIgnoreCase(local.proto()));
        requireOnePer(streams, paths);
        if (answers.size() != streams.size()) {
            throw new IllegalArgumentException("Give one answer per offered m= line: " + streams.size()
                    + " offered, " + answers.size() + " answers");
        }
        List<MediaDescription> media = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            OfferedStream o = streams.get(i);
            StreamAnswer a = answers.get(i);
            if (!o.acceptable() || !a.accepted()) {
                media.add(rejected(offer.media().get(i)));
            } else {
                media.add(answerStream(o.stream(), a, pathOf(paths, i)).toMedia());
            }
        }
        return session(media);
    }

    /**
     * A rejected m= line: port 0 (RFC 3264 §6), and the offer's a=file-selector and
     * a=file-transfer-id copied as they were: "The rejected answer MUST contain[] a
     * 'file-selector' and 'file-transfer-id' attributes whose values mirror the corresponding
     * values of the SDP offer" (RFC 5547 §8.3).
     */
    private static MediaDescription rejected(MediaDescription offered) {
        MediaDescription.Builder m = offered.toBuilder().port(0).portCount(0).information(null).connection(null)
                .clearAttributes();
        offered.attributes().stream().filter(x -> x.name().equals(AttributeNames.FILE_SELECTOR)
                || x.name().equals(AttributeNames.FILE_TRANSFER_ID)).forEach(m::attribute);
        return m.build();
    }

    /**
     * One accepted stream. A push's receiver copies the selector (RFC 5547 §8.3.1 wants name, type
     * and size; the hash goes along, as in Fig. 9 of §9.1) and "MUST NOT include 'file-icon',
     * 'file-disposition', or 'file-date'". A pull's holder describes its own file (§8.3.2): the
     * hash it SHOULD add, the type it MAY add, and also name, size and date, which §8.3.2
     * recommends leaving out only when the transfer carries them in a Content-Disposition; this
     * side's MSRP transfer sends the file's bytes unwrapped, without one, unless the requester takes
     * it only inside message/cpim ({@link Wrapping}). A requested range is
     * answered with the same range (§8.3.2), none when the whole file was asked for (§6).
     */
    private FileStream answerStream(FileStream offered, StreamAnswer a, List<String> path) {
        FileSelector selector = offered.selector();
        FileDate date = null;
        FileRange range = a.range() != null ? a.range() : offered.range();
        if (a.file() != null) {
            if (offered.direction() != StreamDirection.RECVONLY) {
                throw new IllegalArgumentException("Only a pull (recvonly offer) is answered with a file to send");
            }
            selector = FileOfferMapping.selectorOf(a.file());
            if (!selector.satisfies(offered.selector())) {
                throw new IllegalArgumentException("The file " + a.file() + " does not match the requested "
                        + offered.selector() + " (RFC 5547 §8.3.2)");
            }
            date = FileOfferMapping.dateOf(a.file()).orElse(null);
            range = offered.range();
            if (range != null && (range.start() > a.file().size() || range.stop() > a.file().size())) {
                throw new IllegalArgumentException("The requested file-range " + range + " lies outside the "
                        + a.file().size() + " octets of " + a.file().name() + " (RFC 5547 §8.3.2)");
            }
        }
        if (a.range() != null && offered.range() != null && !a.range().within(offered.range())) {
            throw new IllegalArgumentException("Answered file-range " + a.range() + " is outside the offered "
                    + offered.range() + " (RFC 5547 §6)");
        }
        List<String> own = path != null ? path : List.of(local.pathFor(randomId(SESSION_ID_LENGTH), offered.tls()));
        return new FileStream(portOf(own), offered.proto(), offered.direction().mirror(), selector, offered.transferId(),
                null, date, null, range, null, own, local.acceptTypes(),
                offered.acceptWrappedTypes(), -1, SetupRole.answerTo(offered.setup()), null, List.of());
    }

    private FileStream stream(StreamDirection direction, FileSelector selector, String transferId, FileDate date,
            FileRange range, String information, List<String> path) {
        List<String> own = path != null ? path : List.of(local.pathFor(randomId(SESSION_ID_LENGTH), local.tls()));
        return new FileStream(portOf(own), local.proto(), direction, selector,
                transferId == null ? randomId(TRANSFER_ID_LENGTH) : transferId, direction == StreamDirection.SENDONLY
                        ? "attachment" : null, date, null, range, information,
                own, local.acceptTypes(), List.of(), -1,
                SetupRole.ACTPASS, null, List.of());
    }

    private Sdp session(List<MediaDescription> media) {
        String sessionId = Long.toString(1_000_000_000L + Math.floorMod(random.nextLong(), 8_000_000_000L));
        return Sdp.builder(Origin.of(local.username(), sessionId, sessionId, local.host()))
                .connection(ConnectionData.of(local.host())).replaceMedia(media).build();
    }

    private String randomId(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    private static List<String> pathOf(List<List<String>> paths, int i) {
        return paths == null ? null : paths.get(i);
    }

    /** RFC 4975 §8.1: the m= port is that of this side's own URI, the last of its path. */
    private int portOf(List<String> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("An a=path needs at least one MSRP URI (RFC 4975 §8.2)");
        }
        int port = java.net.URI.create(path.get(path.size() - 1)).getPort();
        return port > 0 ? port : local.port();
    }

    private static void requireOnePer(List<?> items, List<List<String>> paths) {
        if (paths != null && paths.size() != items.size()) {
            throw new IllegalArgumentException("Give one a=path per stream: " + items.size() + " streams, "
                    + paths.size() + " paths");
        }
    }

    private static void requireSome(List<?> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("An offer needs at least one file");
        }
    }
}
