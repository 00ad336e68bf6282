package org.sipdrop.sip.internal;

import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.message.Request;

import org.sipdrop.sip.Call;
import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.sip.Subscription;

import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import gov.nist.javax.sip.message.SIPMessage;

/** The user agent of one account on one JAIN-SIP endpoint. */
final class UserAgentImpl implements SipUserAgent {

    /** RFC 3428 §9 / RFC 3261 §18.1.1: the largest request sent over UDP when the path MTU is unknown. */
    static final int UDP_LIMIT = 1300;

    private static final System.Logger LOG = System.getLogger(UserAgentImpl.class.getName());

    private final SipAccount account;
    private final SipProvider provider;
    private final ListeningPoint point;
    private final ScheduledExecutorService timer;
    private final RequestFactory factory;
    private final ClientRequests requests;
    private final RegistrationClient registration;
    private final PublicationClient publications;
    final Map<String, SubscriptionImpl> subscriptions = new ConcurrentHashMap<>();
    final Map<String, CallBase> calls = new ConcurrentHashMap<>();
    volatile Function<IncomingRequest, SipStatus> messageHandler;
    volatile Consumer<IncomingCall> inviteHandler;
    private volatile java.util.function.Supplier<java.util.Collection<String>> schemes = java.util.List::of;
    private volatile java.util.function.Supplier<java.util.Optional<SipBody>> sessionDescription =
            java.util.Optional::empty;
    private ScheduledFuture<?> keepAlive;

    UserAgentImpl(SipAccount account, SipStackImpl stack, SipProvider provider, ListeningPoint point,
            ScheduledExecutorService timer) throws ParseException {
        this.account = account;
        this.provider = provider;
        this.point = point;
        this.timer = timer;
        this.factory = new RequestFactory(account, provider, point);
        AccountManager credentials = (ct, realm) -> new UserCredentials() {
            @Override
            public String getUserName() {
                return account.authUser();
            }

            @Override
            public String getPassword() {
                return new String(account.password());
            }

            @Override
            public String getSipDomain() {
                return account.domain();
            }
        };
        this.requests = new ClientRequests(provider, stack.getAuthenticationHelper(credentials, factory.headers));
        this.registration = account.registrar().isPresent() ? new RegistrationClient(account, factory, requests, timer) : null;
        this.publications = new PublicationClient(account, factory, requests, timer);
        startKeepAlive();
    }

    RequestFactory factory() {
        return factory;
    }

    @Override
    public SipAccount account() {
        return account;
    }

    @Override
    public CompletableFuture<SipResponse> register() {
        if (registration == null) {
            return CompletableFuture.failedFuture(new IOException(account.aor() + " has no registrar to register with"));
        }
        return registration.register();
    }

    @Override
    public CompletableFuture<SipResponse> unregister() {
        if (registration == null) {
            return CompletableFuture.failedFuture(new IOException(account.aor() + " has no registrar"));
        }
        return registration.unregister();
    }

    @Override
    public boolean isRegistered() {
        return registration != null && registration.isRegistered();
    }

    @Override
    public CompletableFuture<SipResponse> message(String to, SipBody body) {
        Request r;
        try {
            r = factory.outOfDialog(Request.MESSAGE, to, body);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("Cannot send a MESSAGE to '" + to + "': " + e.getMessage(), e);
        }
        if (account.transport() == SipTransport.UDP) {
            int size = ((SIPMessage) r).encodeAsBytes("UDP").length;
            if (size > UDP_LIMIT) {
                throw new IllegalArgumentException("This MESSAGE is " + size + " bytes; over UDP a request may have at most "
                        + UDP_LIMIT + " bytes (RFC 3428 §9, RFC 3261 §18.1.1): use TCP or TLS, or send the file instead");
            }
        }
        return requests.send(r);
    }

    @Override
    public void onMessage(Function<IncomingRequest, SipStatus> handler) {
        this.messageHandler = handler;
    }

    @Override
    public void advertise(java.util.function.Supplier<java.util.Collection<String>> transferSchemes) {
        this.schemes = java.util.Objects.requireNonNull(transferSchemes, "transferSchemes");
    }

    @Override
    public void advertiseSessionDescription(java.util.function.Supplier<java.util.Optional<SipBody>> capabilities) {
        this.sessionDescription = java.util.Objects.requireNonNull(capabilities, "capabilities");
    }

    /** @return the body OPTIONS answers carry now, if any (RFC 3261 §11.2) */
    java.util.Optional<SipBody> capabilityBody() {
        return sessionDescription.get();
    }

    /** @return the header lines OPTIONS answers add: our Contact with the transports feature tag */
    java.util.List<String> capabilityHeaders() {
        java.util.Collection<String> now = schemes.get();
        if (now.isEmpty()) {
            return java.util.List.of();
        }
        return java.util.List.of("Contact: <" + contact() + ">;" + org.sipdrop.sip.SipCapabilities.transportsParameter(now));
    }

    @Override
    public CompletableFuture<SipResponse> options(String target) {
        try {
            return requests.send(factory.outOfDialog(Request.OPTIONS, target, null));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("Cannot send OPTIONS to '" + target + "': " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<SipResponse> publish(String event, SipBody body, int expiresSeconds) {
        return publications.publish(event, body, expiresSeconds);
    }

    @Override
    public CompletableFuture<SipResponse> unpublish(String event) {
        return publications.unpublish(event);
    }

    @Override
    public Subscription subscribe(String target, String event, String accept, int expiresSeconds, Consumer<IncomingRequest> onNotify) {
        SubscriptionImpl s = new SubscriptionImpl(target, event, accept, expiresSeconds, onNotify, factory, requests, provider, timer);
        s.start(callId -> subscriptions.put(callId, s));
        return s;
    }

    @Override
    public Call invite(String to, SipBody offer, CallHandler handler) {
        return OutgoingCall.place(to, offer, handler, factory, requests, provider, c -> calls.put(c.callId(), c));
    }

    @Override
    public void onInvite(Consumer<IncomingCall> handler) {
        this.inviteHandler = handler;
    }

    @Override
    public String contact() {
        try {
            return factory.contactUri().toString();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5626 §4.4.1: a CRLF ping keeps NAT bindings and TCP/TLS flows to the outbound proxy alive. */
    private void startKeepAlive() {
        if (account.keepAliveSeconds() == 0 || account.outboundProxy().isEmpty() || !(point instanceof ListeningPointExt)) {
            return;
        }
        try {
            javax.sip.address.SipURI proxy = (javax.sip.address.SipURI) factory.addresses.createURI(account.outboundProxy().get());
            int port = proxy.getPort() > 0 ? proxy.getPort() : account.transport().defaultPort();
            String host = proxy.getHost();
            keepAlive = timer.scheduleWithFixedDelay(() -> {
                if (isRegistered()) {
                    try {
                        ((ListeningPointExt) point).sendHeartbeat(host, port);
                    } catch (IOException | RuntimeException e) {
                        LOG.log(System.Logger.Level.DEBUG, "Keep-alive to " + host + ":" + port + " failed: " + e.getMessage());
                    }
                }
            }, account.keepAliveSeconds(), account.keepAliveSeconds(), TimeUnit.SECONDS);
        } catch (ParseException e) {
            LOG.log(System.Logger.Level.WARNING, "No keep-alive: bad outbound proxy " + account.outboundProxy().get());
        }
    }

    @Override
    public void close() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        publications.stop();
        subscriptions.values().forEach(SubscriptionImpl::close);
        calls.values().forEach(Call::hangUp);
        if (isRegistered()) {
            try {
                registration.unregister().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "Un-REGISTER of " + account.aor() + " did not complete: " + e.getMessage());
            }
        }
    }
}
