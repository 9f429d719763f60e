package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers worked by hand from the definitions; the layout is sklearn's (its documentation prints this very example). */
class ClassificationReportTest {

    private static ConfusionMatrix matrix(int classes, int[] actual, int[] predicted) {
        var matrix = new ConfusionMatrix(classes);
        for (int i = 0; i < actual.length; i++) matrix.add(actual[i], predicted[i]);
        return matrix;
    }

    @Test
    void sklearnsDocumentationExampleByHand() {
        // y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1]
        var report = ClassificationReport.of(matrix(3, new int[] {0, 1, 2, 2, 2}, new int[] {0, 0, 2, 2, 1}),
                List.of("class 0", "class 1", "class 2"));
        // class 0: TP 1, FP 1 (the 1 predicted as 0), FN 0 -> P 1/2, R 1, F1 2/3
        assertThat(report.classes().get(0).precision()).isEqualTo(0.5);
        assertThat(report.classes().get(0).f1()).isCloseTo(2 / 3.0, within(1e-15));
        // class 1: never right -> 0, 0, 0 (zero_division = 0)
        assertThat(report.classes().get(1).f1()).isEqualTo(0.0);
        // class 2: TP 2, FP 0, FN 1 -> P 1, R 2/3, F1 0.8
        assertThat(report.classes().get(2).recall()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(report.classes().get(2).f1()).isCloseTo(0.8, within(1e-15));
        // macro: (1/2 + 0 + 1) / 3 = 0.5, (1 + 0 + 2/3) / 3 = 5/9, (2/3 + 0 + 4/5) / 3 = 22/45
        assertThat(report.macro().recall()).isCloseTo(5 / 9.0, within(1e-15));
        assertThat(report.macro().f1()).isCloseTo(22 / 45.0, within(1e-15));
        // weighted by support 1, 1, 3 of 5: P (1/2 + 0 + 3) / 5 = 0.7, R = accuracy = 3/5, F1 (2/3 + 12/5) / 5 = 46/75
        assertThat(report.weighted().precision()).isCloseTo(0.7, within(1e-15));
        assertThat(report.weighted().recall()).isCloseTo(report.accuracy(), within(1e-15)).isCloseTo(0.6, within(1e-15));
        assertThat(report.weighted().f1()).isCloseTo(46 / 75.0, within(1e-15));
        assertThat(report.toString()).isEqualTo("""
                              precision    recall  f1-score   support

                     class 0       0.50      1.00      0.67         1
                     class 1       0.00      0.00      0.00         1
                     class 2       1.00      0.67      0.80         3

                    accuracy                           0.60         5
                   macro avg       0.50      0.56      0.49         5
                weighted avg       0.70      0.60      0.61         5
                """);
    }

    @Test
    void longNamesWidenTheFirstColumnAndDigitsAreHonoured() {
        var report = ClassificationReport.of(matrix(2, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}),
                List.of("computers-and-science", "x"));
        // class 0: P 1, R 1/2, F1 2/3; class 1: P 2/3, R 1, F1 4/5
        String text = report.format(3);
        assertThat(text.lines().toList()).containsExactly(
                "                       precision    recall  f1-score   support",
                "",
                "computers-and-science      1.000     0.500     0.667         2",
                "                    x      0.667     1.000     0.800         2",
                "",
                "             accuracy                          0.750         4",
                "            macro avg      0.833     0.750     0.733         4",
                "         weighted avg      0.833     0.750     0.733         4");
    }

    /** Python rounds the exact binary value half to even: 0.125 -> "0.12", 0.375 -> "0.38"; String.format would give 0.13. */
    @Test
    void roundingFollowsPythonNotJavaFormat() {
        assertThat(ClassificationReport.decimal(0.125, 2)).isEqualTo("0.12");
        assertThat(ClassificationReport.decimal(0.375, 2)).isEqualTo("0.38");
        assertThat(ClassificationReport.decimal(2 / 3.0, 4)).isEqualTo("0.6667");
        // 2.675 is stored as 2.67499999999999982...: below the half, so down (Java's %.2f says 2.68)
        assertThat(ClassificationReport.decimal(2.675, 2)).isEqualTo("2.67");
        // precision 1/8 in a report
        int[] actual = {0, 1, 1, 1, 1, 1, 1, 1};
        int[] predicted = {0, 0, 0, 0, 0, 0, 0, 0};
        var report = ClassificationReport.of(matrix(2, actual, predicted));
        assertThat(report.toString()).contains("           0       0.12      1.00      0.22         1");
    }

    @Test
    void namesMustMatchTheClasses() {
        assertThatThrownBy(() -> ClassificationReport.of(new ConfusionMatrix(3), List.of("a", "b")))
                .hasMessageContaining("2 names for 3 classes");
    }
}
