package jgrad.examples.dialogue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the assistant knows, looked up by slot value (case ignored): opening hours per city, price and
 * return window per product, delivery status per order number. Generated from a seed, so the same
 * seed always gives the same table.
 */
public final class KnowledgeTable {
    private static final List<String> HOURS = List.of("8:00 to 20:00", "9:00 to 18:00", "9:30 to 19:00", "10:00 to 21:00", "7:30 to 22:00");
    private static final List<String> STATUSES = List.of("was shipped yesterday", "is being packed", "was delivered on Monday",
            "is out for delivery today", "is waiting for the courier");

    private final Map<String, String> hours = new HashMap<>();
    private final Map<String, Integer> prices = new HashMap<>();
    private final Map<String, Integer> returnDays = new HashMap<>();
    private final Map<String, String> orders = new HashMap<>();

    /** A table covering every given city, product and order number. */
    public KnowledgeTable(List<String> cities, List<String> products, List<String> orderNumbers, long seed) {
        var random = new SplittableRandom(seed);
        for (String city : cities) hours.put(key(city), HOURS.get(random.nextInt(HOURS.size())));
        for (String product : products) {
            prices.put(key(product), 5 * (2 + random.nextInt(60)));
            returnDays.put(key(product), List.of(14, 30, 60).get(random.nextInt(3)));
        }
        for (String order : orderNumbers) orders.put(key(order), STATUSES.get(random.nextInt(STATUSES.size())));
    }

    public Optional<String> hours(String city) {
        return Optional.ofNullable(hours.get(key(city)));
    }

    public Optional<Integer> price(String product) {
        return Optional.ofNullable(prices.get(key(product)));
    }

    public Optional<Integer> returnDays(String product) {
        return Optional.ofNullable(returnDays.get(key(product)));
    }

    public Optional<String> orderStatus(String order) {
        return Optional.ofNullable(orders.get(key(order)));
    }

    private static String key(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
