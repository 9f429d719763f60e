package jgrad.examples.dialogue;

import jgrad.examples.NerCorpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generated customer-service conversations for a chain of household stores. Each conversation has a
 * goal (opening hours, an order's status, a product's price or return window); the customer may give
 * the slot value at once or only when asked, may switch to another value ("what about the toaster?")
 * or to a related task whose slot carries over ("can I return it?"), and may greet and say goodbye.
 * Every user turn carries its gold intent and BIO slot tags, and every assistant reply is what
 * {@link DialogueState} answers to the gold frames.
 *
 * <p>Cities, products and order numbers are split before generation: no value of a test conversation
 * occurs in any training conversation, so the scores measure whether the model finds slots it has never
 * seen, from their context and shape.
 */
public final class ServiceDialogues {

    public static final List<String> INTENTS = List.of("greet", "goodbye", "inform", "store_hours", "order_status",
            "product_price", "return_policy");
    public static final List<String> SLOT_TAGS = List.of("O", "B-CITY", "I-CITY", "B-PRODUCT", "I-PRODUCT", "B-ORDER", "I-ORDER");

    static final List<String> CITIES = List.of("Lyon", "Berlin", "Porto", "Leeds", "Gdansk", "Turin", "Ghent", "Bergen",
            "Malaga", "Utrecht", "Graz", "Brno", "Cork", "Tampere", "Aarhus", "Lille", "Seville", "Krakow", "Bristol", "Basel",
            "Bologna", "Nantes", "Vilnius", "Riga", "Leipzig", "Bilbao", "Geneva", "Dresden",
            "New York", "San Diego", "Las Palmas", "Den Haag", "Santa Cruz", "Le Mans", "Buenos Aires", "Hong Kong");
    static final List<String> PRODUCTS = List.of("kettle", "toaster", "blender", "lamp", "vacuum cleaner", "coffee grinder",
            "rice cooker", "fan", "heater", "iron", "mixer", "juicer", "microwave", "hair dryer", "air fryer", "desk",
            "bookshelf", "mattress", "pillow", "rug", "mirror", "curtain", "frying pan", "teapot", "scale", "radio",
            "doorbell", "printer", "router", "monitor", "keyboard", "water filter", "ice maker", "sewing machine");

    /** Templates per intent; {@code {CITY}}, {@code {PRODUCT}}, {@code {ORDER}} are slots. */
    static final List<List<String>> TEMPLATES = List.of(
            List.of("Hello", "Hi there", "Good morning", "Hi , I need some help", "Hello , can you help me ?"),
            List.of("Thanks , bye", "That is all , thank you", "Goodbye", "Great , thanks a lot", "OK thank you , bye"),
            List.of("{CITY}", "In {CITY}", "the one in {CITY}", "It is {ORDER}", "The number is {ORDER}", "{ORDER}",
                    "The {PRODUCT}", "What about the {PRODUCT} ?", "And the {PRODUCT} ?", "And in {CITY} ?", "How about {CITY} ?",
                    "I mean the {PRODUCT}", "it is order {ORDER}"),
            List.of("When is your store in {CITY} open ?", "What are the opening hours in {CITY} ?", "Is the {CITY} shop open today ?",
                    "opening times for {CITY} please", "When does the store open ?", "What are your opening hours ?",
                    "I want to visit your shop in {CITY} , when are you open ?", "When do you open ?"),
            List.of("Where is my order {ORDER} ?", "Can you track order {ORDER} ?", "What is the status of {ORDER} ?",
                    "My order has not arrived yet", "I want to check my order", "Has order {ORDER} been shipped ?",
                    "Where is my parcel ?", "I ordered something and it is late , order {ORDER}"),
            List.of("How much is the {PRODUCT} ?", "What does the {PRODUCT} cost ?", "price of the {PRODUCT} please",
                    "How much do you charge for a {PRODUCT} ?", "I would like to know the price of the {PRODUCT}",
                    "How much is it ?", "What is the price ?"),
            List.of("Can I return the {PRODUCT} ?", "How do I return a {PRODUCT} ?", "Can I return it ?",
                    "What is your return policy for the {PRODUCT} ?", "I want to give back the {PRODUCT}",
                    "Can I bring the {PRODUCT} back ?", "Can I still return it ?"));

    private static final Pattern SLOT = Pattern.compile("\\{(CITY|PRODUCT|ORDER)}");

    /** A user turn with its gold annotation and the gold reply. */
    public record Turn(List<String> tokens, String intent, List<String> tags, String reply) {
        public Frame frame() {
            return Frame.of(intent, tokens, tags);
        }
    }

    public record Dialogue(List<Turn> turns) {
    }

    /** Training and test conversations over disjoint values, and the table that knows all values. */
    public record Corpus(List<Dialogue> train, List<Dialogue> test, KnowledgeTable table) {
    }

    /** The values one side of the split may use. */
    private record Values(List<String> cities, List<String> products, List<String> orders) {
    }

    private ServiceDialogues() {
    }

    /** {@code trainSize} and {@code testSize} conversations; the same seed always gives the same corpus. */
    public static Corpus generate(int trainSize, int testSize, long seed) {
        var random = new SplittableRandom(seed);
        List<List<String>> cities = NerCorpus.halves(CITIES, random), products = NerCorpus.halves(PRODUCTS, random);
        List<String> trainOrders = orders(60, random), testOrders = orders(60, random);
        testOrders.removeAll(trainOrders);
        var everyOrder = new ArrayList<>(trainOrders);
        everyOrder.addAll(testOrders);
        var table = new KnowledgeTable(CITIES, PRODUCTS, everyOrder, seed + 1);
        var trainValues = new Values(cities.get(0), products.get(0), trainOrders);
        var testValues = new Values(cities.get(1), products.get(1), testOrders);
        var train = new ArrayList<Dialogue>();
        var test = new ArrayList<Dialogue>();
        for (int i = 0; i < trainSize; i++) train.add(dialogue(trainValues, table, random));
        for (int i = 0; i < testSize; i++) test.add(dialogue(testValues, table, random));
        return new Corpus(train, test, table);
    }

    /** One conversation: optional greeting, a goal (asked for its slot if missing), an optional follow-up, optional goodbye. */
    private static Dialogue dialogue(Values values, KnowledgeTable table, SplittableRandom random) {
        var state = new DialogueState(table);
        var turns = new ArrayList<Turn>();
        if (random.nextInt(2) == 0) turns.add(turn("greet", values, null, random, state));
        String goal = INTENTS.get(3 + random.nextInt(4));
        String slot = DialogueState.REQUIRED.get(goal);
        Turn first = turn(goal, values, null, random, state);
        turns.add(first);
        if (!first.frame().slots().containsKey(slot)) turns.add(turn("inform", values, slot, random, state));
        switch (random.nextInt(3)) {
            case 0 -> turns.add(turn("inform", values, slot, random, state));                       // another value, same task
            case 1 -> {
                if (goal.equals("product_price") || goal.equals("return_policy")) {                  // the product carries over
                    turns.add(turnWithoutSlot(goal.equals("product_price") ? "return_policy" : "product_price", values, random, state));
                }
            }
            default -> {
            }
        }
        if (random.nextInt(2) == 0) turns.add(turn("goodbye", values, null, random, state));
        return new Dialogue(turns);
    }

    /** A turn of {@code intent}; for {@code inform}, one that gives {@code slot}. */
    private static Turn turn(String intent, Values values, String slot, SplittableRandom random, DialogueState state) {
        List<String> templates = TEMPLATES.get(INTENTS.indexOf(intent));
        if (slot != null) templates = templates.stream().filter(t -> t.contains("{" + slot + "}")).toList();
        return fill(intent, templates.get(random.nextInt(templates.size())), values, random, state);
    }

    private static Turn turnWithoutSlot(String intent, Values values, SplittableRandom random, DialogueState state) {
        List<String> templates = TEMPLATES.get(INTENTS.indexOf(intent)).stream().filter(t -> !t.contains("{")).toList();
        return fill(intent, templates.get(random.nextInt(templates.size())), values, random, state);
    }

    /** The template's words with each slot replaced by a random value of its type, tagged B-/I-; the reply from the state. */
    private static Turn fill(String intent, String template, Values values, SplittableRandom random, DialogueState state) {
        var tokens = new ArrayList<String>();
        var tags = new ArrayList<String>();
        for (String word : template.split(" ")) {
            Matcher slot = SLOT.matcher(word);
            if (!slot.matches()) {
                tokens.add(word);
                tags.add("O");
                continue;
            }
            String type = slot.group(1);
            List<String> choices = switch (type) {
                case "CITY" -> values.cities();
                case "PRODUCT" -> values.products();
                default -> values.orders();
            };
            List<String> valueTokens = Frame.tokens(choices.get(random.nextInt(choices.size())));
            for (int i = 0; i < valueTokens.size(); i++) {
                tokens.add(valueTokens.get(i));
                tags.add((i == 0 ? "B-" : "I-") + type);
            }
        }
        String reply = state.reply(Frame.of(intent, tokens, tags));
        return new Turn(List.copyOf(tokens), intent, List.copyOf(tags), reply);
    }

    /** {@code count} distinct order numbers like {@code K4821}: a capital letter and four digits. */
    private static List<String> orders(int count, SplittableRandom random) {
        var out = new ArrayList<String>();
        while (out.size() < count) {
            String order = String.format(Locale.ROOT, "%c%04d", (char) ('A' + random.nextInt(26)), random.nextInt(10_000));
            if (!out.contains(order)) out.add(order);
        }
        return out;
    }
}
