package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The URI-list service for MESSAGE (RFC 5365): a MESSAGE to {@code sip:LIST@DOMAIN} whose
 * {@code multipart/mixed} body holds a {@code recipient-list} part (RFC 5363 §4.2, a resource list,
 * RFC 4826) and the message part is answered 202 Accepted (§4.2) and sent as one MESSAGE per
 * recipient (§4.3), with the original From and the message part as body. Only users of this
 * domain are served (no open relay); they receive it at every registered contact.
 */
final class ListFanOut {

    private static final System.Logger LOG = System.getLogger(ListFanOut.class.getName());
    /** Most recipients of one list. */
    static final int MAX_RECIPIENTS = 100;

    private final ServerContext ctx;
    private final LocationService location;

    ListFanOut(ServerContext ctx, LocationService location) {
        this.ctx = ctx;
        this.location = location;
    }

    void message(Request request, ServerTransaction st) throws ParseException {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type == null || !"multipart".equalsIgnoreCase(type.getContentType()) || !"mixed".equalsIgnoreCase(type.getContentSubType())) {
            Response r = ctx.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
            r.addHeader(ctx.headers.createAcceptHeader("multipart", "mixed"));
            ctx.send(st, r);
            return;
        }
        MultipartMixed.Part list = null;
        MultipartMixed.Part payload = null;
        List<String> recipients;
        try {
            byte[] body = request.getRawContent() == null ? new byte[0] : request.getRawContent();
            for (MultipartMixed.Part p : MultipartMixed.parse(body, type.getParameter("boundary"))) {
                if (p.mediaType().equals("application/resource-lists+xml") && (p.disposition().isEmpty()
                        || p.disposition().equals("recipient-list"))) {
                    if (list != null) {
                        throw new IllegalArgumentException("two recipient lists");
                    }
                    list = p;
                } else if (payload == null) {
                    payload = p;
                } else {
                    throw new IllegalArgumentException("more than one message part");
                }
            }
            if (list == null || payload == null) {
                throw new IllegalArgumentException("needs a recipient-list part and a message part (RFC 5365 §4.1)");
            }
            recipients = ResourceLists.recipients(list.body(), MAX_RECIPIENTS);
        } catch (IllegalArgumentException e) {
            ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (" + e.getMessage() + ")");
            return;
        }
        ctx.send(st, ctx.response(Response.ACCEPTED, request));
        for (String recipient : recipients) {
            deliver(request, recipient, payload);
        }
    }

    private void deliver(Request original, String recipient, MultipartMixed.Part payload) {
        try {
            URI to = ctx.addresses.createURI(recipient);
            if (!ctx.domain.isOurs(to) || ((SipURI) to).getUser() == null) {
                LOG.log(System.Logger.Level.INFO, "URI list: skipping " + recipient + ", not a user of this domain");
                return;
            }
            List<LocationService.Binding> contacts = location.lookup(((SipURI) to).getUser());
            if (contacts.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "URI list: " + recipient + " is not registered");
            }
            for (LocationService.Binding b : contacts) {
                send(original, to, b.contact(), b.flow(), payload);
            }
        } catch (ParseException | ClassCastException e) {
            LOG.log(System.Logger.Level.INFO, "URI list: skipping unusable recipient " + recipient);
        }
    }

    private void send(Request original, URI to, URI contact, URI flow, MultipartMixed.Part payload) {
        try {
            FromHeader from = (FromHeader) original.getHeader(FromHeader.NAME);
            Request m = ctx.messages.createRequest((URI) contact.clone(), Request.MESSAGE, ctx.provider.getNewCallId(),
                    ctx.headers.createCSeqHeader(1L, Request.MESSAGE),
                    ctx.headers.createFromHeader((Address) from.getAddress().clone(), ServerContext.newTag()),
                    ctx.headers.createToHeader(ctx.addresses.createAddress((URI) to.clone()), null), new ArrayList<ViaHeader>(),
                    ctx.headers.createMaxForwardsHeader(70));
            String[] mediaType = payload.mediaType().split("/", 2);
            ContentTypeHeader type = ctx.headers.createContentTypeHeader(mediaType[0], mediaType.length > 1 ? mediaType[1] : "plain");
            String full = payload.header("Content-Type");
            if (full != null && full.contains(";")) {
                type = (ContentTypeHeader) ctx.headers.createHeader(ContentTypeHeader.NAME, full);
            }
            m.setContent(payload.body(), type);
            ctx.sendNew(m, flow, "z9hG4bKsdl" + ServerContext.newTag(), null);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "URI list: cannot send to " + contact + ": " + e.getMessage());
        }
    }
}
