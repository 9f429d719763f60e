package jgrad.examples.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * More ways to ask each FAQ question, generated from the FAQ's own phrasings, for training the
 * {@link FaqGenerator}: 45 (question, answer) pairs are too few for a character model to learn
 * which words matter.
 *
 * <p>A phrasing is rewritten by one or two generic rules (function words such as "how do i" to "how
 * can i", and a few shop synonyms such as "parcel" to "package"), framed by a polite opening or
 * ending, and sometimes given one typing error (a dropped, doubled or swapped letter). The rules are
 * written for the shop, not for the {@link FaqRetriever#HELD_OUT} questions, and any generated
 * phrasing equal to a held-out question is thrown away, so those stay unseen.
 *
 * <p>The examples are split by a hash of the text into training and validation: validation chooses
 * the generator's confidence threshold. Besides the FAQ questions, both sides get questions with
 * <em>no</em> answer (the empty answer): off-topic questions written here (none of them in
 * {@link FaqRetriever#OFF_TOPIC}) and slot-filling requests of the assistant.
 */
public final class FaqParaphrases {

    /** A question and the FAQ entry that answers it, or {@code -1} when no entry does. */
    public record Example(String question, int entry) {
        public String answer() {
            return entry < 0 ? "" : FaqRetriever.FAQ.get(entry).answer();
        }
    }

    /** Training and validation examples. */
    public record Split(List<Example> train, List<Example> validation) {
    }

    /** Rewrites: each pair replaces the first text by the second wherever it occurs as whole words. */
    static final List<String[]> REWRITES = List.of(
            new String[] {"how do i", "how can i"}, new String[] {"how do i", "what do i do to"},
            new String[] {"how can i", "how do i"}, new String[] {"can i", "is it possible to"}, new String[] {"can i", "may i"},
            new String[] {"do you", "does your shop"}, new String[] {"do you", "do you guys"}, new String[] {"is there", "do you have"},
            new String[] {"what is", "what's"}, new String[] {"i cannot", "i can't"}, new String[] {"my", "the"}, new String[] {"a", "the"},
            new String[] {"the", "my"}, new String[] {"delivery", "shipping"}, new String[] {"shipping", "delivery"},
            new String[] {"parcel", "package"}, new String[] {"order", "purchase"}, new String[] {"store", "shop"},
            new String[] {"website", "site"}, new String[] {"card", "credit card"}, new String[] {"gift voucher", "gift certificate"},
            new String[] {"guarantee", "warranty"}, new String[] {"warranty", "guarantee"}, new String[] {"discount", "reduction"},
            new String[] {"phone number", "telephone number"}, new String[] {"sign up", "register"}, new String[] {"buy", "purchase"},
            new String[] {"car park", "parking lot"}, new String[] {"points", "bonus points"}, new String[] {"students", "pupils"});

    static final List<String> OPENINGS = List.of("", "", "", "hello ", "hi, ", "please tell me ", "excuse me, ", "quick question: ",
            "i would like to know ");
    static final List<String> ENDINGS = List.of("", "", "", "?", " please", " thanks", "? thank you");

    /** Off-topic questions for training and validation; none is in {@link FaqRetriever#OFF_TOPIC}. */
    static final List<String> NO_ANSWER = List.of("what time is it", "can you sing a song", "who is the president",
            "how tall is mount everest", "what is your favourite colour", "do you like cats", "is it going to rain",
            "what is two plus two", "where do penguins live", "tell me a story", "what should i cook tonight",
            "how do i learn to swim", "which team is the best", "are you a robot", "what is the meaning of life",
            "can you do my homework", "what music do you like", "how far is the moon", "translate hello into german",
            "who wrote hamlet");

    private FaqParaphrases() {
    }

    /**
     * Up to {@code perEntry} generated phrasings per FAQ entry (plus the entry's own phrasings, all in
     * training), {@link #NO_ANSWER} and {@code taskUtterances} as questions without an answer; every
     * {@code validationEvery}-th text by hash goes to validation.
     */
    public static Split generate(int perEntry, List<String> taskUtterances, int validationEvery, long seed) {
        var random = new SplittableRandom(seed);
        Set<String> heldOut = new LinkedHashSet<>();
        FaqRetriever.HELD_OUT.forEach(p -> heldOut.add(p.question()));
        var train = new ArrayList<Example>();
        var validation = new ArrayList<Example>();
        for (int entry = 0; entry < FaqRetriever.FAQ.size(); entry++) {
            List<String> own = FaqRetriever.FAQ.get(entry).phrasings();
            for (String phrasing : own) train.add(new Example(phrasing, entry));
            Set<String> made = new LinkedHashSet<>(own);
            for (int attempt = 0; attempt < 40 * perEntry && made.size() < own.size() + perEntry; attempt++) {
                String question = variant(own.get(random.nextInt(own.size())), random);
                if (heldOut.contains(stripped(question)) || !made.add(question)) continue;
                (isValidation(question, validationEvery) ? validation : train).add(new Example(question, entry));
            }
        }
        var noAnswer = new ArrayList<>(NO_ANSWER);
        noAnswer.addAll(taskUtterances.stream().map(u -> u.toLowerCase(java.util.Locale.ROOT)).distinct().toList());
        for (String question : noAnswer) (isValidation(question, validationEvery) ? validation : train).add(new Example(question, -1));
        return new Split(List.copyOf(train), List.copyOf(validation));
    }

    /** One or two rewrites, an opening and an ending, and with probability 1/4 one typing error. */
    static String variant(String phrasing, SplittableRandom random) {
        String text = phrasing;
        int rewrites = 1 + random.nextInt(2);
        for (int i = 0; i < rewrites; i++) {
            String[] rule = REWRITES.get(random.nextInt(REWRITES.size()));
            text = (" " + text + " ").replace(" " + rule[0] + " ", " " + rule[1] + " ").strip();
        }
        if (random.nextInt(4) == 0) text = typo(text, random);
        return OPENINGS.get(random.nextInt(OPENINGS.size())) + text + ENDINGS.get(random.nextInt(ENDINGS.size()));
    }

    /** Each question with one typing error ({@link #typo}), the same for the same seed: a test of robustness to spelling. */
    public static List<String> withTypos(List<String> questions, long seed) {
        var random = new SplittableRandom(seed);
        return questions.stream().map(q -> typo(q, random)).toList();
    }

    /** The text with one letter dropped, doubled or swapped with the next, inside a word of four letters or more. */
    static String typo(String text, SplittableRandom random) {
        var positions = new ArrayList<Integer>();
        int start = 0;
        for (String word : text.split(" ", -1)) {
            for (int i = start + 1; word.length() >= 4 && i < start + word.length() - 1; i++) positions.add(i);
            start += word.length() + 1;
        }
        if (positions.isEmpty()) return text;
        int i = positions.get(random.nextInt(positions.size()));
        return switch (random.nextInt(3)) {
            case 0 -> text.substring(0, i) + text.substring(i + 1);
            case 1 -> text.substring(0, i + 1) + text.substring(i);
            default -> text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
        };
    }

    /** The question without the openings and endings, as {@link FaqRetriever#HELD_OUT} writes questions. */
    static String stripped(String question) {
        String text = question;
        for (String opening : OPENINGS) {
            if (!opening.isEmpty() && text.startsWith(opening)) text = text.substring(opening.length());
        }
        for (String ending : ENDINGS) {
            if (!ending.isEmpty() && text.endsWith(ending)) text = text.substring(0, text.length() - ending.length());
        }
        return text;
    }

    private static boolean isValidation(String text, int every) {
        return Math.floorMod(text.hashCode() * 0x9E3779B9, every) == 0;
    }
}
