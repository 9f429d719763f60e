package jgrad.examples.dialogue;

import jgrad.Tensor;
import jgrad.data.Dataset;
import jgrad.models.JointIntentSlotModel;
import jgrad.optim.Adam;
import jgrad.optim.ClipGrad;
import jgrad.text.WordVocabulary;
import jgrad.train.EntityScores;
import jgrad.train.Progress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The customer-service assistant: trains a {@link JointIntentSlotModel} on generated conversations,
 * scores it on held-out conversations whose cities, products and order numbers never occur in
 * training, then either plays some of those conversations ({@code scripted}) or chats on the terminal
 * ({@code chat}).
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.dialogue.CustomerService -Djgrad.args="scripted 4"
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.dialogue.CustomerService -Djgrad.args="chat 4"
 * </pre>
 * Arguments: the mode ({@code scripted} or {@code chat}, default {@code scripted}), the training
 * epochs (default 4), and the checkpoint of the generative fallback {@link FaqGenerator} (default
 * {@code runs/customer-service/faq-generator.safetensors}; trained and written there on first use, which
 * takes minutes; {@code none} turns the fallback off).
 *
 * <p>Scores: intent accuracy and whole-frame accuracy (intent and every slot value right) per user
 * turn, entity-level slot F1 (conlleval), and task success per conversation: every reply of the
 * assistant equals the reply that the gold intents and slots give.
 */
public final class CustomerService {

    /** Held-out scores. */
    public record Scores(double intentAccuracy, double slotF1, double frameAccuracy, double taskSuccess, int turns, int dialogues) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "intent accuracy %.1f%%, slot F1 %.1f, frame accuracy %.1f%% (%d user turns); "
                    + "task success %.1f%% (%d conversations)", 100 * intentAccuracy, 100 * slotF1, 100 * frameAccuracy, turns,
                    100 * taskSuccess, dialogues);
        }
    }

    private CustomerService() {
    }

    /** Trains on the user turns of {@code dialogues} (Adam 5e-3, clipping at 5) and returns the model. */
    public static JointIntentSlotModel train(List<ServiceDialogues.Dialogue> dialogues, int epochs, int batchSize, long seed,
                                             boolean progress) {
        List<ServiceDialogues.Turn> turns = dialogues.stream().flatMap(d -> d.turns().stream()).toList();
        var vocabulary = WordVocabulary.build(turns.stream().map(t -> String.join(" ", t.tokens())).toList(), 1, 10_000);
        var random = new SplittableRandom(seed);
        var model = new JointIntentSlotModel(vocabulary, ServiceDialogues.INTENTS, ServiceDialogues.SLOT_TAGS, 32, 48, 0.3, random);
        var optimizer = new Adam(model.parameters(), 5e-3);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            int[] order = Dataset.permutation(turns.size(), random);
            Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), "epoch " + epoch + "/" + epochs,
                    Math.ceilDiv(order.length, batchSize)) : null;
            for (int first = 0; first < order.length; first += batchSize) {
                var batch = new ArrayList<ServiceDialogues.Turn>();
                for (int i = first; i < Math.min(order.length, first + batchSize); i++) batch.add(turns.get(order[i]));
                optimizer.zeroGrad();
                Tensor loss = model.loss(batch.stream().map(ServiceDialogues.Turn::tokens).toList(),
                        batch.stream().mapToInt(t -> ServiceDialogues.INTENTS.indexOf(t.intent())).toArray(),
                        batch.stream().map(ServiceDialogues.Turn::tags).toList());
                loss.backward();
                ClipGrad.clipGradNorm(model.parameters(), 5.0);
                optimizer.step();
                if (bar != null) bar.step(loss.item());
            }
        }
        return model;
    }

    /** Plays every conversation with the model's parses through a fresh {@link DialogueState} and scores it. */
    public static Scores evaluate(JointIntentSlotModel model, List<ServiceDialogues.Dialogue> dialogues, KnowledgeTable table) {
        List<ServiceDialogues.Turn> turns = dialogues.stream().flatMap(d -> d.turns().stream()).toList();
        var parses = new ArrayList<JointIntentSlotModel.Parse>();
        for (int first = 0; first < turns.size(); first += 128) {
            parses.addAll(model.parse(turns.subList(first, Math.min(turns.size(), first + 128)).stream()
                    .map(ServiceDialogues.Turn::tokens).toList()));
        }
        var slots = new EntityScores();
        int rightIntents = 0, rightFrames = 0, successes = 0, next = 0;
        for (ServiceDialogues.Dialogue dialogue : dialogues) {
            var state = new DialogueState(table);
            boolean success = true;
            for (ServiceDialogues.Turn turn : dialogue.turns()) {
                JointIntentSlotModel.Parse parse = parses.get(next++);
                Frame frame = Frame.of(parse.intent(), turn.tokens(), parse.slotTags());
                slots.add(turn.tags(), parse.slotTags());
                rightIntents += parse.intent().equals(turn.intent()) ? 1 : 0;
                rightFrames += frame.equals(turn.frame()) ? 1 : 0;
                success &= state.reply(frame).equals(turn.reply());
            }
            successes += success ? 1 : 0;
        }
        return new Scores((double) rightIntents / turns.size(), slots.f1(), (double) rightFrames / turns.size(),
                (double) successes / dialogues.size(), turns.size(), dialogues.size());
    }

    /**
     * The assistant's side of one turn with an FAQ in front: a general question that the retriever
     * answers ("Do you ship abroad?") gets the FAQ's answer and leaves the state alone; anything else
     * (the retriever below its threshold or nearest to its {@code task} key) goes to the slot-filling path.
     */
    public static String respond(JointIntentSlotModel model, FaqRetriever faq, DialogueState state, String utterance) {
        return respond(model, faq, null, state, utterance);
    }

    /**
     * As {@link #respond(JointIntentSlotModel, FaqRetriever, DialogueState, String)}, with the generative
     * fallback between the two: a general question the retriever refuses (nearest to an FAQ entry, but
     * below its threshold) is answered by {@code generator} when its gate lets the answer through, again
     * without touching the state. {@code generator} may be null (no fallback).
     */
    public static String respond(JointIntentSlotModel model, FaqRetriever faq, FaqGenerator generator, DialogueState state,
                                 String utterance) {
        return generalAnswer(faq, generator, utterance).orElseGet(() -> respond(model, state, utterance));
    }

    /** The answer to a general question, from the FAQ or else from the gated generator, or empty for the slot-filling path. */
    public static Optional<String> generalAnswer(FaqRetriever faq, FaqGenerator generator, String utterance) {
        FaqRetriever.Hit hit = faq.retrieve(utterance);
        if (hit.answer().isPresent() || generator == null || !hit.faqLike()) return hit.answer();
        return generator.answer(utterance);
    }

    /**
     * Counts of general answers given to questions, against what each question should get ({@code ""}: no
     * general answer), and how many questions the FAQ refused as general ones and so handed to the generator.
     */
    public record GeneralAnswers(int right, int wrong, int passedOn, int askedGenerator) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d right, %d wrong, %d passed on to the slot-filling path (%d handed to the generator)", right,
                    wrong, passedOn, askedGenerator);
        }
    }

    /** {@link #generalAnswer} on each of {@code questions}, scored against {@code expected}. */
    public static GeneralAnswers generalAnswers(FaqRetriever faq, FaqGenerator generator, List<String> questions, List<String> expected) {
        int right = 0, wrong = 0, passedOn = 0, asked = 0;
        for (int i = 0; i < questions.size(); i++) {
            FaqRetriever.Hit hit = faq.retrieve(questions.get(i));
            asked += generator != null && hit.answer().isEmpty() && hit.faqLike() ? 1 : 0;
            Optional<String> answer = generalAnswer(faq, generator, questions.get(i));
            if (answer.isEmpty()) passedOn++;
            else if (answer.get().equals(expected.get(i))) right++;
            else wrong++;
        }
        return new GeneralAnswers(right, wrong, passedOn, asked);
    }

    /**
     * Task success when every user turn goes through {@link #respond(JointIntentSlotModel, FaqRetriever,
     * FaqGenerator, DialogueState, String)} as text: the share of conversations whose every reply is the gold
     * one. Equal to {@link #evaluate}'s task success when the FAQ and the generator take no assistant turn.
     */
    public static double taskSuccessThroughRespond(JointIntentSlotModel model, FaqRetriever faq, FaqGenerator generator,
                                                   List<ServiceDialogues.Dialogue> dialogues, KnowledgeTable table) {
        int successes = 0;
        for (ServiceDialogues.Dialogue dialogue : dialogues) {
            var state = new DialogueState(table);
            boolean success = true;
            for (ServiceDialogues.Turn turn : dialogue.turns()) {
                success &= respond(model, faq, generator, state, String.join(" ", turn.tokens())).equals(turn.reply());
            }
            successes += success ? 1 : 0;
        }
        return (double) successes / dialogues.size();
    }

    /** The assistant's side of one turn: parse the utterance, update the state, reply. */
    public static String respond(JointIntentSlotModel model, DialogueState state, String utterance) {
        List<String> tokens = Frame.tokens(utterance);
        if (tokens.isEmpty()) return "Sorry, I did not catch that.";
        JointIntentSlotModel.Parse parse = model.parse(List.of(tokens)).get(0);
        return state.reply(Frame.of(parse.intent(), tokens, parse.slotTags()));
    }

    /**
     * The test of the fallback: on {@link DistantParaphrases} (held-out questions rewritten with unseen
     * synonyms, reordering and typing errors, none equal to a question the generator was trained or gated
     * on), the FAQ alone against the FAQ followed by the gated generator: how many of the FAQ's abstentions
     * the generator turns into right answers and how many into wrong ones.
     */
    static void printDistantParaphrases(FaqRetriever faq, FaqGenerator generator, FaqParaphrases.Split examples) {
        var seen = new java.util.HashSet<String>();
        examples.train().forEach(x -> seen.add(x.question()));
        examples.validation().forEach(x -> seen.add(x.question()));
        List<DistantParaphrases.Question> distant = DistantParaphrases.generate(DISTANT_PER_PROBE, seen, 3);
        List<String> questions = distant.stream().map(DistantParaphrases.Question::text).toList();
        List<String> answers = distant.stream().map(q -> FaqRetriever.FAQ.get(q.entry()).answer()).toList();
        GeneralAnswers alone = generalAnswers(faq, null, questions, answers), both = generalAnswers(faq, generator, questions, answers);
        System.out.printf(Locale.ROOT, "distant paraphrases (%d: unseen synonyms, reordered clauses, typing errors, e.g. \"%s\"):%n"
                + "  FAQ alone: %s%n  FAQ then gated generator: %s%n  the generator turned %d of the FAQ's %d abstentions into right answers and %d "
                + "into wrong ones%n", questions.size(), questions.get(0), alone, both, both.right() - alone.right(), alone.passedOn(),
                both.wrong() - alone.wrong());
        var refused = new ArrayList<String>();
        var refusedAnswers = new ArrayList<String>();
        for (int i = 0; i < questions.size(); i++) {
            if (faq.retrieve(questions.get(i)).answer().isEmpty()) {
                refused.add(questions.get(i));
                refusedAnswers.add(answers.get(i));
            }
        }
        List<FaqGenerator.Generated> ungated = generator.generate(refused);
        long exact = java.util.stream.IntStream.range(0, refused.size()).filter(i -> ungated.get(i).text().equals(refusedAnswers.get(i))).count();
        System.out.printf(Locale.ROOT, "  the generator asked all %d questions the FAQ refused, whatever their nearest key: exactly right %d "
                + "without the gate; gated %s%n", refused.size(), exact, generator.tally(refused, refusedAnswers));
    }

    /** Rewritten questions per held-out paraphrase in {@link #printDistantParaphrases}. */
    static final int DISTANT_PER_PROBE = 4;

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "scripted";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String generatorFile = args.length > 2 ? args[2] : "runs/customer-service/faq-generator.safetensors";
        if (!mode.equals("scripted") && !mode.equals("chat")) {
            System.err.println("CustomerService: mode must be scripted or chat, got '" + mode + "'");
            System.exit(2);
        }
        var corpus = ServiceDialogues.generate(1500, 300, 42);
        System.out.printf(Locale.ROOT, "%d training and %d test conversations; test cities, products and order numbers never occur in training%n",
                corpus.train().size(), corpus.test().size());
        long start = System.nanoTime();
        JointIntentSlotModel model = train(corpus.train(), epochs, 32, 1, true);
        System.out.printf(Locale.ROOT, "trained in %.1f s%nheld-out: %s%n", (System.nanoTime() - start) / 1e9,
                evaluate(model, corpus.test(), corpus.table()));
        List<String> taskTurns = FaqRetriever.utterances(corpus.train().subList(0, 300));
        FaqRetriever faq = FaqRetriever.train(taskTurns, 32, 200, 0.5, 1);
        List<String> testTurns = FaqRetriever.utterances(corpus.test());
        System.out.printf(Locale.ROOT, "FAQ: held-out paraphrases answered right %.1f%%, off-topic questions refused %.1f%%, "
                        + "held-out assistant turns taken by the FAQ %.1f%%%n", 100 * faq.heldOutAccuracy(), 100 * faq.offTopicRejection(),
                100 * faq.capturedShare(testTurns));
        FaqGenerator generator = null;
        if (!generatorFile.equals("none")) {
            Path file = Path.of(generatorFile);
            System.out.println(java.nio.file.Files.isRegularFile(file) ? "answer generator: reading " + file
                    : "answer generator: training it once (" + FaqGenerator.STEPS + " steps, minutes), then saved to " + file);
            start = System.nanoTime();
            FaqParaphrases.Split examples = FaqGenerator.examples(corpus);
            generator = FaqGenerator.loadOrTrain(file, examples, true);
            System.out.printf(Locale.ROOT, "answer generator ready in %.1f s, confidence threshold %.3f%n", (System.nanoTime() - start) / 1e9,
                    generator.threshold());
            List<String> questions = FaqRetriever.HELD_OUT.stream().map(FaqRetriever.Probe::question).toList();
            List<String> answers = FaqRetriever.HELD_OUT.stream().map(p -> FaqRetriever.FAQ.get(p.entry()).answer()).toList();
            List<String> none = FaqRetriever.OFF_TOPIC.stream().map(q -> "").toList();
            System.out.printf(Locale.ROOT, "held-out paraphrases (%d): FAQ alone %s; FAQ then generator %s; generator alone, gated: %s%n",
                    questions.size(), generalAnswers(faq, null, questions, answers), generalAnswers(faq, generator, questions, answers),
                    generator.tally(questions, answers));
            List<String> misspelt = FaqParaphrases.withTypos(questions, 5);
            System.out.printf(Locale.ROOT, "the same with one typing error each (\"%s\", ...): FAQ alone %s; FAQ then generator %s; "
                            + "generator alone, gated: %s%n", misspelt.get(0), generalAnswers(faq, null, misspelt, answers),
                    generalAnswers(faq, generator, misspelt, answers), generator.tally(misspelt, answers));
            printDistantParaphrases(faq, generator, examples);
            System.out.printf(Locale.ROOT, "off-topic questions (%d): FAQ then generator %s%n", none.size(),
                    generalAnswers(faq, generator, FaqRetriever.OFF_TOPIC, none));
            System.out.printf(Locale.ROOT, "held-out assistant turns (%d): FAQ then generator %s%n", testTurns.size(),
                    generalAnswers(faq, generator, testTurns, testTurns.stream().map(q -> "").toList()));
            System.out.printf(Locale.ROOT, "task success with every turn through respond: FAQ in front %.1f%%, FAQ and generator in front %.1f%%%n",
                    100 * taskSuccessThroughRespond(model, faq, null, corpus.test(), corpus.table()),
                    100 * taskSuccessThroughRespond(model, faq, generator, corpus.test(), corpus.table()));
        }
        if (mode.equals("scripted")) {
            for (ServiceDialogues.Dialogue dialogue : corpus.test().subList(0, 5)) {
                var state = new DialogueState(corpus.table());
                System.out.println();
                for (ServiceDialogues.Turn turn : dialogue.turns()) {
                    String utterance = String.join(" ", turn.tokens());
                    System.out.println("customer:  " + utterance);
                    String reply = respond(model, faq, generator, state, utterance);
                    System.out.println("assistant: " + reply + (reply.equals(turn.reply()) ? "" : "   [expected: " + turn.reply() + "]"));
                }
            }
            System.out.println();
            for (FaqRetriever.Probe probe : FaqRetriever.HELD_OUT.subList(0, 4)) {
                System.out.println("customer:  " + probe.question());
                System.out.println("assistant: " + respond(model, faq, generator, new DialogueState(corpus.table()), probe.question()));
            }
            return;
        }
        System.out.println("\nAsk about store hours (cities such as " + String.join(", ", ServiceDialogues.CITIES.subList(0, 4))
                + "), an order (e.g. K4821), a product's price or returns, or a general question (delivery, payment, gift cards). An empty line ends, 'new' starts a new conversation.");
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var state = new DialogueState(corpus.table());
        for (String line; (line = in.readLine()) != null && !line.isBlank(); ) {
            if (line.strip().equalsIgnoreCase("new")) {
                state = new DialogueState(corpus.table());
                continue;
            }
            System.out.println("assistant: " + respond(model, faq, generator, state, line));
        }
    }
}
