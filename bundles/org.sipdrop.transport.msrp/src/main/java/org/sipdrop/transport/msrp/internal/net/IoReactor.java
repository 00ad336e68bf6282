package org.sipdrop.transport.msrp.internal.net;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded thread model of one MSRP stack: one selector thread watches every listening
 * socket and every idle connection; a fixed pool of workers parses frames of connections that
 * have bytes; one scheduler thread runs timeouts and relay refreshes. So 100 sessions (or
 * connections) cost no extra threads. A connection is watched by the selector only between
 * frames: while a worker owns it, its interest set is empty, and the worker hands it back with
 * {@link Registration#resume()}.
 */
public final class IoReactor implements Closeable {

    private static final Logger LOG = Logger.getLogger(IoReactor.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /**
     * @param name prefix of thread names
     * @param workerCount size of the worker pool, at least 1
     */
    public IoReactor(String name, int workerCount) throws IOException {
        if (workerCount < 1) {
            throw new IllegalArgumentException("At least one I/O worker is needed, got " + workerCount);
        }
        this.selector = Selector.open();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons(name + "-io"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemons(name + "-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.thread = daemons(name + "-selector").newThread(this::loop);
        thread.start();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A channel watched by the selector. */
    public interface Registration {
        /** Watch the channel again; call when a worker is done with it. */
        void resume();
    }

    /**
     * Accepts connections; {@code onAccept} runs on a worker (it may do a TLS handshake).
     *
     * @param server a bound server channel
     * @param onAccept told each accepted channel
     */
    public void listen(ServerSocketChannel server, Consumer<SocketChannel> onAccept) throws IOException {
        server.configureBlocking(false);
        onSelectorThread(() -> {
            try {
                server.register(selector, SelectionKey.OP_ACCEPT, (Runnable) () -> accept(server, onAccept));
            } catch (ClosedChannelException e) {
                LOG.log(Level.FINE, "Listener closed before registration", e);
            }
        });
    }

    private void accept(ServerSocketChannel server, Consumer<SocketChannel> onAccept) {
        for (int i = 0; i < 64; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                LOG.log(Level.FINE, "accept failed", e);
                return;
            }
            if (ch == null) {
                return;
            }
            execute(() -> onAccept.accept(ch));
        }
    }

    /**
     * Watches a connection; when it is readable its interest is cleared and {@code onReadable}
     * runs on a worker with the connection's {@link Registration}, which it must
     * {@link Registration#resume() resume} when done. The handle is given to the callback, not
     * only returned: a channel whose peer spoke first is readable the moment it is registered,
     * so the callback may run before this method has returned to its caller.
     *
     * @param channel a non-blocking connected channel
     * @param onReadable the frame pump
     * @param readNow true if bytes already wait above the socket (a TLS layer read them with
     *        the handshake), which the selector would never report: the callback runs at once,
     *        and the channel is watched only once it resumes
     * @return the handle to resume watching
     */
    public Registration register(SocketChannel channel, Consumer<Registration> onReadable, boolean readNow) {
        SelectionKey[] key = new SelectionKey[1];
        Registration registration = () -> onSelectorThread(() -> {
            try {
                if (key[0] != null && key[0].isValid()) {
                    key[0].interestOps(SelectionKey.OP_READ);
                }
            } catch (CancelledKeyException ignored) {
                // closed meanwhile
            }
        });
        Runnable dispatch = () -> execute(() -> onReadable.accept(registration));
        onSelectorThread(() -> {
            try {
                key[0] = channel.register(selector, readNow ? 0 : SelectionKey.OP_READ, dispatch);
            } catch (ClosedChannelException e) {
                LOG.log(Level.FINE, "Connection closed before registration", e);
                return;
            }
            if (readNow) {
                dispatch.run(); // after the key exists, so that the callback's resume() finds it
            }
        });
        return registration;
    }

    /** @param task runs on a worker; refused silently once closed */
    public void execute(Runnable task) {
        if (!closed) {
            workers.execute(task);
        }
    }

    /** @return the scheduler for timeouts and refreshes (one thread) */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the configured size of the worker pool */
    public int workerCount() {
        return workers.getCorePoolSize();
    }

    private void onSelectorThread(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void loop() {
        while (!closed) {
            try {
                selector.select(1000);
                for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                    t.run();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isValid()) {
                        if ((k.interestOps() & SelectionKey.OP_READ) != 0) {
                            k.interestOps(0);
                        }
                        ((Runnable) k.attachment()).run();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "MSRP selector loop error", e);
                }
            }
        }
    }

    /** Stops the threads; open channels are their owners' to close. */
    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        workers.shutdownNow();
        scheduler.shutdownNow();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
    }
}
