package jgrad.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;

/**
 * Learns byte-level BPE merges from a text (Sennrich et al. 2016, on bytes as in GPT-2).
 *
 * <p>The algorithm:
 * <ol>
 *   <li>Cut the text into chunks with {@link Gpt2PreTokenizer} and count how often each distinct
 *       chunk occurs. A chunk is a "word": a sequence of token ids, at first its UTF-8 bytes
 *       (ids 0..255).</li>
 *   <li>Count every adjacent pair of ids inside every word, weighted by the word's frequency.
 *       Overlapping pairs all count: "aaa" holds the pair (a, a) twice.</li>
 *   <li>Take the most frequent pair (ties: the smallest left id, then the smallest right id),
 *       give it the next id, and replace it in every word, left to right.</li>
 *   <li>Repeat until the vocabulary has {@code vocabSize} ids or no pair is left.</li>
 * </ol>
 *
 * <p>Recounting all pairs after every merge would cost a pass over all words per merge. Instead we
 * keep, for each pair, its count and the words it occurs in; a merge only touches the words that
 * hold the merged pair, and only their pair counts change. The most frequent pair comes from a
 * priority queue with lazy deletion: an entry whose count is no longer the pair's current count is
 * stale and skipped when it surfaces.
 */
final class BpeTrainer {
    private BpeTrainer() {
    }

    /** One queue entry: a pair and the count it had when queued. */
    private record PairCount(long count, long pair) {
    }

    /** Most frequent first; among equal counts the smallest (left, right), which is the smallest key. */
    private static final Comparator<PairCount> MOST_FREQUENT_FIRST =
            Comparator.comparingLong(PairCount::count).reversed().thenComparingLong(PairCount::pair);

    /** The merges, in the order learned; merge {@code i} creates id {@code 256 + i}. */
    static List<BpeTokenizer.Merge> train(String text, int vocabSize) {
        if (vocabSize < 256) {
            throw new IllegalArgumentException("BpeTokenizer.train: vocabSize must be at least 256 (one token per byte), got " + vocabSize);
        }
        // Step 1: distinct chunks and their frequencies.
        Map<String, Long> chunkCounts = new HashMap<>();
        Matcher matcher = Gpt2PreTokenizer.PATTERN.matcher(text);
        while (matcher.find()) {
            chunkCounts.merge(matcher.group(), 1L, Long::sum);
        }
        int[][] words = new int[chunkCounts.size()][];
        long[] frequencies = new long[words.length];
        int w = 0;
        for (var entry : chunkCounts.entrySet()) {
            byte[] bytes = entry.getKey().getBytes(StandardCharsets.UTF_8);
            words[w] = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                words[w][i] = bytes[i] & 0xFF;
            }
            frequencies[w++] = entry.getValue();
        }

        // Step 2: pair counts and, per pair, the words holding it (may list a word twice or
        // list it after the pair left it; such entries are skipped when used).
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, List<Integer>> wordsWithPair = new HashMap<>();
        for (w = 0; w < words.length; w++) {
            addPairs(words[w], frequencies[w], pairCounts);
            for (int i = 0; i + 1 < words[w].length; i++) {
                wordsWithPair.computeIfAbsent(pairKey(words[w][i], words[w][i + 1]), k -> new ArrayList<>()).add(w);
            }
        }
        var queue = new PriorityQueue<>(MOST_FREQUENT_FIRST);
        pairCounts.forEach((pair, count) -> queue.add(new PairCount(count, pair)));

        // Steps 3-4: merge the best pair until the vocabulary is full.
        List<BpeTokenizer.Merge> merges = new ArrayList<>();
        for (int newId = 256; newId < vocabSize; newId++) {
            PairCount best = queue.poll();
            while (best != null && best.count() != pairCounts.getOrDefault(best.pair(), 0L)) {
                best = queue.poll();                 // stale entry
            }
            if (best == null) {
                break;                               // every word is a single token
            }
            int left = (int) (best.pair() >>> 32);
            int right = (int) best.pair();
            merges.add(new BpeTokenizer.Merge(left, right, newId));

            Map<Long, Long> countChanges = new HashMap<>();
            for (int word : wordsWithPair.remove(best.pair())) {
                int[] before = words[word];
                if (!containsPair(before, left, right)) {
                    continue;
                }
                int[] after = mergePair(before, left, right, newId);
                addPairs(before, -frequencies[word], countChanges);
                addPairs(after, frequencies[word], countChanges);
                for (int i = 0; i + 1 < after.length; i++) {
                    if (after[i] == newId || after[i + 1] == newId) {
                        wordsWithPair.computeIfAbsent(pairKey(after[i], after[i + 1]), k -> new ArrayList<>()).add(word);
                    }
                }
                words[word] = after;
            }
            countChanges.forEach((pair, change) -> {
                if (change == 0) {
                    return;
                }
                long count = pairCounts.merge(pair, change, Long::sum);
                if (count == 0) {
                    pairCounts.remove(pair);
                } else {
                    queue.add(new PairCount(count, pair));
                }
            });
        }
        return merges;
    }

    /** Adds {@code weight} to the count of every adjacent pair of {@code word}. */
    private static void addPairs(int[] word, long weight, Map<Long, Long> counts) {
        for (int i = 0; i + 1 < word.length; i++) {
            counts.merge(pairKey(word[i], word[i + 1]), weight, Long::sum);
        }
    }

    private static boolean containsPair(int[] word, int left, int right) {
        for (int i = 0; i + 1 < word.length; i++) {
            if (word[i] == left && word[i + 1] == right) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} with every (left, right), scanning left to right, replaced by {@code merged}. */
    private static int[] mergePair(int[] word, int left, int right, int merged) {
        int[] out = new int[word.length];
        int count = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out[count++] = merged;
                i++;
            } else {
                out[count++] = word[i];
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** A pair of non-negative ids as one long; key order is (left, right) order. */
    static long pairKey(int left, int right) {
        return ((long) left << 32) | right;
    }
}
