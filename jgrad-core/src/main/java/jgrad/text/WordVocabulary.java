package jgrad.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level vocabulary for classifiers and taggers: text is split into lower-cased words
 * (letters with inner apostrophes, digit runs, single punctuation marks), and the words seen at
 * least {@code minCount} times in the training texts get ids, most frequent first. Id 0 is the
 * padding {@value #PAD} and id 1 stands for every unknown word, {@value #UNK}.
 *
 * <pre>{@code
 * var vocabulary = WordVocabulary.build(trainingTexts, 2, 20_000);
 * WordVocabulary.words("Don't PANIC!");     // [don't, panic, !]
 * int[] ids = vocabulary.encode("Don't PANIC!");   // e.g. [57, 1, 9]  (1: "panic" was too rare)
 * }</pre>
 *
 * Words are Unicode-aware ({@code \p{L}}), so accented Latin, Greek or Cyrillic words stay whole;
 * text without spaces between words (Chinese) is better served by {@link CharTokenizer}.
 */
public final class WordVocabulary {
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)*|\\p{N}+|[^\\s\\p{L}\\p{N}]");

    private final List<String> words;
    private final Map<String, Integer> ids;

    private WordVocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>();
        for (int id = 0; id < words.size(); id++) ids.put(words.get(id), id);
    }

    /** The lower-cased words of {@code text} in order. */
    public static List<String> words(String text) {
        var out = new ArrayList<String>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) out.add(matcher.group());
        return out;
    }

    /**
     * The words of {@code texts} that occur at least {@code minCount} times, at most {@code maxSize}
     * ids in all (the two specials included); ties in frequency are broken alphabetically, so the
     * same texts always give the same ids.
     */
    public static WordVocabulary build(Iterable<String> texts, int minCount, int maxSize) {
        if (minCount < 1 || maxSize < 2) {
            throw new IllegalArgumentException("WordVocabulary.build: minCount must be >= 1 and maxSize >= 2, got "
                    + minCount + " and " + maxSize);
        }
        var counts = new HashMap<String, Integer>();
        for (String text : texts) {
            for (String word : words(text)) counts.merge(word, 1, Integer::sum);
        }
        var kept = new ArrayList<>(counts.entrySet().stream().filter(e -> e.getValue() >= minCount).toList());
        kept.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        var words = new ArrayList<>(List.of(PAD, UNK));
        for (var entry : kept) {
            if (words.size() == maxSize) break;
            words.add(entry.getKey());
        }
        return new WordVocabulary(words);
    }

    /** A vocabulary of exactly these words after the two specials (e.g. one read back from a file). */
    public static WordVocabulary of(List<String> words) {
        var all = new ArrayList<>(List.of(PAD, UNK));
        all.addAll(words);
        if (new java.util.HashSet<>(all).size() != all.size()) {
            throw new IllegalArgumentException("WordVocabulary.of: words must be distinct and not " + PAD + " or " + UNK);
        }
        return new WordVocabulary(all);
    }

    /** The id of each word of {@code text}, {@link #UNK_ID} for words outside the vocabulary. */
    public int[] encode(String text) {
        return words(text).stream().mapToInt(this::id).toArray();
    }

    /** {@link #encode} cut to the first {@code maxLength} words. */
    public int[] encode(String text, int maxLength) {
        int[] all = encode(text);
        return all.length <= maxLength ? all : Arrays.copyOf(all, maxLength);
    }

    /** The id of {@code word} (already lower-cased), or {@link #UNK_ID}. */
    public int id(String word) {
        return ids.getOrDefault(word, UNK_ID);
    }

    public String word(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IllegalArgumentException("WordVocabulary.word: id " + id + " is outside [0, " + words.size() + ")");
        }
        return words.get(id);
    }

    /** The words of {@code ids} joined by spaces. */
    public String decode(int... ids) {
        var out = new StringBuilder();
        for (int id : ids) {
            if (!out.isEmpty()) out.append(' ');
            out.append(word(id));
        }
        return out.toString();
    }

    /** The number of ids, specials included. */
    public int size() {
        return words.size();
    }

    @Override
    public String toString() {
        return "WordVocabulary(size=" + words.size() + ")";
    }
}
