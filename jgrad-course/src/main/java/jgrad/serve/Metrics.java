package jgrad.serve;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counts by route and status, and latency percentiles by route, for {@code GET /metrics}.
 *
 * <p>Percentiles come from the last {@value #WINDOW} latencies of each route (a ring buffer), so
 * they describe recent traffic and memory stays fixed however long the server runs. The
 * percentile p of n sorted values is the value at rank {@code ceil(p/100 * n)} (nearest rank).
 */
public final class Metrics {
    static final int WINDOW = 4096;

    private final Map<String, Route> routes = new TreeMap<>();
    private final long startNanos = System.nanoTime();

    private static final class Route {
        final Map<Integer, Long> byStatus = new TreeMap<>();
        final long[] latencies = new long[WINDOW];
        long count;
    }

    /** Records one answered request. */
    public synchronized void record(String route, int status, long latencyNanos) {
        var r = routes.computeIfAbsent(route, k -> new Route());
        r.byStatus.merge(status, 1L, Long::sum);
        r.latencies[(int) (r.count % WINDOW)] = latencyNanos;
        r.count++;
    }

    /** Total requests answered with {@code status} on all routes. */
    public synchronized long count(int status) {
        return routes.values().stream().mapToLong(r -> r.byStatus.getOrDefault(status, 0L)).sum();
    }

    /** The nearest-rank percentile {@code p} (0 &lt; p &lt;= 100) of {@code sorted}, which must not be empty. */
    public static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** A JSON-ready snapshot: uptime, and per route the counts by status and latency percentiles in ms. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uptime_s", (System.nanoTime() - startNanos) / 1e9);
        long total = routes.values().stream().mapToLong(r -> r.count).sum();
        out.put("requests", total);
        Map<String, Object> perRoute = new LinkedHashMap<>();
        routes.forEach((name, r) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("requests", r.count);
            Map<String, Object> statuses = new LinkedHashMap<>();
            r.byStatus.forEach((status, n) -> statuses.put(status.toString(), n));
            entry.put("status", statuses);
            long[] window = Arrays.copyOf(r.latencies, (int) Math.min(r.count, WINDOW));
            Arrays.sort(window);
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", percentile(window, 50) / 1e6);
            latency.put("p90", percentile(window, 90) / 1e6);
            latency.put("p99", percentile(window, 99) / 1e6);
            latency.put("max", window[window.length - 1] / 1e6);
            latency.put("window", window.length);
            entry.put("latency_ms", latency);
            perRoute.put(name, entry);
        });
        out.put("routes", perRoute);
        return out;
    }
}
