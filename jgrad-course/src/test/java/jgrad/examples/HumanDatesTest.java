package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HumanDatesTest {

    @Test
    void everyFormatWritesTheThirdOfMarch2021AsItsExampleSays() {
        for (HumanDates.Format format : HumanDates.Format.values()) {
            assertThat(format.write(HumanDates.EXAMPLE_DATE)).as("format %s", format).isEqualTo(format.example);
        }
    }

    @Test
    void ordinalsNumericFormatsAndTwoDigitYearsFollowTheStatedConventions() {
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 1))).isEqualTo("1st of December 1999");
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 2))).isEqualTo("2nd of December 1999");
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 11))).isEqualTo("11th of December 1999");
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 12))).isEqualTo("12th of December 1999");
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 13))).isEqualTo("13th of December 1999");
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 22))).isEqualTo("22nd of December 1999");
        assertThat(HumanDates.Format.ORDINAL_OF.write(LocalDate.of(1999, 12, 31))).isEqualTo("31st of December 1999");
        // day first: 4 February, not April 2
        assertThat(HumanDates.Format.SLASHED_DAY_MONTH_YEAR.write(LocalDate.of(1950, 2, 4))).isEqualTo("04/02/1950");
        assertThat(HumanDates.Format.SLASHED_SHORT_YEAR.write(LocalDate.of(1950, 2, 4))).isEqualTo("4/2/50");
        assertThat(HumanDates.Format.SLASHED_SHORT_YEAR.write(LocalDate.of(2049, 2, 4))).isEqualTo("4/2/49");
    }

    @Test
    void heldOutAndTrainingDaysPartitionTheCentury() {
        var dates = new HumanDates(0.1, 3);
        var training = new HashSet<>(dates.trainingDays());
        long days = HumanDates.FIRST.datesUntil(HumanDates.LAST.plusDays(1)).count();
        assertThat(dates.heldOutDays()).as("held-out days found in training").noneMatch(training::contains);
        assertThat(dates.heldOutDays().size() + training.size()).isEqualTo((int) days);
        assertThat(dates.heldOutDays().size()).isEqualTo((int) Math.round(0.1 * days));
        assertThat(new HumanDates(0.1, 3).heldOutDays()).as("same seed, same split").isEqualTo(dates.heldOutDays());
    }

    @Test
    void samplesUseOnlyTheAlphabetAndPairWithTheirIsoDate() {
        var dates = new HumanDates(0.1, 3);
        var random = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            HumanDates.Pair pair = dates.sample(i % 2 == 0, random);
            assertThat(pair.human().chars()).as("characters of '%s'", pair.human()).allMatch(c -> HumanDates.ALPHABET.indexOf(c) >= 0);
            assertThat(LocalDate.parse(pair.iso())).isBetween(HumanDates.FIRST, HumanDates.LAST);
        }
    }
}
