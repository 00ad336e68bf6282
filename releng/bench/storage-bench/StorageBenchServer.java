import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import org.sipdrop.server.internal.DigestAuth;
import org.sipdrop.server.internal.UserDirectory;
import org.sipdrop.server.internal.storage.StorageAuth;
import org.sipdrop.server.internal.storage.StorageServer;
import org.sipdrop.server.internal.storage.StorageSettings;

/**
 * Runs only the embedded storage (no SIP stack) for storage-bench, so it can be measured against
 * nginx with curl on both sides. Args: DIR HTTP_PORT HTTPS_PORT USERS_FILE KEYSTORE PASSWORD.
 * Prints "base=URL https=URL" when ready; on SIGTERM prints the live heap peak (after GC) and
 * the process's resident-set peak.
 */
public final class StorageBenchServer {
    public static void main(String[] a) throws Exception {
        String realm = "sipdrop.bench";
        UserDirectory users = UserDirectory.load(Path.of(a[3]), realm);
        StorageAuth auth = new StorageAuth(users, realm, new DigestAuth(realm, users, Clock.systemUTC(), new SecureRandom()));
        StorageSettings s = new StorageSettings(Integer.parseInt(a[1]), OptionalInt.of(Integer.parseInt(a[2])), Optional.of(Path.of(a[0])),
                1L << 40, Duration.ofHours(1));
        StorageServer server = StorageServer.start(s, InetAddress.getLoopbackAddress(), auth, Path.of(a[4]), a[5].toCharArray(),
                Clock.systemUTC());
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (true) {
                long live = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                        live += p.getCollectionUsage().getUsed();
                    }
                }
                peak.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            String hwm = "?";
            try {
                hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM")).findFirst().orElse("?");
            } catch (Exception e) {
                // not Linux
            }
            System.out.printf("storage: liveHeapPeakAfterGcMiB=%.1f maxHeapMiB=%d %s%n", peak.get() / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20, hwm.replaceAll("\\s+", " "));
            System.out.flush();
        }));
        System.out.println("base=" + server.baseUris().get(0) + " https=" + server.baseUris().get(1));
        System.out.flush();
        Thread.currentThread().join();
    }
}
