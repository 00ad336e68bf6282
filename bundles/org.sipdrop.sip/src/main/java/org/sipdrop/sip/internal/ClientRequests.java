package org.sipdrop.sip.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.SipResponse;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;

/**
 * Sends requests on client transactions and completes a future with the final response,
 * answering digest challenges (RFC 3261 §22.2, 401/407, qop=auth via the RI's
 * AuthenticationHelper) at most {@value #MAX_CHALLENGES} times so a wrong password cannot loop.
 */
final class ClientRequests {

    static final int MAX_CHALLENGES = 2;

    private final SipProvider provider;
    private final AuthenticationHelper auth;

    ClientRequests(SipProvider provider, AuthenticationHelper auth) {
        this.provider = provider;
        this.auth = auth;
    }

    /**
     * @param onTransaction told every transaction used (the first, and one per challenge), e.g.
     *        to create the dialog of an INVITE; may be null
     */
    CompletableFuture<SipResponse> send(Request request, BiConsumer<ClientTransaction, Response> onFinal,
            java.util.function.Consumer<ClientTransaction> onTransaction) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        try {
            ClientTransaction ct = provider.getNewClientTransaction(request);
            Callback cb = new Callback(result, onFinal, onTransaction);
            ct.setApplicationData(cb);
            if (onTransaction != null) {
                onTransaction.accept(ct);
            }
            ct.sendRequest();
        } catch (SipException | RuntimeException e) {
            result.completeExceptionally(new IOException(describe(request, e), e));
        }
        return result;
    }

    /** A one-line reason a user can act on; TLS trust failures are named as such. */
    static String describe(Request request, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException
                    || String.valueOf(t.getMessage()).contains("trusted certificate")) {
                return "TLS connection for " + request.getMethod() + " to " + request.getRequestURI()
                        + " refused: the server's certificate is not trusted by this account's trust store (" + t.getMessage() + ")";
            }
        }
        return "Cannot send " + request.getMethod() + " to " + request.getRequestURI() + ": " + e.getMessage();
    }

    CompletableFuture<SipResponse> send(Request request) {
        return send(request, null, null);
    }

    private final class Callback implements ResponseCallback {
        private final CompletableFuture<SipResponse> result;
        private final BiConsumer<ClientTransaction, Response> onFinal;
        private final java.util.function.Consumer<ClientTransaction> onTransaction;
        private int challenges;

        Callback(CompletableFuture<SipResponse> result, BiConsumer<ClientTransaction, Response> onFinal,
                java.util.function.Consumer<ClientTransaction> onTransaction) {
            this.result = result;
            this.onFinal = onFinal;
            this.onTransaction = onTransaction;
        }

        @Override
        public void response(ResponseEvent event, ClientTransaction ct) {
            Response r = event.getResponse();
            int status = r.getStatusCode();
            if (status < 200) {
                return;
            }
            if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                    && challenges < MAX_CHALLENGES) {
                challenges++;
                try {
                    ClientTransaction retry = auth.handleChallenge(r, ct, provider, 5);
                    retry.setApplicationData(this);
                    if (onTransaction != null) {
                        onTransaction.accept(retry);
                    }
                    retry.sendRequest();
                    return;
                } catch (SipException | RuntimeException e) {
                    // cannot answer the challenge: report the 401/407 itself
                }
            }
            if (onFinal != null) {
                onFinal.accept(ct, r);
            }
            result.complete(SipMessages.response(r));
        }

        @Override
        public void failed(String reason) {
            result.completeExceptionally(new IOException(reason));
        }
    }
}
