package org.sipdrop.negotiation.internal.pagemode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats and parses {@code Message/CPIM} (RFC 3862) as used to request IMDNs (RFC 5438 §7.1):
 *
 * <pre>
 * From: &lt;sip:alice@example.com&gt;
 * To: &lt;sip:bob@example.com&gt;
 * DateTime: 2024-05-01T10:00:00Z
 * NS: imdn &lt;urn:ietf:params:imdn&gt;
 * imdn.Message-ID: 34jk324j
 * imdn.Disposition-Notification: positive-delivery, negative-delivery
 *
 * Content-Type: message/external-body; access-type="URL"; ...
 * Content-Length: 120
 *
 * ...payload...
 * </pre>
 *
 * Parsing also reads messages without the blank line between message and payload headers, as
 * RFC 5438's examples are written ({@link #firstContentHeader}). It finds the IMDN headers
 * through whatever prefix the NS header binds to {@value #IMDN_NS} (RFC 3862 §4.6), and refuses a message whose Require header names a header
 * SipDrop does not understand (RFC 3862 §4.7). Pure functions; thread-safe.
 */
public final class CpimCodec {

    /** Media type, RFC 3862 §7. */
    public static final String MEDIA_TYPE = "Message/CPIM";

    /** The IMDN header namespace, RFC 5438 §6.1. */
    public static final String IMDN_NS = "urn:ietf:params:imdn";

    /** Largest CPIM message accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final Pattern ADDRESS = Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^<\"]*?))\\s*<([^<>\\s]+)>\\s*");
    private static final Pattern NS = Pattern.compile("\\s*(?:([A-Za-z0-9_.-]+)\\s+)?<([^<>\\s]+)>\\s*");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]+( [A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]+)*");
    private static final Set<String> UNDERSTOOD = Set.of("from", "to", "cc", "datetime", "subject", "ns", "require");

    private CpimCodec() {
    }

    /** @return the CPIM message, UTF-8 (RFC 3862 §3.1); Content-Length is added to the payload headers if absent */
    public static byte[] format(CpimMessage m) {
        MimeHeaders.Builder h = MimeHeaders.builder().add("From", address(m.from())).add("To", address(m.to()));
        m.dateTime().ifPresent(t -> h.add("DateTime", DateTimeFormatter.ISO_INSTANT.format(t)));
        if (m.messageId().isPresent() || !m.dispositions().isEmpty()) {
            h.add("NS", "imdn <" + IMDN_NS + ">");
        }
        m.messageId().ifPresent(id -> h.add("imdn.Message-ID", id));
        if (!m.dispositions().isEmpty()) {
            StringBuilder d = new StringBuilder();
            m.dispositions().forEach(x -> d.append(d.length() == 0 ? "" : ", ").append(x.wire()));
            h.add("imdn.Disposition-Notification", d.toString());
        }
        MimeHeaders.Builder c = MimeHeaders.builder();
        m.contentHeaders().fields().forEach(f -> c.add(f.name(), f.value()));
        byte[] content = m.content();
        if (m.contentHeaders().first("Content-Length").isEmpty()) {
            c.add("Content-Length", Integer.toString(content.length));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((h.build().format() + "\r\n" + c.build().format() + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String address(CpimMessage.Address a) {
        String uri = "<" + a.uri() + ">";
        return a.displayName().map(n -> (PLAIN_NAME.matcher(n).matches() ? n
                : "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + " " + uri).orElse(uri);
    }

    /** Parses a CPIM message: message headers, blank line, payload headers, blank line, payload. */
    public static CpimMessage parse(byte[] body) throws PageModeException {
        if (body.length > MAX_BYTES) {
            throw new PageModeException("CPIM message of " + body.length + " bytes exceeds the limit of " + MAX_BYTES);
        }
        int end1 = MimeHeaders.blankLine(body, 0);
        if (end1 < 0) {
            throw new PageModeException("CPIM message lacks the blank line after its message headers (RFC 3862 §2)");
        }
        MimeHeaders first = MimeHeaders.parse(MimeHeaders.utf8(body, 0, end1, "CPIM message headers"));
        int split = firstContentHeader(first);
        MimeHeaders msg;
        MimeHeaders payload;
        byte[] content;
        if (split >= 0) {
            msg = slice(first, 0, split);
            payload = slice(first, split, first.fields().size());
            content = content(payload, body, end1 + 4);
        } else {
            int end2 = MimeHeaders.blankLine(body, end1 + 4);
            if (end2 < 0) {
                throw new PageModeException("CPIM message lacks the blank line after its payload headers (RFC 3862 §2)");
            }
            msg = first;
            payload = MimeHeaders.parse(MimeHeaders.utf8(body, end1 + 4, end2, "CPIM payload headers"));
            content = content(payload, body, end2 + 4);
        }
        Map<String, String> ns = namespaces(msg);
        String imdn = ns.entrySet().stream().filter(e -> e.getValue().equals(IMDN_NS)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        checkRequire(msg, imdn);
        try {
            CpimMessage.Address from = parseAddress("From", msg);
            CpimMessage.Address to = parseAddress("To", msg);
            Optional<String> dt = msg.first("DateTime");
            String messageId = imdn == null ? null : msg.first(imdn + ".Message-ID").orElse(null);
            Set<CpimMessage.Disposition> disp = EnumSet.noneOf(CpimMessage.Disposition.class);
            if (imdn != null) {
                msg.first(imdn + ".Disposition-Notification").ifPresent(v -> dispositions(v, disp));
            }
            return new CpimMessage(from, to, dt.isPresent() ? XmlDates.parse("CPIM DateTime", dt.get()) : null,
                    messageId, disp, payload, content);
        } catch (IllegalArgumentException e) {
            throw new PageModeException("Unacceptable CPIM message: " + e.getMessage(), e);
        }
    }

    /**
     * RFC 5438's example messages (§7.1.1.3, §7.2.1.1, §7.2.1.2) run the payload's MIME headers
     * straight on from the CPIM message headers, without the blank line RFC 3862 §2 puts between
     * them, and senders modelled on those examples do the same. No CPIM message header (RFC 3862
     * §4, RFC 5438 §6) starts with {@code Content-}, so the first such field of the first block
     * marks where the payload headers begin.
     *
     * @return the index of the first {@code Content-*} field, or -1
     */
    private static int firstContentHeader(MimeHeaders block) {
        List<MimeHeaders.Field> fields = block.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().regionMatches(true, 0, "Content-", 0, 8)) {
                return i;
            }
        }
        return -1;
    }

    private static MimeHeaders slice(MimeHeaders block, int from, int to) throws PageModeException {
        MimeHeaders.Builder b = MimeHeaders.builder();
        try {
            block.fields().subList(from, to).forEach(f -> b.add(f.name(), f.value()));
        } catch (IllegalArgumentException e) {
            throw new PageModeException("Unacceptable CPIM header: " + e.getMessage(), e);
        }
        return b.build();
    }

    private static byte[] content(MimeHeaders payload, byte[] body, int start) throws PageModeException {
        Optional<String> length = payload.first("Content-Length");
        if (length.isEmpty()) {
            return Arrays.copyOfRange(body, start, body.length);
        }
        if (!length.get().matches("[0-9]{1,9}")) {
            throw new PageModeException("CPIM Content-Length is not a number: '" + length.get() + "'");
        }
        int n = Integer.parseInt(length.get());
        if (n > body.length - start) {
            throw new PageModeException("CPIM Content-Length " + n + " exceeds the " + (body.length - start)
                    + " bytes present");
        }
        return Arrays.copyOfRange(body, start, start + n);
    }

    /** RFC 3862 §4.6: {@code NS: [prefix] <urn>}; returns prefix to URN ("" for the default). */
    private static Map<String, String> namespaces(MimeHeaders msg) throws PageModeException {
        Map<String, String> out = new HashMap<>();
        for (MimeHeaders.Field f : msg.fields()) {
            if (f.name().equalsIgnoreCase("NS")) {
                Matcher m = NS.matcher(f.value());
                if (!m.matches()) {
                    throw new PageModeException("CPIM NS header is not '[prefix] <urn>': '" + f.value() + "'");
                }
                out.put(m.group(1) == null ? "" : m.group(1), m.group(2));
            }
        }
        return out;
    }

    /** RFC 3862 §4.7: every header named in Require must be understood, or the message is refused. */
    private static void checkRequire(MimeHeaders msg, String imdnPrefix) throws PageModeException {
        for (MimeHeaders.Field f : msg.fields()) {
            if (!f.name().equalsIgnoreCase("Require")) {
                continue;
            }
            for (String name : f.value().split(",")) {
                String n = name.strip().toLowerCase(Locale.ROOT);
                boolean imdnHeader = imdnPrefix != null && n.startsWith(imdnPrefix.toLowerCase(Locale.ROOT) + ".");
                if (!n.isEmpty() && !UNDERSTOOD.contains(n) && !imdnHeader) {
                    throw new PageModeException("CPIM message requires header '" + name.strip()
                            + "', which SipDrop does not understand (RFC 3862 §4.7)");
                }
            }
        }
    }

    private static CpimMessage.Address parseAddress(String name, MimeHeaders msg) throws PageModeException {
        if (msg.count(name) != 1) {
            throw new PageModeException("CPIM message needs exactly one " + name + " header (RFC 3862 §4), got "
                    + msg.count(name));
        }
        String v = msg.first(name).orElseThrow();
        Matcher m = ADDRESS.matcher(v);
        if (!m.matches()) {
            throw new PageModeException("CPIM " + name + " is not '[name] <uri>': '" + v + "'");
        }
        String display = m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2).strip();
        return new CpimMessage.Address(display, m.group(3));
    }

    private static void dispositions(String v, Set<CpimMessage.Disposition> into) {
        for (String token : v.split(",")) {
            for (CpimMessage.Disposition d : CpimMessage.Disposition.values()) {
                if (d.wire().equalsIgnoreCase(token.strip())) {
                    into.add(d);
                }
            }
        }
    }
}
