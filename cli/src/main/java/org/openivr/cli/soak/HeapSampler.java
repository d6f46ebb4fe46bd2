package org.openivr.cli.soak;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap in use right after each garbage collection, from the JVM's own GC notifications (no extra collections,
 * which would pause the calls being measured). Read as windows: the lowest after-GC value of a window is the
 * closest to the live set that the window shows, since a young collection leaves old garbage in place. That can be
 * far from it: G1 leaves old garbage until the old generation nears its threshold (45% of the maximum heap), so on a
 * large heap the lowest value climbs for minutes while the live set is flat. Hence {@code --live-heap}, a full
 * collection at each report, for runs that measure memory rather than latency.
 */
final class HeapSampler implements AutoCloseable {
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    /** Collectors of the young generation only (G1, Parallel, Serial, CMS); the full one is any other. */
    private static final Pattern YOUNG = Pattern.compile("Young|Scavenge|Copy|ParNew");
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private long lastAfterGc = -1;
    private long windowLowest = Long.MAX_VALUE;
    private int windowCollections;

    HeapSampler() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        synchronized (this) {
            lastAfterGc = used;
            windowLowest = Math.min(windowLowest, used);
            windowCollections++;
        }
    }

    /**
     * Since the previous window: collections, lowest and last heap after GC (-1 when there was none yet).
     *
     * @param liveBytes the live heap measured for this window, -1 when not measured
     */
    synchronized HeapWindow window(long liveBytes) {
        HeapWindow window = new HeapWindow(windowCollections, windowCollections == 0 ? -1 : windowLowest, lastAfterGc,
                liveBytes);
        windowLowest = Long.MAX_VALUE;
        windowCollections = 0;
        return window;
    }

    /**
     * Heap in use after a full collection asked for now: the live set. Pauses the JVM, so only at the start and
     * the end of a run, and at each report when {@code --live-heap} asks for it.
     */
    static long liveBytes() {
        Map<String, Long> before = new HashMap<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> before.put(gc.getName(), gc.getCollectionCount()));
        System.gc();
        // What the full collection itself left, not what the running calls allocated since it ended.
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean full && !YOUNG.matcher(gc.getName()).find()
                    && gc.getCollectionCount() > before.getOrDefault(gc.getName(), 0L) && full.getLastGcInfo() != null) {
                return full.getLastGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> HEAP_POOLS.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing to undo
            }
        }
    }

    /**
     * @param collections  garbage collections in the window
     * @param lowestBytes  the lowest heap in use after one of them, -1 when there was none
     * @param lastBytes    heap in use after the latest collection so far, -1 before the first
     * @param liveBytes    heap in use after a full collection forced at the window's end, -1 when none was
     */
    record HeapWindow(int collections, long lowestBytes, long lastBytes, long liveBytes) {}
}
