package org.sipdrop.server.internal.storage.http;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs requests on the workers with at most {@code maxPerSource} of them from one address at
 * once; the others wait, in order, until one of that address ends. A client that reads its
 * downloads just fast enough not to stall (or uploads as slowly) thus holds only its share of
 * the workers, and the rest stay for everyone else. Thread-safe.
 */
final class WorkerShares {

    private final Executor workers;
    private final int maxPerSource;
    private final Map<InetAddress, Integer> running = new HashMap<>();
    private final Map<InetAddress, Queue<Runnable>> waiting = new HashMap<>();

    WorkerShares(Executor workers, int maxPerSource) {
        this.workers = workers;
        this.maxPerSource = maxPerSource;
    }

    /**
     * Runs {@code task} now or once a request of {@code source} ends.
     *
     * @throws RejectedExecutionException the workers are stopped
     */
    void execute(InetAddress source, Runnable task) {
        synchronized (this) {
            int n = running.getOrDefault(source, 0);
            if (n >= maxPerSource) {
                waiting.computeIfAbsent(source, a -> new ArrayDeque<>()).add(task);
                return;
            }
            running.put(source, n + 1);
        }
        submit(source, task);
    }

    private void submit(InetAddress source, Runnable task) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } finally {
                    next(source);
                }
            });
        } catch (RejectedExecutionException e) {
            next(source);
            throw e;
        }
    }

    /** A request of {@code source} ended: the next one waiting takes its place. */
    private void next(InetAddress source) {
        Runnable task;
        synchronized (this) {
            Queue<Runnable> q = waiting.get(source);
            task = q == null ? null : q.poll();
            if (q != null && q.isEmpty()) {
                waiting.remove(source);
            }
            if (task == null) {
                running.computeIfPresent(source, (a, n) -> n <= 1 ? null : n - 1);
                return;
            }
        }
        try {
            submit(source, task);
        } catch (RejectedExecutionException stopped) {
            // the server stops: its connections are being closed
        }
    }

    /** @return requests of {@code source} waiting for their turn */
    synchronized int waiting(InetAddress source) {
        Queue<Runnable> q = waiting.get(source);
        return q == null ? 0 : q.size();
    }
}
