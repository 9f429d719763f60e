package jgrad.examples.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A held-out set of general questions further from the FAQ's wording than {@link FaqRetriever#HELD_OUT}:
 * the question a retriever of mean word embeddings is unsure about, and the one a generative fallback is
 * for. Each question is one of the held-out paraphrases rewritten by rules:
 * <ul>
 *   <li>synonyms, mostly words that neither the FAQ nor the training rewrites use ({@link #SYNONYMS}:
 *       "deliver" to "dispatch", "abroad" to "overseas", "password" to "passcode"), so the retriever meets
 *       words it has no embedding for;</li>
 *   <li>reordered clauses: a trailing phrase ("at the store", "outside the country") moved to the front,
 *       or the question put after a short preamble ("about my order: ...");</li>
 *   <li>one or two typing errors ({@link FaqParaphrases#typo}).</li>
 * </ul>
 * The rules are written for this set and none of them is among the training rewrites of
 * {@link FaqParaphrases}; a question equal to any training or validation question is thrown away, so
 * the set is disjoint from what the retriever and the generator learn from.
 */
public final class DistantParaphrases {

    /**
     * Word or phrase replacements, applied in this order as whole words (a rule whose source another rule
     * writes, such as "call" in "call off", comes first, so replacements do not chain).
     */
    static final List<String[]> SYNONYMS = List.of(
            new String[] {"get", "obtain"}, new String[] {"call", "ring"}, new String[] {"deliver", "dispatch"}, new String[] {"send", "post"}, new String[] {"abroad", "overseas"},
            new String[] {"outside the country", "to other countries"}, new String[] {"cost", "come to"},
            new String[] {"do i pay for", "am i charged for"}, new String[] {"days", "business days"},
            new String[] {"arrive", "get here"}, new String[] {"what payment", "which means of paying"},
            new String[] {"accept", "allow"}, new String[] {"gift card", "present coupon"},
            new String[] {"gift vouchers", "present coupons"}, new String[] {"register", "enrol"},
            new String[] {"create", "open"}, new String[] {"reset", "recover"}, new String[] {"forgotten", "lost"},
            new String[] {"password", "passcode"}, new String[] {"log in", "sign in"}, new String[] {"loyalty", "membership"},
            new String[] {"warranty", "cover"}, new String[] {"guarantee", "assurance"}, new String[] {"products", "goods"},
            new String[] {"modify", "edit"}, new String[] {"change", "alter"}, new String[] {"cancel", "call off"},
            new String[] {"purchase", "acquisition"}, new String[] {"park", "leave the car"}, new String[] {"parking", "a parking space"},
            new String[] {"number", "hotline"}, new String[] {"contact", "reach"},
            new String[] {"support", "customer care"}, new String[] {"discounts", "deals"}, new String[] {"discount", "deal"},
            new String[] {"students", "undergraduates"}, new String[] {"online", "web"}, new String[] {"store", "branch"});

    /** Trailing phrases that may move to the front of the question. */
    static final List<String> MOVABLE = List.of("at the store", "in the store", "outside the country", "abroad", "with paypal",
            "for students", "on products", "for delivery");

    /** Preambles put before a question, the way people start a chat message. */
    static final List<String> PREAMBLES = List.of("about my order: ", "one more thing, ", "sorry to bother you, ",
            "i was wondering: ", "my friend asked me ");

    private DistantParaphrases() {
    }

    /** A question and the FAQ entry that answers it. */
    public record Question(String text, int entry) {
    }

    /**
     * Up to {@code perProbe} rewritten questions per {@link FaqRetriever#HELD_OUT} paraphrase, none equal to
     * a question of {@code seen} (the training and validation questions) nor to another one of the set.
     */
    public static List<Question> generate(int perProbe, Set<String> seen, long seed) {
        var random = new SplittableRandom(seed);
        var made = new LinkedHashSet<String>();
        var out = new ArrayList<Question>();
        for (FaqRetriever.Probe probe : FaqRetriever.HELD_OUT) {
            int count = 0;
            for (int attempt = 0; attempt < 30 * perProbe && count < perProbe; attempt++) {
                String question = rewritten(probe.question(), random);
                if (question.equals(probe.question()) || seen.contains(question) || !made.add(question)) continue;
                out.add(new Question(question, probe.entry()));
                count++;
            }
        }
        return List.copyOf(out);
    }

    /** Synonyms (each applicable one with probability 2/3), maybe a reordering, then one or two typing errors. */
    static String rewritten(String question, SplittableRandom random) {
        String text = " " + question + " ";
        for (String[] rule : SYNONYMS) {
            if (text.contains(" " + rule[0] + " ") && random.nextInt(3) > 0) text = text.replace(" " + rule[0] + " ", " " + rule[1] + " ");
        }
        text = text.strip();
        if (random.nextBoolean()) text = reordered(text, random);
        int typos = 1 + random.nextInt(2);
        for (int i = 0; i < typos; i++) text = FaqParaphrases.typo(text, random);
        return text;
    }

    /** A trailing {@link #MOVABLE} phrase moved to the front ("abroad, do you ship"), else a {@link #PREAMBLES} one first. */
    static String reordered(String text, SplittableRandom random) {
        for (String phrase : MOVABLE) {
            if (text.endsWith(" " + phrase)) return phrase + ", " + text.substring(0, text.length() - phrase.length() - 1);
        }
        return PREAMBLES.get(random.nextInt(PREAMBLES.size())) + text;
    }
}
