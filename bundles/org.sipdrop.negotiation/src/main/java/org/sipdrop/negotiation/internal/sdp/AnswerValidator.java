package org.sipdrop.negotiation.internal.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a received answer against the offer this side sent (RFC 3264 §6, RFC 5547 §8.3): the
 * same m= lines in the same order, each either rejected with port 0 or accepted with the same
 * file-transfer-id, the mirrored direction, an a=path, a compatible a=setup, a file-selector
 * that does not contradict the offered one and a file-range that fits it. Whatever else a legal
 * answer holds or leaves out is accepted: e.g. the a=file-disposition that RFC 5547 §8.3.1 tells
 * a receiver not to send but Fig. 20 of §9.2 sends.
 */
public final class AnswerValidator {

    private AnswerValidator() {
    }

    /**
     * @return the indexes of the m= lines the answer accepted, in order (possibly none)
     * @throws SdpException 400 if the answer is malformed; 488 listing every mismatch otherwise
     */
    public static List<Integer> validate(Sdp offer, Sdp answer) throws SdpException {
        List<String> problems = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        if (offer.media().size() != answer.media().size()) {
            throw SdpException.notAcceptable("the answer has " + answer.media().size() + " m= lines but the offer had "
                    + offer.media().size() + "; an answer keeps every offered m= line in order (RFC 3264 §6)");
        }
        for (int i = 0; i < offer.media().size(); i++) {
            int before = problems.size();
            check(i, offer, answer, problems);
            if (problems.size() == before && answer.media().get(i).port() != 0) {
                accepted.add(i);
            }
        }
        if (!problems.isEmpty()) {
            throw SdpException.notAcceptable(String.join("; ", problems));
        }
        return accepted;
    }

    private static void check(int i, Sdp offer, Sdp answer, List<String> problems) throws SdpException {
        MediaDescription om = offer.media().get(i);
        MediaDescription am = answer.media().get(i);
        String which = "stream " + (i + 1) + ": ";
        if (!om.media().equals(am.media()) || !om.proto().equalsIgnoreCase(am.proto())) {
            problems.add(which + "answered m=" + am.media() + " " + am.proto() + " for offered m=" + om.media() + " "
                    + om.proto() + " (RFC 3264 §6)");
            return;
        }
        if (am.port() == 0) {
            return;
        }
        if (om.port() == 0) {
            problems.add(which + "the answer accepts a stream the offer disabled with port 0 (RFC 3264 §6)");
            return;
        }
        FileStream o = FileStream.read(om, offer);
        FileStream a = FileStream.read(am, answer);
        if (o.transferId() != null && !o.transferId().equals(a.transferId())) {
            problems.add(which + "file-transfer-id " + quoteOrMissing(a.transferId()) + " does not match the offered "
                    + SdpException.quote(o.transferId()) + " (RFC 5547 §8.1)");
        }
        if (a.direction() != o.direction().mirror()) {
            problems.add(which + "direction " + a.direction().attributeName() + " does not mirror the offered "
                    + o.direction().attributeName() + "; expected " + o.direction().mirror().attributeName() + " (RFC 3264 §6.1)");
        }
        if (a.path().isEmpty()) {
            problems.add(which + "no a=path in the answer (RFC 4975 §8.2)");
        }
        if (!SetupRole.compatible(o.setup(), a.setup())) {
            problems.add(which + "a=setup:" + a.setup().value() + " does not answer a=setup:"
                    + (o.setup() == null ? "(none)" : o.setup().value()) + " (RFC 4145 §4.1)");
        }
        checkSelector(which, o, a, problems);
        checkRange(which, o, a, problems);
    }

    /**
     * An answer may leave selectors out (RFC 5547 §8.3.1: the receiver of a push copies name, type
     * and size, the hash it may drop; §8.3.2: the holder of a pulled file adds the hash and may
     * leave name and size out) but must not contradict the offer: each selector present in both
     * must have the same value.
     */
    private static void checkSelector(String which, FileStream o, FileStream a, List<String> problems) {
        if (a.selector() == null) {
            problems.add(which + "no a=file-selector in the answer (RFC 5547 §5)");
        } else if (a.selector().isEmpty()) {
            problems.add(which + "the answer's a=file-selector selects no file (RFC 5547 §6)");
        } else if (o.selector() != null && !a.selector().agreesWith(o.selector())) {
            boolean push = o.direction() == StreamDirection.SENDONLY;
            problems.add(which + (push ? "the answer's file-selector " : "the file answered ")
                    + SdpException.quote(a.selector().format()) + (push ? " contradicts the offered " : " is not the file requested ")
                    + SdpException.quote(o.selector().format()) + (push ? " (RFC 5547 §8.3.1)" : " (RFC 5547 §8.3.2)"));
        }
    }

    /**
     * A push's receiver answers the offered range or a part of it, to resume (RFC 5547 §6,
     * §8.3.1); a pull's holder that takes the request answers the same range (§8.3.2), and a
     * request without range asks for the whole file, {@code 1-*} (§6).
     */
    private static void checkRange(String which, FileStream o, FileStream a, List<String> problems) {
        if (o.direction() == StreamDirection.SENDONLY) {
            if (o.range() != null && a.range() != null && !a.range().within(o.range())) {
                problems.add(which + "file-range " + a.range() + " lies outside the offered " + o.range() + " (RFC 5547 §6)");
            }
        } else if (o.range() != null ? !o.range().equals(a.range()) : a.range() != null && a.range().start() != 1) {
            problems.add(which + "the answer's file-range " + (a.range() == null ? "(none)" : a.range())
                    + " is not the requested " + (o.range() == null ? "whole file, 1-*" : o.range()) + " (RFC 5547 §6, §8.3.2)");
        }
    }

    private static String quoteOrMissing(String value) {
        return value == null ? "(missing)" : SdpException.quote(value);
    }
}
