package org.sipdrop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A TCP proxy on 127.0.0.1 that injects faults into the connections it forwards to one target:
 * per connection and direction it can cut (close both sides) or reset (RST, SO_LINGER 0) once a
 * number of bytes went through, stall (stop forwarding for a while) at a byte offset, and throttle
 * to a rate. It knows nothing of the protocol it carries (HTTP, MSRP, TLS alike), so what it
 * breaks is what a dropped or stuck network path breaks.
 * <p>
 * Faults are given per accepted connection: a {@link Plan} for the next connection(s)
 * ({@link #planNext}), a planner for every connection by its index ({@link #planEach}), or a fault
 * injected into a live connection ({@link Connection#inject}). A fault's offset counts the bytes
 * forwarded in its direction from the moment it was set; for a plan that is from the connection's
 * first byte. Every thread and socket ends with {@link #close()}; every wait is bounded.
 */
public final class FaultProxy implements AutoCloseable {

    /** The direction of a stream through the proxy. */
    public enum Direction {
        /** From the connecting client to the target. */
        CLIENT_TO_SERVER,
        /** From the target back to the client. */
        SERVER_TO_CLIENT
    }

    /** What to do to one direction of a connection. */
    public sealed interface Fault permits Cut, Reset, Stall, Throttle {
    }

    /** Close both sides (FIN) once {@code after} bytes went through. */
    public record Cut(long after) implements Fault {
        public Cut {
            requireNotNegative(after);
        }
    }

    /** Reset both sides (RST: SO_LINGER 0, then close) once {@code after} bytes went through. */
    public record Reset(long after) implements Fault {
        public Reset {
            requireNotNegative(after);
        }
    }

    /** Forward nothing more for {@code duration} once {@code at} bytes went through, then go on. */
    public record Stall(long at, Duration duration) implements Fault {
        public Stall {
            requireNotNegative(at);
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Forward at most {@code bytesPerSecond} from now on. */
    public record Throttle(long bytesPerSecond) implements Fault {
        public Throttle {
            if (bytesPerSecond <= 0) {
                throw new IllegalArgumentException("a throttle needs a positive rate, not " + bytesPerSecond);
            }
        }
    }

    /** The faults for one connection, by direction. Immutable. */
    public static final class Plan {

        private static final Plan NONE = new Plan(Map.of());
        private final Map<Direction, List<Fault>> faults;

        private Plan(Map<Direction, List<Fault>> faults) {
            this.faults = faults;
        }

        /** @return a plan that forwards everything untouched */
        public static Plan none() {
            return NONE;
        }

        /** @return a plan with these faults on {@code direction} */
        public static Plan of(Direction direction, Fault... faults) {
            return NONE.and(direction, faults);
        }

        /** @return this plan with {@code faults} added on {@code direction} */
        public Plan and(Direction direction, Fault... faults) {
            Map<Direction, List<Fault>> m = new EnumMap<>(Direction.class);
            m.putAll(this.faults);
            List<Fault> l = new ArrayList<>(m.getOrDefault(direction, List.of()));
            l.addAll(List.of(faults));
            m.put(Objects.requireNonNull(direction, "direction"), List.copyOf(l));
            return new Plan(Collections.unmodifiableMap(m));
        }

        /** @return the faults on {@code direction} */
        public List<Fault> faults(Direction direction) {
            return faults.getOrDefault(direction, List.of());
        }

        @Override
        public String toString() {
            return faults.toString();
        }
    }

    private static final Duration JOIN = Duration.ofSeconds(5);

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Thread acceptor;
    private final ConcurrentLinkedQueue<Plan> next = new ConcurrentLinkedQueue<>();
    private volatile IntFunction<Plan> planner = i -> Plan.none();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        this.acceptor = new Thread(this::accept, "fault-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
    }

    /**
     * @param host the target host (a loopback address in tests)
     * @param port the target port
     * @return a running proxy on 127.0.0.1 with an ephemeral port
     */
    public static FaultProxy start(String host, int port) throws IOException {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        FaultProxy p = new FaultProxy(s, new InetSocketAddress(host, port));
        p.acceptor.start();
        return p;
    }

    /** @return the port the proxy listens on (127.0.0.1) */
    public int port() {
        return server.getLocalPort();
    }

    /** @return {@code 127.0.0.1:PORT} of the proxy */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Queues a plan for the next accepted connection (first queued, first used); then the planner applies. */
    public void planNext(Plan plan) {
        next.add(Objects.requireNonNull(plan, "plan"));
    }

    /** Sets the plan of every later connection without a queued plan, by its index (0 for the first accepted). */
    public void planEach(IntFunction<Plan> planner) {
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /** @return the connections accepted so far, in order, closed ones included */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** @return bytes forwarded in {@code direction} over all connections */
    public long bytes(Direction direction) {
        return connections.stream().mapToLong(c -> c.bytes(direction)).sum();
    }

    /** @return how many cuts and resets fired over all connections */
    public int broken() {
        return connections.stream().mapToInt(Connection::broken).sum();
    }

    /** Injects {@code fault} into every open connection (offset counted from now). */
    public void injectAll(Direction direction, Fault fault) {
        connections.stream().filter(Connection::isOpen).forEach(c -> c.inject(direction, fault));
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Plan plan = next.poll();
            int index = connections.size();
            if (plan == null) {
                plan = planner.apply(index);
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                quietly(client);
                quietly(upstream);
                continue;
            }
            Connection c = new Connection(index, client, upstream);
            connections.add(c);
            for (Direction d : Direction.values()) {
                plan.faults(d).forEach(f -> c.inject(d, f));
            }
            if (closed) {
                c.close(false);
                return;
            }
            c.start();
        }
    }

    /** Stops accepting, closes every connection and waits (bounded) for every thread to end. */
    @Override
    public void close() {
        closed = true;
        quietly(server);
        connections.forEach(c -> c.close(false));
        long deadline = System.nanoTime() + JOIN.toNanos();
        List<Thread> all = new ArrayList<>(threads);
        all.add(acceptor);
        for (Thread t : all) {
            t.interrupt();
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return true if every thread of the proxy has ended */
    public boolean isStopped() {
        return !acceptor.isAlive() && threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public String toString() {
        return "FaultProxy " + address() + " -> " + target.getHostString() + ":" + target.getPort() + ", "
                + connections.size() + " connections, " + broken() + " broken";
    }

    private static void requireNotNegative(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("a byte offset is never negative: " + offset);
        }
    }

    private static void quietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** One accepted connection and its upstream twin. */
    public final class Connection {

        private final int index;
        private final Socket client;
        private final Socket upstream;
        private final Map<Direction, Pump> pumps = new EnumMap<>(Direction.class);
        private final AtomicInteger broken = new AtomicInteger();
        private final List<String> events = new CopyOnWriteArrayList<>();
        private volatile boolean open = true;

        private Connection(int index, Socket client, Socket upstream) {
            this.index = index;
            this.client = client;
            this.upstream = upstream;
            pumps.put(Direction.CLIENT_TO_SERVER, new Pump(Direction.CLIENT_TO_SERVER, client, upstream));
            pumps.put(Direction.SERVER_TO_CLIENT, new Pump(Direction.SERVER_TO_CLIENT, upstream, client));
        }

        private void start() {
            for (Pump p : pumps.values()) {
                Thread t = new Thread(p, "fault-proxy-" + port() + "-" + index + "-" + p.direction);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        /** @return the order in which the proxy accepted it, from 0 */
        public int index() {
            return index;
        }

        /** @return bytes forwarded in {@code direction} */
        public long bytes(Direction direction) {
            return pumps.get(direction).forwarded.get();
        }

        /** @return true until a side closed or a fault broke it */
        public boolean isOpen() {
            return open;
        }

        /** @return 1 if a cut or reset broke this connection, else 0 */
        public int broken() {
            return broken.get();
        }

        /** @return what happened to it, in order (faults fired, ends) */
        public List<String> events() {
            return List.copyOf(events);
        }

        /** @return true while a cut, reset or stall set on {@code direction} has not fired yet */
        public boolean hasPending(Direction direction) {
            return pumps.get(direction).nextAt() != Long.MAX_VALUE;
        }

        /** Adds {@code fault} on {@code direction}; its offset counts from the bytes forwarded so far. */
        public void inject(Direction direction, Fault fault) {
            pumps.get(direction).add(Objects.requireNonNull(fault, "fault"));
        }

        private void close(boolean reset) {
            open = false;
            if (reset) {
                for (Socket s : List.of(client, upstream)) {
                    try {
                        s.setSoLinger(true, 0);
                    } catch (SocketException e) {
                        // already closed
                    }
                }
            }
            quietly(client);
            quietly(upstream);
        }

        @Override
        public String toString() {
            return "connection " + index + " (c->s " + bytes(Direction.CLIENT_TO_SERVER) + ", s->c "
                    + bytes(Direction.SERVER_TO_CLIENT) + " bytes" + (open ? ", open" : "") + ") " + events;
        }

        /** One direction: reads, forwards up to the next fault's offset, fires it. */
        private final class Pump implements Runnable {

            private final Direction direction;
            private final Socket from;
            private final Socket to;
            private final AtomicLong forwarded = new AtomicLong();
            /** Pending offset faults, absolute offsets in this direction; guarded by this. */
            private final List<long[]> pending = new ArrayList<>();
            private final List<Fault> pendingFaults = new ArrayList<>();
            private volatile long rate;
            private long rateStartNanos;
            private long rateBytes;

            Pump(Direction direction, Socket from, Socket to) {
                this.direction = direction;
                this.from = from;
                this.to = to;
            }

            synchronized void add(Fault f) {
                long now = forwarded.get();
                if (f instanceof Throttle t) {
                    rate = t.bytesPerSecond();
                    rateStartNanos = System.nanoTime();
                    rateBytes = 0;
                } else if (f instanceof Cut c) {
                    insert(now + c.after(), f);
                } else if (f instanceof Reset r) {
                    insert(now + r.after(), f);
                } else if (f instanceof Stall s) {
                    insert(now + s.at(), f);
                }
            }

            private void insert(long at, Fault f) {
                int i = 0;
                while (i < pending.size() && pending.get(i)[0] <= at) {
                    i++;
                }
                pending.add(i, new long[] { at });
                pendingFaults.add(i, f);
            }

            /** @return the next fault's absolute offset, or Long.MAX_VALUE */
            private synchronized long nextAt() {
                return pending.isEmpty() ? Long.MAX_VALUE : pending.get(0)[0];
            }

            private synchronized Fault takeDue(long at) {
                if (!pending.isEmpty() && pending.get(0)[0] <= at) {
                    pending.remove(0);
                    return pendingFaults.remove(0);
                }
                return null;
            }

            @Override
            public void run() {
                byte[] buf = new byte[16 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    if (fire(out)) {
                        return; // a fault at offset 0
                    }
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        int off = 0;
                        while (off < n) {
                            long room = nextAt() - forwarded.get();
                            int chunk = (int) Math.min(n - off, Math.max(0, room));
                            if (chunk > 0) {
                                write(out, buf, off, chunk);
                                off += chunk;
                            }
                            if (fire(out)) {
                                return;
                            }
                        }
                    }
                    events.add(direction + " ended at " + forwarded.get());
                    try {
                        to.shutdownOutput(); // pass the half-close on
                    } catch (IOException e) {
                        // the other side is gone too
                    }
                    if (from.isInputShutdown() || other().done) {
                        close(false);
                    }
                } catch (IOException e) {
                    events.add(direction + " failed at " + forwarded.get() + ": " + e.getMessage());
                    close(false);
                } catch (InterruptedException e) {
                    close(false);
                } finally {
                    done = true;
                    if (other().done) {
                        close(false);
                    }
                }
            }

            private volatile boolean done;

            private Pump other() {
                return pumps.get(direction == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT
                        : Direction.CLIENT_TO_SERVER);
            }

            /** Fires every fault due at the current offset; @return true if the connection is over. */
            private boolean fire(OutputStream out) throws IOException, InterruptedException {
                Fault f;
                while ((f = takeDue(forwarded.get())) != null) {
                    if (f instanceof Cut) {
                        out.flush();
                        events.add(direction + " cut at " + forwarded.get());
                        broken.set(1);
                        close(false);
                        return true;
                    } else if (f instanceof Reset) {
                        events.add(direction + " reset at " + forwarded.get());
                        broken.set(1);
                        close(true);
                        return true;
                    } else if (f instanceof Stall s) {
                        events.add(direction + " stalled at " + forwarded.get() + " for " + s.duration().toMillis() + " ms");
                        long until = System.nanoTime() + s.duration().toNanos();
                        while (open && !closed && System.nanoTime() < until) {
                            Thread.sleep(Math.max(1, Math.min(50, (until - System.nanoTime()) / 1_000_000)));
                        }
                    }
                }
                return !open;
            }

            private void write(OutputStream out, byte[] buf, int off, int len) throws IOException, InterruptedException {
                long r = rate;
                // counted before the write: once a client has the bytes, a fault set now counts after them
                if (r <= 0) {
                    forwarded.addAndGet(len);
                    out.write(buf, off, len);
                    return;
                }
                int slice = (int) Math.max(1, Math.min(len, r / 20));
                for (int done = 0; done < len && open; done += slice) {
                    int k = Math.min(slice, len - done);
                    forwarded.addAndGet(k);
                    out.write(buf, off + done, k);
                    synchronized (this) {
                        rateBytes += k;
                    }
                    long due = rateStartNanos + rateBytes * 1_000_000_000L / r;
                    long wait = (due - System.nanoTime()) / 1_000_000;
                    if (wait > 0) {
                        Thread.sleep(Math.min(wait, 1_000));
                    }
                }
            }
        }
    }
}
