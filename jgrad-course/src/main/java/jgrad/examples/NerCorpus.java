package jgrad.examples;

import jgrad.data.Conll;
import jgrad.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated named-entity corpus: sentence templates with slots for people ({@code PER}), places
 * ({@code LOC}) and organisations ({@code ORG}) filled with real names from word lists, tagged in BIO.
 * Every list is split in two before any sentence is made: training sentences use only the first part
 * and test sentences only the second, so no test entity ever occurs in training and the score
 * measures whether a tagger learned to recognise names from context and shape, not to remember them.
 *
 * <pre>{@code
 * var corpus = NerCorpus.generate(2000, 500, 42);
 * corpus.train().get(0);    // Sentence([Angela, Schmidt, visited, Lagos, ...], [B-PER, I-PER, O, B-LOC, ...])
 * }</pre>
 */
public final class NerCorpus {

    /** The BIO tags, O first. */
    public static final List<String> TAGS = List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG");

    static final List<String> FIRST_NAMES = List.of("Angela", "Pedro", "Aisha", "Kenji", "Olga", "Samuel", "Fatima", "Lars",
            "Mei", "Carlos", "Ingrid", "Ahmed", "Sofia", "Ravi", "Elena", "Tomas", "Amara", "Hiroshi", "Chloe", "Dmitri",
            "Lucia", "Kwame", "Nadia", "Pablo", "Greta", "Omar", "Priya", "Jonas", "Yuki", "Mateo", "Zanele", "Viktor",
            "Leila", "Hamza", "Marta", "Felix", "Anya", "Diego", "Helga", "Tariq");
    static final List<String> LAST_NAMES = List.of("Schmidt", "Okafor", "Tanaka", "Ivanova", "Haddad", "Nielsen", "Chen",
            "Rodriguez", "Kowalski", "Mensah", "Rossi", "Nakamura", "Petrov", "Silva", "Dubois", "Johansson", "Khan",
            "Moreau", "Novak", "Osei", "Fischer", "Yamamoto", "Garcia", "Lindqvist", "Mbeki", "Costa", "Horvat",
            "Andersen", "Suzuki", "Bianchi", "Kumar", "Walsh", "Eriksen", "Romano", "Adeyemi", "Keller", "Sato", "Lopez",
            "Varga", "Murphy");
    static final List<String> PLACES = List.of("Paris", "Lagos", "Tokyo", "Berlin", "Lima", "Nairobi", "Oslo", "Cairo",
            "Madrid", "Hanoi", "Toronto", "Warsaw", "Dublin", "Santiago", "Mumbai", "Vienna", "Accra", "Lisbon",
            "New York", "Buenos Aires", "Hong Kong", "Cape Town", "Kuala Lumpur", "San Francisco", "Rio de Janeiro",
            "Brazil", "Kenya", "Japan", "Norway", "Canada", "Egypt", "Peru", "Vietnam", "Ireland", "Portugal", "Ghana",
            "South Africa", "New Zealand", "Sri Lanka", "United Kingdom", "Costa Rica", "Saudi Arabia", "Mexico", "Chile");
    static final List<String> ORGANISATIONS = List.of("United Nations", "World Bank", "Red Cross", "Greenpeace", "Toyota",
            "Siemens", "Microsoft", "Reuters", "FIFA", "NASA", "UNESCO", "Interpol", "Nokia", "Samsung", "Airbus",
            "Oxford University", "Harvard University", "European Commission", "World Health Organization", "Amnesty International",
            "Volkswagen", "Philips", "Unilever", "Nestle", "Shell", "General Electric", "Deutsche Bank", "Sony",
            "International Monetary Fund", "Doctors Without Borders", "Bank of Japan", "Goldman Sachs", "BBC", "Al Jazeera",
            "Ericsson", "Heineken", "Lufthansa", "IKEA", "Boeing", "Tata Motors",
            "NATO", "UNICEF", "OPEC", "IBM", "BMW", "CNN", "Intel", "Pfizer", "Adidas", "Nike", "Oracle", "Fiat",
            "Renault", "Honda", "Bayer", "Novartis", "Canon", "Panasonic", "Ferrari", "Vodafone",
            "World Trade Organization", "Bank of England", "Federal Reserve", "African Union", "Human Rights Watch",
            "Save the Children", "Stanford University", "Royal Dutch Shell", "Bank of America", "Air France");

    /** Templates; {@code {PER}}, {@code {LOC}}, {@code {ORG}} are slots, {@code {NUM}} a number, tokens separated by spaces. */
    static final List<String> TEMPLATES = List.of(
            "{PER} visited {LOC} last week .",
            "{ORG} opened a new office in {LOC} .",
            "{PER} , a spokesman for {ORG} , said the talks would continue .",
            "The meeting between {PER} and {PER} took place in {LOC} .",
            "Shares of {ORG} rose {NUM} percent on Monday .",
            "{PER} was born in {LOC} in {NUM} .",
            "According to {ORG} , prices in {LOC} fell sharply .",
            "{PER} joined {ORG} in {NUM} .",
            "Flights from {LOC} to {LOC} were cancelled because of the storm .",
            "{ORG} said {PER} would lead the new team .",
            "In {LOC} , {PER} met officials from {ORG} .",
            "{PER} told reporters in {LOC} that {ORG} had agreed to the deal .",
            "Police in {LOC} arrested {NUM} people on Friday .",
            "{ORG} and {ORG} signed an agreement worth {NUM} million dollars .",
            "The minister flew to {LOC} to meet {PER} .",
            "{PER} won the race ahead of {PER} .",
            "Thousands of people marched through {LOC} on Sunday .",
            "{ORG} reported a loss of {NUM} million in the third quarter .",
            "A report by {ORG} warned that {LOC} faces a drought .",
            "Our correspondent {PER} reports from {LOC} .",
            "{PER} has been appointed chief executive of {ORG} .",
            "Talks in {LOC} ended without an agreement , {PER} said .",
            "The company moved its headquarters from {LOC} to {LOC} .",
            "Fans greeted {PER} at the airport .",
            "It was the first time that {ORG} had held its meeting in {LOC} .");

    private static final Pattern SLOT = Pattern.compile("\\{(PER|LOC|ORG|NUM)}");

    /** Training and test sentences whose entities come from disjoint halves of the word lists. */
    public record Corpus(List<Conll.Sentence> train, List<Conll.Sentence> test) {
    }

    private NerCorpus() {
    }

    /** {@code trainSize} and {@code testSize} sentences; the same seed always gives the same corpus. */
    public static Corpus generate(int trainSize, int testSize, long seed) {
        var random = new SplittableRandom(seed);
        List<List<String>>[] halves = new List[] {
                halves(FIRST_NAMES, random), halves(LAST_NAMES, random), halves(PLACES, random), halves(ORGANISATIONS, random)};
        var train = new ArrayList<Conll.Sentence>();
        var test = new ArrayList<Conll.Sentence>();
        for (int i = 0; i < trainSize; i++) train.add(sentence(halves, 0, random));
        for (int i = 0; i < testSize; i++) test.add(sentence(halves, 1, random));
        return new Corpus(train, test);
    }

    /** The list shuffled and cut in two (first half, second half). */
    public static List<List<String>> halves(List<String> list, SplittableRandom random) {
        int[] order = Dataset.permutation(list.size(), random);
        List<String> shuffled = Arrays.stream(order).mapToObj(list::get).toList();
        return List.of(shuffled.subList(0, list.size() / 2), shuffled.subList(list.size() / 2, list.size()));
    }

    private static Conll.Sentence sentence(List<List<String>>[] halves, int part, SplittableRandom random) {
        String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        var tokens = new ArrayList<String>();
        var tags = new ArrayList<String>();
        Matcher matcher = SLOT.matcher(template);
        int previous = 0;
        while (matcher.find()) {
            addOutside(template.substring(previous, matcher.start()), tokens, tags);
            String slot = matcher.group(1);
            if (slot.equals("NUM")) {
                tokens.add(String.valueOf(random.nextInt(2, 2030)));
                tags.add("O");
            } else {
                addEntity(fill(slot, halves, part, random), slot, tokens, tags);
            }
            previous = matcher.end();
        }
        addOutside(template.substring(previous), tokens, tags);
        return new Conll.Sentence(tokens, tags);
    }

    private static String fill(String slot, List<List<String>>[] halves, int part, SplittableRandom random) {
        return switch (slot) {
            case "PER" -> {
                String first = pick(halves[0].get(part), random), last = pick(halves[1].get(part), random);
                int form = random.nextInt(4);   // full name most often, sometimes one name alone
                yield form == 0 ? last : form == 1 ? first : first + " " + last;
            }
            case "LOC" -> pick(halves[2].get(part), random);
            default -> pick(halves[3].get(part), random);
        };
    }

    private static String pick(List<String> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    private static void addOutside(String text, List<String> tokens, List<String> tags) {
        for (String token : text.trim().split(" +")) {
            if (!token.isEmpty()) {
                tokens.add(token);
                tags.add("O");
            }
        }
    }

    private static void addEntity(String name, String type, List<String> tokens, List<String> tags) {
        String[] words = name.split(" ");
        for (int i = 0; i < words.length; i++) {
            tokens.add(words[i]);
            tags.add((i == 0 ? "B-" : "I-") + type);
        }
    }
}
