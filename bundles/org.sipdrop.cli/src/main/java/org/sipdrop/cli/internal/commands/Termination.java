package org.sipdrop.cli.internal.commands;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Waits until the process is asked to stop. {@link #signals()} handles SIGTERM and SIGINT itself
 * (through {@code sun.misc.Signal}, reached by reflection from the system class loader, which
 * sees the {@code jdk.unsupported} module whatever the OSGi imports), so the JVM does not begin
 * its abrupt shutdown: the command closes what it opened and returns exit code 0. Where that API
 * is missing, a shutdown hook ends the wait instead (the exit code is then the JVM's, 130/143).
 */
@FunctionalInterface
public interface Termination {

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException;

    /** @return a termination ended by SIGTERM or SIGINT */
    static Termination signals() {
        CountDownLatch stop = new CountDownLatch(1);
        if (!handle(stop)) {
            Thread hook = new Thread(stop::countDown, "sipdrop-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return stop::await;
    }

    private static boolean handle(CountDownLatch stop) {
        try {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            Class<?> signal = system.loadClass("sun.misc.Signal");
            Class<?> handlerType = system.loadClass("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(system, new Class<?>[] { handlerType }, (proxy, method, args) -> {
                switch (method.getName()) {
                case "handle":
                    stop.countDown();
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return "sipdrop serve signal handler";
                }
            });
            for (String name : List.of("TERM", "INT")) {
                Object sig = signal.getConstructor(String.class).newInstance(name);
                signal.getMethod("handle", signal, handlerType).invoke(null, sig, handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
            return false;
        }
    }
}
