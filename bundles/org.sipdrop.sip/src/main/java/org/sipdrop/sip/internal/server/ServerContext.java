package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.SipServerConfig;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * What every part of one server shares: its provider, the message factories, its domain, its
 * listening ports per transport, a timer, and the small helpers to answer a request.
 */
final class ServerContext {

    private static final System.Logger LOG = System.getLogger(ServerContext.class.getName());

    final SipServerConfig config;
    final SipProvider provider;
    final LocalDomain domain;
    final MessageFactoryImpl messages = new MessageFactoryImpl();
    final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    final AddressFactoryImpl addresses = new AddressFactoryImpl();
    final ScheduledExecutorService timer;
    /** The key of the marks this server leaves in messages. */
    final ServerSecret secret = new ServerSecret();
    /** Marks of the dialogs this server record-routes. */
    final DialogTokens dialogs = new DialogTokens(secret);
    /** lower-case transport token → port. */
    private final Map<String, Integer> ports;

    ServerContext(SipServerConfig config, SipProvider provider, LocalDomain domain, Map<String, Integer> ports,
            ScheduledExecutorService timer) {
        this.config = config;
        this.provider = provider;
        this.domain = domain;
        this.ports = Map.copyOf(ports);
        this.timer = timer;
    }

    /**
     * RFC 3263 §4.1 without DNS: the transport towards {@code target}: TLS for sips (whatever its
     * {@code transport} parameter, which then names what runs under TLS) and for
     * {@code transport=tls}, else its {@code transport} parameter, else UDP — narrowed to one we
     * listen on, but never from TLS to one in clear text (RFC 3261 §26.2.2: a sips URI is
     * reached over TLS only).
     *
     * @throws IllegalStateException when {@code target} needs TLS and the server does not listen on it
     */
    String transportTo(URI target) {
        String t = "udp";
        if (requiresTls(target)) {
            t = "tls";
        } else if (target instanceof SipURI && ((SipURI) target).getTransportParam() != null) {
            t = ((SipURI) target).getTransportParam().toLowerCase(Locale.ROOT);
        }
        if (!ports.containsKey(t)) {
            if (t.equals("tls")) {
                throw new IllegalStateException(target + " must be reached over TLS, and this server does not listen on TLS");
            }
            t = ports.containsKey("udp") ? "udp" : ports.keySet().iterator().next();
        }
        return t;
    }

    /** @return whether {@code uri} may be reached over TLS only: sips, or {@code transport=tls} */
    static boolean requiresTls(URI uri) {
        return uri instanceof SipURI && (((SipURI) uri).isSecure() || "tls".equalsIgnoreCase(((SipURI) uri).getTransportParam()));
    }

    /**
     * @return {@code flow} ({@link Flows}) when a request for {@code target} may use it: not a
     *         connection in clear text for a target that asks for TLS (RFC 3261 §26.2.2)
     */
    static URI usableFlow(URI target, URI flow) {
        return flow != null && requiresTls(target) && !requiresTls(flow) ? null : flow;
    }

    /** @return where a request goes next: its top Route when present (loose routing), else its Request-URI */
    URI nextHopUri(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        return route != null ? route.getAddress().getURI() : request.getRequestURI();
    }

    boolean listensOn(String transport) {
        return ports.containsKey(transport.toLowerCase(Locale.ROOT));
    }

    ViaHeader via(String transport, String branch) throws ParseException, InvalidArgumentException {
        return headers.createViaHeader(domain.advertisedHost(), ports.get(transport), transport, branch);
    }

    /** @return our own URI on {@code transport}, e.g. {@code sip:127.0.0.1:5060;transport=tcp;lr} */
    SipURI uri(String transport, boolean lr) throws ParseException {
        SipURI uri = addresses.createSipURI(null, domain.advertisedHost());
        uri.setPort(ports.get(transport));
        uri.setTransportParam(transport);
        if (lr) {
            uri.setLrParam();
        }
        return uri;
    }

    Address contact(String transport) throws ParseException {
        return addresses.createAddress(uri(transport, false));
    }

    /** @return a response as a UAS generates it (RFC 3261 §8.2.6): with a To tag unless 100 */
    Response response(int status, Request request) throws ParseException {
        Response r = messages.createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (status > 100 && to != null && to.getTag() == null) {
            to.setTag(newTag());
        }
        return r;
    }

    /** Sends {@code response}, logging instead of throwing: the peer may be gone. */
    void send(ServerTransaction st, Response response) {
        try {
            if (st != null) {
                st.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not send " + response.getStatusCode() + ": " + e.getMessage());
        }
    }

    /** For a further 2xx to an INVITE: on the server transaction while it takes it, else statelessly. */
    void sendLate(ServerTransaction st, Response response) {
        try {
            st.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            send(null, response);
        }
    }

    /**
     * Answers with a bare response; {@code reason} replaces the standard phrase when not null. It
     * may quote what the client sent, so its control characters become spaces: RFC 3261 §25.1
     * allows none in a Reason-Phrase, and a CR or LF would let the client write into our response.
     */
    void reply(ServerTransaction st, Request request, int status, String reason) {
        try {
            Response r = response(status, request);
            if (reason != null) {
                r.setReasonPhrase(reasonPhrase(reason));
            }
            send(st, r);
        } catch (ParseException e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not build " + status, e);
        }
    }

    /**
     * Sends {@code request} (without our Via yet) on a new client transaction: over the flow
     * {@code given} ({@link Flows}) when {@link #usableFlow usable}, else, or when that
     * connection is gone, along its own route.
     * The flow is reached through a Route header that is removed again before sending, so the UA
     * never sees it.
     */
    ClientTransaction sendNew(Request request, URI given, String branch, Object data) throws SipException, ParseException,
            InvalidArgumentException {
        URI flow = usableFlow(request.getRequestURI(), given);
        if (flow != null) {
            try {
                return sendOnce((Request) request.clone(), flow, branch, data);
            } catch (SipException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Connection " + flow + " is gone (" + e.getMessage() + "); trying the contact");
            }
        }
        return sendOnce(request, null, flow != null ? branch + "c" : branch, data);
    }

    /**
     * Sends {@code request} (without our Via yet) on a new client transaction over {@code flow}
     * only: unlike {@link #sendNew} there is no fallback to the request's own route, whose URIs
     * the peer chose and may point anywhere. A null flow sends along the request's route.
     *
     * @throws IllegalStateException when the request is for a target that asks for TLS and the
     *         flow is in clear text: nothing is sent (RFC 3261 §26.2.2)
     */
    ClientTransaction sendBack(Request request, URI flow, String branch, Object data) throws SipException, ParseException,
            InvalidArgumentException {
        if (flow != null && usableFlow(request.getRequestURI(), flow) == null) {
            throw new IllegalStateException(request.getRequestURI() + " must be reached over TLS, not over " + flow);
        }
        return sendOnce(request, flow, branch, data);
    }

    private ClientTransaction sendOnce(Request request, URI flow, String branch, Object data) throws SipException, ParseException,
            InvalidArgumentException {
        if (flow != null) {
            request.addFirst(headers.createRouteHeader(addresses.createAddress(flow)));
        }
        request.addFirst(via(transportTo(nextHopUri(request)), branch));
        ClientTransaction ct = provider.getNewClientTransaction(request);
        if (flow != null) {
            request.removeFirst(RouteHeader.NAME); // the transaction's channel is bound to the flow already
        }
        ct.setApplicationData(data);
        ct.sendRequest();
        return ct;
    }

    /** @return {@code text} with every control character (RFC 5234 CTL: %x00-1F and %x7F) replaced by a space */
    static String reasonPhrase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? ' ' : (char) c));
        return out.toString();
    }

    static String newTag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    int port(String transport) {
        return ports.get(transport);
    }
}
