package jgrad.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fortune-cookie corpus as a text-classification data set: one file per category (Debian
 * packages {@code fortunes}: {@code computers}, {@code politics}, {@code science}, ... and
 * {@code fortunes-zh}: {@code tang300}, {@code song100}, {@code chinese}), entries separated by
 * lines that hold only {@code %}. The category is the label.
 *
 * <pre>{@code
 * var fortunes = Fortunes.load(Fortunes.defaultDirectory(), "computers", "politics", "science");
 * fortunes.categories();                    // [computers, politics, science]  (label = index)
 * fortunes.entries("science").get(0);       // the first science fortune, colour codes removed
 * var split = fortunes.split(0.2, 42);       // stratified: 20% of every category held out
 * LabeledText first = split.train().get(0); // first.text(), first.label()
 * }</pre>
 *
 * <p>Entries are cleaned: ANSI terminal escape sequences (the colours that {@code fortunes-zh}
 * puts around titles and authors) are removed, so are overstruck characters ({@code x\bx}, a
 * typewriter trick some old fortunes use), line ends become {@code \n} and blank lines at either
 * end of an entry are dropped. Empty entries are skipped. Nothing else changes: text keeps its
 * lines, spacing and attribution lines ("-- Mark Twain").
 */
public final class Fortunes {

    /** Where the Debian packages {@code fortunes} and {@code fortunes-zh} install their files. */
    public static final Path DEBIAN_DIRECTORY = Path.of("/usr/share/games/fortunes");

    /** One entry with the index of its category in {@link #categories()}. */
    public record LabeledText(String text, int label) {
    }

    /** Held-out and training entries; both are shuffled, and every category appears in both where it has 2+ entries. */
    public record Split(List<LabeledText> train, List<LabeledText> test) {
    }

    /** CSI sequences such as {@code ESC[32m} and {@code ESC[m}: ESC, '[', parameters, one final letter. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** A character followed by a backspace is overstruck by the next one: keep only the last. */
    private static final Pattern OVERSTRIKE = Pattern.compile("[^\n]\b");
    private static final Pattern SEPARATOR_LINE = Pattern.compile("(?m)^%[ \t]*$");

    /** Category name → entries, in the order the categories were asked for. */
    private final Map<String, List<String>> entriesByCategory;
    private final List<String> categories;

    private Fortunes(Map<String, List<String>> entriesByCategory) {
        this.entriesByCategory = entriesByCategory;
        this.categories = List.copyOf(entriesByCategory.keySet());
    }

    // ---------------------------------------------------------------------------------------------
    // Finding and reading the files
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code $JGRAD_DATA/fortunes} when that directory exists (copy category files there on a
     * machine without the Debian packages), otherwise {@link #DEBIAN_DIRECTORY}.
     */
    public static Path defaultDirectory() {
        String root = System.getenv("JGRAD_DATA");
        if (root != null && Files.isDirectory(Path.of(root, "fortunes"))) {
            return Path.of(root, "fortunes");
        }
        return DEBIAN_DIRECTORY;
    }

    /** True when every named category has its file in {@code directory} (use it for JUnit assumptions). */
    public static boolean isAvailable(Path directory, String... categories) {
        for (String category : categories) {
            if (!Files.isRegularFile(directory.resolve(category))) {
                return false;
            }
        }
        return categories.length > 0;
    }

    /**
     * The category files of {@code directory}, sorted: regular files (or links to them) whose names
     * have no dot, which leaves out the {@code strfile} indexes ({@code .dat}) and the {@code .u8}
     * links that the Debian packages install beside each category.
     */
    public static List<String> availableCategories(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !name.contains("."))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Reads the named categories from {@code directory}; label {@code i} is {@code categories[i]}.
     *
     * @throws IOException naming the missing file and the categories that are there
     */
    public static Fortunes load(Path directory, String... categories) throws IOException {
        if (categories.length == 0) {
            throw new IllegalArgumentException("Fortunes.load: name at least one category, e.g. \"computers\"; "
                    + "Fortunes.availableCategories(directory) lists them");
        }
        var entries = new LinkedHashMap<String, List<String>>();
        for (String category : categories) {
            if (entries.containsKey(category)) {
                throw new IllegalArgumentException("Fortunes.load: category '" + category + "' is named twice");
            }
            Path file = directory.resolve(category);
            if (!Files.isRegularFile(file)) {
                throw new IOException("Fortunes.load: no file for category '" + category + "' in " + directory
                        + (Files.isDirectory(directory) ? "; categories there: " + availableCategories(directory)
                        : " (the directory does not exist; install the Debian package fortunes or fortunes-zh, or set $JGRAD_DATA)"));
            }
            entries.put(category, parse(Files.readString(file, StandardCharsets.UTF_8)));
        }
        return new Fortunes(Collections.unmodifiableMap(entries));
    }

    /** Every category of {@code directory} (see {@link #availableCategories}). */
    public static Fortunes loadAll(Path directory) throws IOException {
        return load(directory, availableCategories(directory).toArray(String[]::new));
    }

    /**
     * The cleaned, non-empty entries of one category file's text, in file order. A line holding only
     * {@code %} ends an entry; the last entry needs no {@code %} after it.
     */
    public static List<String> parse(String fileText) {
        String text = clean(fileText);
        var entries = new ArrayList<String>();
        for (String raw : SEPARATOR_LINE.split(text, -1)) {
            String entry = stripBlankLines(raw);
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return List.copyOf(entries);
    }

    /** Removes ANSI escape sequences and overstruck characters and turns {@code \r\n} into {@code \n}. */
    public static String clean(String text) {
        String unixLines = text.replace("\r\n", "\n");
        String noColour = ANSI_ESCAPE.matcher(unixLines).replaceAll("");
        return OVERSTRIKE.matcher(noColour).replaceAll("");
    }

    /** Drops whole blank lines at the start and the end, keeping the indentation of the first real line. */
    private static String stripBlankLines(String entry) {
        if (entry.isBlank()) {
            return "";
        }
        int start = 0;
        for (int lineEnd = entry.indexOf('\n'); lineEnd >= 0 && entry.substring(start, lineEnd).isBlank();
             lineEnd = entry.indexOf('\n', start)) {
            start = lineEnd + 1;
        }
        return entry.substring(start).stripTrailing();
    }

    // ---------------------------------------------------------------------------------------------
    // The data set
    // ---------------------------------------------------------------------------------------------

    /** The category names; label {@code i} is {@code categories().get(i)}. */
    public List<String> categories() {
        return categories;
    }

    /** The label of {@code category}. */
    public int label(String category) {
        int label = categories.indexOf(category);
        if (label < 0) {
            throw new IllegalArgumentException("Fortunes.label: no category '" + category + "' among " + categories);
        }
        return label;
    }

    /** The entries of one category, in file order. */
    public List<String> entries(String category) {
        return entriesByCategory.get(categories.get(label(category)));
    }

    /** The number of entries in all categories. */
    public int size() {
        return entriesByCategory.values().stream().mapToInt(List::size).sum();
    }

    /** All entries with their labels, category by category, in file order. */
    public List<LabeledText> texts() {
        var texts = new ArrayList<LabeledText>(size());
        for (int label = 0; label < categories.size(); label++) {
            for (String entry : entriesByCategory.get(categories.get(label))) {
                texts.add(new LabeledText(entry, label));
            }
        }
        return texts;
    }

    /**
     * At most {@code maxPerCategory} entries of each category, drawn at random (reproducibly for
     * {@code seed}) and kept in file order: a way to balance categories of very different sizes
     * (people has 1,250 fortunes, literature 262).
     */
    public Fortunes capped(int maxPerCategory, long seed) {
        if (maxPerCategory < 1) {
            throw new IllegalArgumentException("Fortunes.capped: maxPerCategory must be at least 1, got " + maxPerCategory);
        }
        var random = new SplittableRandom(seed);
        var kept = new LinkedHashMap<String, List<String>>();
        for (String category : categories) {
            List<String> all = entriesByCategory.get(category);
            int[] order = Dataset.permutation(all.size(), random);
            int[] chosen = Arrays.stream(order).limit(maxPerCategory).sorted().toArray();
            kept.put(category, Arrays.stream(chosen).mapToObj(all::get).toList());
        }
        return new Fortunes(Collections.unmodifiableMap(kept));
    }

    /**
     * A stratified split: from each category, {@code round(n * testFraction)} entries chosen at
     * random go to the test list, the rest to training, so both keep the category proportions.
     * When a category has at least two entries each side gets at least one. Both lists are shuffled;
     * the same seed always gives the same split.
     *
     * @param testFraction in (0, 1), e.g. 0.2
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Fortunes.split: testFraction must be in (0, 1), got " + testFraction);
        }
        var random = new SplittableRandom(seed);
        var train = new ArrayList<LabeledText>();
        var test = new ArrayList<LabeledText>();
        for (int label = 0; label < categories.size(); label++) {
            List<String> all = entriesByCategory.get(categories.get(label));
            int n = all.size();
            int testCount = (int) Math.round(n * testFraction);
            if (n >= 2) {
                testCount = Math.clamp(testCount, 1, n - 1);
            }
            int[] order = Dataset.permutation(n, random);
            for (int i = 0; i < n; i++) {
                var item = new LabeledText(all.get(order[i]), label);
                (i < testCount ? test : train).add(item);
            }
        }
        return new Split(shuffled(train, random), shuffled(test, random));
    }

    private static List<LabeledText> shuffled(List<LabeledText> items, SplittableRandom random) {
        int[] order = Dataset.permutation(items.size(), random);
        return Arrays.stream(order).mapToObj(items::get).toList();
    }

    @Override
    public String toString() {
        var counts = new StringBuilder();
        for (String category : categories) {
            if (!counts.isEmpty()) counts.append(", ");
            counts.append(category).append('=').append(entriesByCategory.get(category).size());
        }
        return "Fortunes(" + counts + ")";
    }
}
