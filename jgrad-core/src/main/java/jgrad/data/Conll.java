package jgrad.data;

import jgrad.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CoNLL column format of tagged text (CoNLL-2000 chunking, CoNLL-2003 named entities): one token
 * per line, columns separated by spaces or tabs, the token first and the tag last, an empty line
 * after each sentence. Lines starting with {@code -DOCSTART-} separate documents and are skipped.
 *
 * <pre>
 * EU B-ORG
 * rejects O
 * German B-MISC
 * call O
 *
 * Peter B-PER
 * Blackburn I-PER
 * </pre>
 *
 * <pre>{@code
 * List<Conll.Sentence> sentences = Conll.read(Path.of("train.txt"));
 * Conll.write(Path.of("predicted.txt"), sentences);
 * }</pre>
 *
 * Middle columns (part of speech, chunk tags in CoNLL-2003) are read past; the writer writes two columns.
 */
public final class Conll {
    private Conll() {
    }

    /** A sentence: its tokens and one tag per token. */
    public record Sentence(List<String> tokens, List<String> tags) {
        public Sentence {
            if (tokens.size() != tags.size()) {
                throw new IllegalArgumentException("Conll.Sentence: " + tokens.size() + " tokens but " + tags.size() + " tags");
            }
            for (String token : tokens) {
                if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("Conll.Sentence: token '" + token + "' is empty or holds white space");
                }
            }
            tokens = List.copyOf(tokens);
            tags = List.copyOf(tags);
        }

        public int size() {
            return tokens.size();
        }
    }

    /** Reads a CoNLL file (UTF-8). */
    public static List<Sentence> read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /** Parses CoNLL text; {@code source} names it in error messages. */
    public static List<Sentence> parse(String text, String source) {
        var sentences = new ArrayList<Sentence>();
        var tokens = new ArrayList<String>();
        var tags = new ArrayList<String>();
        String[] lines = text.split("\r?\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("-DOCSTART-")) {
                if (!tokens.isEmpty()) {
                    sentences.add(new Sentence(tokens, tags));
                    tokens.clear();
                    tags.clear();
                }
                continue;
            }
            String[] columns = line.split("[ \t]+");
            if (columns.length < 2) {
                throw new IllegalArgumentException("Conll.parse(" + source + "): line " + number + " '" + line
                        + "' needs at least two columns, a token and a tag");
            }
            tokens.add(columns[0]);
            tags.add(columns[columns.length - 1]);
        }
        if (!tokens.isEmpty()) sentences.add(new Sentence(tokens, tags));
        return sentences;
    }

    /** {@code token tag} lines, an empty line after each sentence. */
    public static String format(List<Sentence> sentences) {
        var out = new StringBuilder();
        for (Sentence sentence : sentences) {
            for (int i = 0; i < sentence.size(); i++) {
                out.append(sentence.tokens().get(i)).append(' ').append(sentence.tags().get(i)).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #format} to {@code path} atomically. */
    public static void write(Path path, List<Sentence> sentences) throws IOException {
        AtomicFiles.writeString(path, format(sentences));
    }
}
