package jgrad.examples.dialogue;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one conversation: the task the customer is on and every slot value heard so far. Each
 * turn's {@link Frame} updates it, and the reply comes from the state, not from the turn alone:
 * <ul>
 *   <li>a task intent ({@code store_hours}, {@code order_status}, {@code product_price}, {@code return_policy})
 *       becomes the current task; {@code inform} ("in Lyon", "what about the kettle?") keeps it;</li>
 *   <li>slot values overwrite older values of the same slot and stay for later turns, so "Can I return
 *       it?" after a question about the kettle is about the kettle;</li>
 *   <li>if the task's slot is still unknown, the assistant asks for it; otherwise it answers from the
 *       {@link KnowledgeTable}.</li>
 * </ul>
 */
public final class DialogueState {
    /** The slot each task needs. */
    static final Map<String, String> REQUIRED = Map.of("store_hours", "CITY", "order_status", "ORDER",
            "product_price", "PRODUCT", "return_policy", "PRODUCT");

    private final KnowledgeTable table;
    private final Map<String, String> slots = new TreeMap<>();
    private String task;

    public DialogueState(KnowledgeTable table) {
        this.table = table;
    }

    /** Updates the state with one user turn and returns the assistant's reply. */
    public String reply(Frame frame) {
        slots.putAll(frame.slots());
        switch (frame.intent()) {
            case "greet" -> {
                return "Hello! How can I help you?";
            }
            case "goodbye" -> {
                return "Thank you for contacting us. Goodbye!";
            }
            case "inform" -> {
                if (task == null) return "How can I help you?";
            }
            default -> {
                if (!REQUIRED.containsKey(frame.intent())) {
                    throw new IllegalArgumentException("DialogueState: unknown intent '" + frame.intent() + "'");
                }
                task = frame.intent();
            }
        }
        String value = slots.get(REQUIRED.get(task));
        if (value == null) return question(task);
        return answer(task, value);
    }

    /** The current task, or null before the first task intent. */
    public String task() {
        return task;
    }

    /** The slot values heard so far. */
    public Map<String, String> slots() {
        return Map.copyOf(slots);
    }

    private static String question(String task) {
        return switch (task) {
            case "store_hours" -> "Which city is the store in?";
            case "order_status" -> "What is your order number?";
            default -> "Which product do you mean?";
        };
    }

    private String answer(String task, String value) {
        return switch (task) {
            case "store_hours" -> table.hours(value).map(h -> "Our " + value + " store is open from " + h + ".")
                    .orElse("Sorry, we have no store in " + value + ".");
            case "order_status" -> table.orderStatus(value).map(s -> "Order " + value + " " + s + ".")
                    .orElse("Sorry, I cannot find order " + value + ".");
            case "product_price" -> table.price(value).map(p -> "The " + value + " costs " + p + " euros.")
                    .orElse("Sorry, we do not sell a " + value + ".");
            default -> table.returnDays(value).map(d -> "You can return the " + value + " within " + d + " days with the receipt.")
                    .orElse("Sorry, we do not sell a " + value + ".");
        };
    }
}
