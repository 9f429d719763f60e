package jgrad.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.function.DoublePredicate;

/**
 * Typed values with their ranges, for picocli's {@code converter = ...}: picocli puts the option's
 * name in front of the message, so {@code --epochs 0} reads
 * "Invalid value for option '--epochs': 0 is not a count of at least 1".
 */
public final class Checks {
    private Checks() {
    }

    /** A whole number in {@code [min, max]}; {@code expected} completes "VALUE is not ...". */
    abstract static class WholeNumber implements ITypeConverter<Integer> {
        private final long min;
        private final long max;
        private final String expected;

        WholeNumber(long min, long max, String expected) {
            this.min = min;
            this.max = max;
            this.expected = expected;
        }

        @Override
        public Integer convert(String value) {
            return (int) check(value);
        }

        long check(String value) {
            long n;
            try {
                n = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n < min || n > max) {
                throw new TypeConversionException(value + " is not " + expected);
            }
            return n;
        }
    }

    /** A real number that passes {@code valid}; {@code expected} completes "VALUE is not ...". */
    abstract static class RealNumber implements ITypeConverter<Double> {
        private final DoublePredicate valid;
        private final String expected;

        RealNumber(DoublePredicate valid, String expected) {
            this.valid = valid;
            this.expected = expected;
        }

        @Override
        public Double convert(String value) {
            double x;
            try {
                x = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number");
            }
            if (!valid.test(x)) {
                throw new TypeConversionException(value + " is not " + expected);
            }
            return x;
        }
    }

    /** A count such as {@code --epochs} or {@code --batch}: an integer of at least 1. */
    public static final class Count extends WholeNumber {
        public Count() {
            super(1, Integer.MAX_VALUE, "a count of at least 1");
        }
    }

    /** A size that may be zero ({@code --sample 0} samples nothing). */
    public static final class NonNegative extends WholeNumber {
        public NonNegative() {
            super(0, Integer.MAX_VALUE, "a whole number of at least 0");
        }
    }

    /** A port: 0 (any free port) to 65535. */
    public static final class Port extends WholeNumber {
        public Port() {
            super(0, 65_535, "a port in 0..65535");
        }
    }

    /** A long count such as environment steps: at least 1. */
    public static final class LongCount implements ITypeConverter<Long> {
        private final WholeNumber range = new WholeNumber(1, Long.MAX_VALUE, "a count of at least 1") { };

        @Override
        public Long convert(String value) {
            return range.check(value);
        }
    }

    /** A rate such as {@code --lr}: a finite number above 0 ("Infinity" and "NaN" parse, but train nothing). */
    public static final class Rate extends RealNumber {
        public Rate() {
            super(x -> x > 0 && Double.isFinite(x), "a finite number above 0");
        }
    }

    /** A weight or a duration: a finite number of at least 0. */
    public static final class NonNegativeNumber extends RealNumber {
        public NonNegativeNumber() {
            super(x -> x >= 0 && Double.isFinite(x), "a finite number of at least 0");
        }
    }

    /** A probability such as {@code --dropout}: at least 0 and below 1. */
    public static final class Probability extends RealNumber {
        public Probability() {
            super(x -> x >= 0 && x < 1, "a probability in [0, 1)");
        }
    }
}
