package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.sdp.Wrapping;
import org.sipdrop.negotiation.internal.sdp.FileStream;
import org.sipdrop.negotiation.internal.sdp.MaxSize;
import org.sipdrop.negotiation.internal.sdp.MediaDescription;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpException;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * One file this side sends: of an outgoing push offer (where to send comes from the answer) or
 * served to a pull (where to send comes from the requester's offer, RFC 5547 §8.3.2); its
 * transfer, its transport session and the peer's path.
 */
final class OutgoingStream {

    private static final System.Logger LOG = System.getLogger(OutgoingStream.class.getName());

    private final AgentContext ctx;
    private final TransferControl transfer;
    private final Path file;
    private final TransportRequest request;
    private final TransportSession session;
    private volatile List<String> remotePath;
    private volatile TransferFailure sendFailure;

    OutgoingStream(AgentContext ctx, TransferControl transfer, Path file, TransportRequest request, TransportSession session) {
        this.ctx = ctx;
        this.transfer = transfer;
        this.file = file;
        this.request = request;
        this.session = session;
    }

    TransferControl transfer() {
        return transfer;
    }

    TransportSession session() {
        return session;
    }

    /**
     * Takes the answer to this stream: the receiver's path, its a=setup (this side connects
     * unless it says active, {@link SetupRole#offererRole}), the range it wants and
     * the largest message it takes (a=max-size, RFC 5547 §8.7).
     *
     * @return whether the file can be sent now
     */
    boolean accept(MediaDescription media, Sdp answer) {
        try {
            FileStream a = FileStream.read(media, answer);
            long offset = a.range() == null ? 0 : a.range().start() - 1;
            java.util.Optional<String> tooLarge = MaxSize.exceededBy(transfer.offer().size() - offset, a);
            if (tooLarge.isPresent()) { // RFC 5547 §8.7: never more than the receiver takes
                fail(new TransferFailure(SdpException.NOT_ACCEPTABLE_HERE, "not sent: " + tooLarge.get()));
                return false;
            }
            java.util.Optional<Wrapping> carriage = Wrapping.choose(transfer.offer().mediaType(), a);
            if (carriage.isEmpty()) { // RFC 4975 §8.6: never a type the receiver did not signal
                fail(new TransferFailure(SdpException.NOT_ACCEPTABLE_HERE, "not sent: the receiver accepts "
                        + a.acceptTypes() + (a.acceptWrappedTypes().isEmpty() ? "" : ", wrapped " + a.acceptWrappedTypes())
                        + ", not " + transfer.offer().mediaType() + " (RFC 4975 §8.6)"));
                return false;
            }
            settleCarriage(request, carriage.get(), a);
            request.resumeAt(offset); // RFC 5547 §6: only the range the receiver asked for moves
            // our offer said actpass: the answer decides who connects (RFC 6135 §4.2.2, RFC 4975 §5.4)
            request.settle(TransportParameter.SETUP, AgentContext.role(SetupRole.offererRole(a.setup())));
            remotePath = a.path();
        } catch (SdpException | IllegalArgumentException e) {
            fail(new TransferFailure(SdpException.NOT_ACCEPTABLE_HERE, "unusable answer: " + e.getMessage()));
            return false;
        }
        return transfer.tryMove(TransferState.ACCEPTED);
    }

    /**
     * Tells the transport how the file goes: wrapped in message/cpim when the peer takes it only
     * so (RFC 4975 §8.6, RFC 5547 §8.7), and the peer's a=max-size, which then counts the wrapper.
     */
    static void settleCarriage(TransportRequest request, Wrapping carriage, FileStream peer) {
        if (carriage == Wrapping.CPIM) {
            request.settle(TransportParameter.WRAP, Wrapping.CPIM_TYPE);
        }
        if (peer.maxSize() >= 0) {
            request.settle(TransportParameter.MAX_SIZE, peer.maxSize());
        }
    }

    /**
     * Takes a pull this side answered with the file: the bytes go to {@code requesterPath}, the
     * a=path of the requester's offer, from the first byte.
     *
     * @return whether the file can be sent once the answer is out
     */
    boolean serve(List<String> requesterPath) {
        remotePath = List.copyOf(requesterPath);
        return transfer.tryMove(TransferState.ACCEPTED);
    }

    /**
     * Sends the bytes from the negotiated offset; runs on an agent thread. Once every byte is
     * confirmed the transfer stays TRANSFERRING: only the receiver's {@link #verdict} completes it.
     */
    void send() {
        long offset = request.offset();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!transfer.tryMove(TransferState.TRANSFERRING)) {
                return;
            }
            in.position(offset);
            transfer.progress(offset);
            Trace.mark("sender.send");
            session.send(AgentContext.endpoint(remotePath), in, transfer::progress);
            transfer.progress(transfer.offer().size());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Sending " + file + " failed", e);
            TransferFailure f = new TransferFailure(0, String.valueOf(e.getMessage()));
            if (transfer.state() == TransferState.TRANSFERRING) {
                // the receiver may have every byte anyway (its close can race our last confirmation):
                // its verdict decides, this failure stands if none comes
                sendFailure = f;
            } else {
                fail(f);
            }
        } finally {
            closeSession();
        }
    }

    /** @return why sending failed here, if it did while bytes were moving; the verdict is still awaited then */
    java.util.Optional<TransferFailure> sendFailure() {
        return java.util.Optional.ofNullable(sendFailure);
    }

    /** The receiver's verdict on this file: null when it verified and saved it, else why not. */
    void verdict(TransferFailure failure) {
        if (failure == null) {
            transfer.tryMove(TransferState.COMPLETED);
        } else {
            transfer.tryFail(TransferState.FAILED, failure);
        }
    }

    void reject(TransferFailure reason) {
        transfer.tryFail(TransferState.REJECTED, reason);
        closeSession();
    }

    void fail(TransferFailure reason) {
        transfer.tryFail(TransferState.FAILED, reason);
        closeSession();
    }

    void closeSession() {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing the session of " + file, e);
        }
    }
}
