package jgrad.recsys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MovieLens ratings as implicit feedback (every rating counts as an interaction, as in the
 * NCF paper), in any of the three layouts GroupLens ships:
 * <pre>
 *   ml-1m   ratings.dat   1::1193::5::978300760          (UserID::MovieID::Rating::Timestamp)
 *   ml-100k u.data        196	242	3	881250949         (tab separated)
 *   ml-latest ratings.csv userId,movieId,rating,timestamp (a header line, then comma separated)
 * </pre>
 * User and movie ids are renumbered densely from 0 in order of first appearance; the original
 * ids are kept in {@link Data#userIds()} and {@link Data#itemIds()}. Every line is checked: an
 * error names the file, the line number and what was expected.
 */
public final class MovieLens {
    private MovieLens() {
    }

    /** The interactions and, for each dense index, the id the file used. */
    public record Data(Interactions interactions, long[] userIds, long[] itemIds) {
    }

    public static Data read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<Long, Integer> users = new LinkedHashMap<>();
        Map<Long, Integer> items = new LinkedHashMap<>();
        List<int[]> pairs = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || (n == 0 && line.startsWith("userId"))) {
                continue;
            }
            String[] fields = line.split(line.contains("::") ? "::" : line.contains("\t") ? "\t" : ",");
            if (fields.length != 4) {
                throw new IOException(file + ": line " + (n + 1) + ": expected 4 fields (user, movie, rating, timestamp) separated by"
                        + " '::', a tab or ',', got " + fields.length + ": \"" + line + "\"");
            }
            long userId = parse(file, n, fields[0], "user id");
            long itemId = parse(file, n, fields[1], "movie id");
            try {
                Double.parseDouble(fields[2]);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + (n + 1) + ": rating \"" + fields[2] + "\" is not a number");
            }
            long time = parse(file, n, fields[3], "timestamp");
            int u = users.computeIfAbsent(userId, k -> users.size());
            int i = items.computeIfAbsent(itemId, k -> items.size());
            pairs.add(new int[] {u, i});
            times.add(time);
        }
        int[] user = new int[pairs.size()], item = new int[pairs.size()];
        long[] time = new long[pairs.size()];
        for (int j = 0; j < pairs.size(); j++) {
            user[j] = pairs.get(j)[0];
            item[j] = pairs.get(j)[1];
            time[j] = times.get(j);
        }
        return new Data(new Interactions(users.size(), items.size(), user, item, time),
                users.keySet().stream().mapToLong(Long::longValue).toArray(), items.keySet().stream().mapToLong(Long::longValue).toArray());
    }

    private static long parse(Path file, int line, String text, String what) throws IOException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": line " + (line + 1) + ": " + what + " \"" + text + "\" is not an integer");
        }
    }
}
