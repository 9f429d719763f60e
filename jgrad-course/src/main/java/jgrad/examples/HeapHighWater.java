package jgrad.examples;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap occupancy right after a garbage collection, over the life of the process: after
 * a collection the heap holds (nearly) only live objects, so this is the live-data high-water mark
 * as far as the collector saw it, independent of how large {@code -Xmx} let the heap grow. A
 * benchmark calls {@link #start()} first and reads {@link #maxAfterGc()} at the end.
 */
final class HeapHighWater {
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static final AtomicLong MAX_AFTER_FULL_GC = new AtomicLong();

    private HeapHighWater() {
    }

    /** Listens to every collector's notifications (from now on). */
    static void start() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
                    MAX_AFTER_GC.accumulateAndGet(used, Math::max);
                    if (info.getGcAction().contains("major")) {
                        MAX_AFTER_FULL_GC.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    /** Bytes; 0 if no collection has run since {@link #start()}. A young collection leaves some garbage behind. */
    static long maxAfterGc() {
        return MAX_AFTER_GC.get();
    }

    /**
     * Bytes after full (major) collections only, which leave no garbage: the live data at those
     * moments; 0 if the heap never needed one (G1 collects fully only when it runs short).
     */
    static long maxAfterFullGc() {
        return MAX_AFTER_FULL_GC.get();
    }
}
