package jgrad.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a WordPiece vocabulary from a corpus the way Hugging Face's {@code tokenizers} library
 * trains one: byte-pair merges over words written with continuation marks.
 * <ol>
 *   <li>Cut the corpus into words with {@link BasicTokenizer} and count them.</li>
 *   <li>Write every word as its characters, all but the first with {@code ##}: "hugs" is
 *       {@code h ##u ##g ##s}. The vocabulary starts as the special tokens and this alphabet.</li>
 *   <li>Repeatedly merge the adjacent pair that occurs most often (counted over the corpus, ties to
 *       the pair whose merged token sorts first) into one token, {@code ##u + ##g = ##ug},
 *       {@code h + ##ug = hug}, and add it, until the vocabulary has {@code vocabSize} tokens or no
 *       pair occurs {@code minFrequency} times.</li>
 * </ol>
 * Greedy longest-match {@link WordPiece} then splits words with the tokens learnt.
 *
 * <pre>{@code
 * List<String> vocab = WordPieceTrainer.train(lines, 2000, 2, new BasicTokenizer(true, true, Set.of()));
 * var tok = new BertTokenizer(vocab, true, true);
 * }</pre>
 */
public final class WordPieceTrainer {
    private WordPieceTrainer() {
    }

    /**
     * @param texts        the corpus, e.g. one line or one document per element
     * @param vocabSize    the size to stop at (special tokens and the alphabet included)
     * @param minFrequency a pair is merged only if it occurs at least this often
     * @param basic        how to cut texts into words (use the tokenizer's own settings)
     * @return the vocabulary: {@link BertTokenizer#SPECIAL_TOKENS}, the alphabet (sorted), then the merges in order
     */
    public static List<String> train(Iterable<String> texts, int vocabSize, int minFrequency, BasicTokenizer basic) {
        Map<String, Long> wordCounts = new HashMap<>();
        for (String text : texts) {
            for (String word : basic.tokenize(text)) {
                wordCounts.merge(word, 1L, Long::sum);
            }
        }
        // Symbols are numbered; each word is a list of symbol ids.
        Map<String, Integer> symbolIds = new HashMap<>();
        List<String> symbols = new ArrayList<>();
        TreeSet<String> alphabet = new TreeSet<>();
        List<List<Integer>> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        wordCounts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            int[] chars = entry.getKey().codePoints().toArray();
            List<Integer> word = new ArrayList<>();
            for (int i = 0; i < chars.length; i++) {
                String symbol = (i == 0 ? "" : WordPiece.CONTINUATION) + Character.toString(chars[i]);
                alphabet.add(symbol);
                word.add(symbolIds.computeIfAbsent(symbol, s -> {
                    symbols.add(s);
                    return symbols.size() - 1;
                }));
            }
            words.add(word);
            counts.add(entry.getValue());
        });
        LinkedHashMap<String, Boolean> vocab = new LinkedHashMap<>();
        BertTokenizer.SPECIAL_TOKENS.forEach(t -> vocab.put(t, true));
        alphabet.forEach(s -> vocab.put(s, true));

        var pairs = new PairCounts(symbols);
        for (int w = 0; w < words.size(); w++) {
            pairs.addWord(w, words.get(w), counts.get(w));
        }
        while (vocab.size() < vocabSize) {
            long best = pairs.mostFrequent(minFrequency);
            if (best < 0) {
                break;
            }
            int left = (int) (best >>> 32), right = (int) best;
            String merged = pairs.mergedText(best);
            int mergedId = symbolIds.computeIfAbsent(merged, s -> {
                symbols.add(s);
                return symbols.size() - 1;
            });
            vocab.put(merged, true);
            for (int w : pairs.wordsWith(best)) {
                List<Integer> word = words.get(w);
                pairs.removeWord(w, word, counts.get(w));
                for (int i = 0; i + 1 < word.size(); i++) {
                    if (word.get(i) == left && word.get(i + 1) == right) {
                        word.set(i, mergedId);
                        word.remove(i + 1);
                    }
                }
                pairs.addWord(w, word, counts.get(w));
            }
        }
        return List.copyOf(vocab.keySet());
    }

    /** Counts of adjacent symbol pairs over the corpus, which words hold each pair, and a queue of the largest. */
    private static final class PairCounts {
        private final List<String> symbols;
        private final Map<Long, Long> counts = new HashMap<>();
        private final Map<Long, Set<Integer>> where = new HashMap<>();
        /** Entries (count, pair); stale ones (count changed since) are skipped when polled. */
        private final PriorityQueue<long[]> queue;

        PairCounts(List<String> symbols) {
            this.symbols = symbols;
            this.queue = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0])
                    : mergedText(x[1]).compareTo(mergedText(y[1])));
        }

        private String mergedText(long pair) {
            return symbols.get((int) (pair >>> 32)) + symbols.get((int) pair).substring(WordPiece.CONTINUATION.length());
        }

        private static long pair(int left, int right) {
            return ((long) left << 32) | (right & 0xFFFFFFFFL);
        }

        void addWord(int w, List<Integer> word, long count) {
            change(w, word, count);
        }

        void removeWord(int w, List<Integer> word, long count) {
            change(w, word, -count);
        }

        private void change(int w, List<Integer> word, long delta) {
            Set<Long> touched = new HashSet<>();
            for (int i = 0; i + 1 < word.size(); i++) {
                long p = pair(word.get(i), word.get(i + 1));
                counts.merge(p, delta, Long::sum);
                touched.add(p);
                if (delta > 0) {
                    where.computeIfAbsent(p, k -> new HashSet<>()).add(w);
                }
            }
            for (long p : touched) {
                long now = counts.get(p);
                if (now > 0) {
                    queue.add(new long[] {now, p});
                }
            }
        }

        /** The most frequent pair with at least {@code minFrequency} occurrences, or -1. */
        long mostFrequent(int minFrequency) {
            while (!queue.isEmpty()) {
                long[] top = queue.poll();
                long current = counts.getOrDefault(top[1], 0L);
                if (current == top[0]) {
                    return current >= minFrequency ? top[1] : -1;
                }
            }
            return -1;
        }

        /** The words that held {@code pair} (some may no longer hold it; merging them changes nothing). */
        List<Integer> wordsWith(long pair) {
            return new ArrayList<>(where.getOrDefault(pair, Set.of()));
        }
    }
}
