package jgrad.examples;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Dates as people write them, paired with their ISO form: {@code "3rd of March 2021"} →
 * {@code "2021-03-03"}. Every calendar day of 1950–2049 can be written in each {@link Format}, in
 * its own case, all lower case or all upper case.
 *
 * <p>Numeric formats put the <b>day first</b> (the European convention: {@code 03/04/2021} is the 3rd of
 * April), and a two-digit year {@code yy} means 19yy for 50–99 and 20yy for 00–49, which the range
 * makes unambiguous.
 *
 * <p>The days are split once, from a seed, into training and held-out days: a held-out day never
 * appears in training in any format, so exact match on it measures whether the model learned to
 * read dates rather than to remember them.
 *
 * <pre>{@code
 * var dates = new HumanDates(0.1, 1);
 * dates.sample(true, new SplittableRandom(7));   // e.g. Pair[human=12 FEB 1987, iso=1987-02-12]
 * }</pre>
 */
public final class HumanDates {
    public static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2049, 12, 31);
    /** Every character any format writes, in any case. */
    public static final String ALPHABET = " ,-./0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** One human-written date and its ISO form {@code yyyy-mm-dd}. */
    public record Pair(String human, String iso) {
    }

    /** A way of writing a date, with how it writes Wednesday 3 March 2021. */
    public enum Format {
        ORDINAL_OF("3rd of March 2021", d -> dayOrdinal(d) + " of " + month(d) + " " + d.getYear()),
        THE_ORDINAL_OF("the 3rd of March, 2021", d -> "the " + dayOrdinal(d) + " of " + month(d) + ", " + d.getYear()),
        MONTH_DAY_YEAR("March 3, 2021", d -> month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
        MONTH_ORDINAL_YEAR("March 3rd, 2021", d -> month(d) + " " + dayOrdinal(d) + ", " + d.getYear()),
        WEEKDAY_MONTH_DAY_YEAR("Wednesday, March 3, 2021",
                d -> weekday(d) + ", " + month(d) + " " + d.getDayOfMonth() + ", " + d.getYear()),
        DAY_MONTH_YEAR("3 March 2021", d -> d.getDayOfMonth() + " " + month(d) + " " + d.getYear()),
        DAY_SHORT_MONTH_YEAR("3 Mar 2021", d -> d.getDayOfMonth() + " " + shortMonth(d) + " " + d.getYear()),
        SHORT_WEEKDAY_DAY_SHORT_MONTH_YEAR("Wed 3 Mar 2021",
                d -> weekday(d).substring(0, 3) + " " + d.getDayOfMonth() + " " + shortMonth(d) + " " + d.getYear()),
        SHORT_MONTH_DAY_YEAR("Mar 3 2021", d -> shortMonth(d) + " " + d.getDayOfMonth() + " " + d.getYear()),
        DASHED_DAY_SHORT_MONTH_YEAR("03-Mar-2021", d -> twoDigits(d.getDayOfMonth()) + "-" + shortMonth(d) + "-" + d.getYear()),
        SLASHED_DAY_MONTH_YEAR("03/03/2021",
                d -> twoDigits(d.getDayOfMonth()) + "/" + twoDigits(d.getMonthValue()) + "/" + d.getYear()),
        SLASHED_SHORT_YEAR("3/3/21", d -> d.getDayOfMonth() + "/" + d.getMonthValue() + "/" + twoDigits(d.getYear() % 100)),
        DOTTED_DAY_MONTH_YEAR("3.3.2021", d -> d.getDayOfMonth() + "." + d.getMonthValue() + "." + d.getYear()),
        UNPADDED_ISO("2021-3-3", d -> d.getYear() + "-" + d.getMonthValue() + "-" + d.getDayOfMonth());

        /** How this format writes {@link #EXAMPLE_DATE}; a test holds each format to it. */
        public final String example;
        private final Function<LocalDate, String> writer;

        Format(String example, Function<LocalDate, String> writer) {
            this.example = example;
            this.writer = writer;
        }

        public String write(LocalDate date) {
            return writer.apply(date);
        }
    }

    /** The date every {@link Format#example} shows. */
    public static final LocalDate EXAMPLE_DATE = LocalDate.of(2021, 3, 3);

    private final List<LocalDate> training;
    private final List<LocalDate> heldOut;

    /** Splits the days of 1950–2049 at random (from {@code seed}): {@code heldOutFraction} of them held out. */
    public HumanDates(double heldOutFraction, long seed) {
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("HumanDates: heldOutFraction must be in (0, 1), got " + heldOutFraction);
        }
        List<LocalDate> days = new ArrayList<>(FIRST.datesUntil(LAST.plusDays(1)).toList());
        Collections.shuffle(days, new Random(seed));
        int held = (int) Math.round(heldOutFraction * days.size());
        heldOut = List.copyOf(days.subList(0, held));
        training = List.copyOf(days.subList(held, days.size()));
    }

    public List<LocalDate> heldOutDays() {
        return heldOut;
    }

    public List<LocalDate> trainingDays() {
        return training;
    }

    /** A random day of the chosen split, written in a random format and case. */
    public Pair sample(boolean fromHeldOut, RandomGenerator random) {
        List<LocalDate> days = fromHeldOut ? heldOut : training;
        return write(days.get(random.nextInt(days.size())), random);
    }

    /** {@code date} in a random format and case, with its ISO form. */
    public static Pair write(LocalDate date, RandomGenerator random) {
        Format[] formats = Format.values();
        String human = formats[random.nextInt(formats.length)].write(date);
        human = switch (random.nextInt(3)) {
            case 0 -> human;
            case 1 -> human.toLowerCase(Locale.ROOT);
            default -> human.toUpperCase(Locale.ROOT);
        };
        return new Pair(human, date.toString());
    }

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
    private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private static String month(LocalDate date) {
        return MONTHS[date.getMonthValue() - 1];
    }

    private static String shortMonth(LocalDate date) {
        return month(date).substring(0, 3);
    }

    private static String weekday(LocalDate date) {
        return WEEKDAYS[date.getDayOfWeek().getValue() - 1];
    }

    private static String twoDigits(int value) {
        return String.format(Locale.ROOT, "%02d", value);
    }

    /** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st, 22nd, 23rd, …, 31st. */
    private static String dayOrdinal(LocalDate date) {
        int day = date.getDayOfMonth();
        String suffix = day >= 11 && day <= 13 ? "th" : switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return day + suffix;
    }
}
