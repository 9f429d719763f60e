package exercises.unit01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jgrad.micro.Neuron;
import jgrad.micro.Value;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of the unit 1 exercise. The reference is jgrad's own scalar engine,
 * {@link jgrad.micro.Value}: each test builds the same expression in both engines and compares
 * gradients. Tasks 1 and 2 also check against central finite differences.
 *
 * <p>The single-operation tests (tasks 1 and 2) call {@link StudentValue#runBackwardStep()} on one
 * result with a random upstream gradient, so they grade one backward step without needing the
 * {@code backward()} of task 3. Task 3 builds graphs from the given operations only (sub, exp,
 * relu), so it does not need tasks 1 and 2.
 */
class MicrogradTest {
    /**
     * Both engines use the same formulas in double precision; an equivalent formula written
     * differently (say 1/cosh² for tanh') differs by a few ulps, far below this.
     */
    private static final double TOLERANCE = 1e-9;
    /**
     * Central differences with step {@value #STEP} err by about STEP² (truncation) plus
     * 1e-16/STEP (rounding), so about 1e-10 here; a wrong formula misses by the size of the
     * gradient itself.
     */
    private static final double STEP = 1e-6;
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

    // ---- task 1: the backward steps of add and mul --------------------------------------------

    @Test
    @Tag("task1")
    void addBackwardStepMatchesJgrad() {
        checkBinaryStepAgainstJgrad("a + b", StudentValue::add, Value::add, new Random(11));
    }

    @Test
    @Tag("task1")
    void mulBackwardStepMatchesJgrad() {
        checkBinaryStepAgainstJgrad("a * b", StudentValue::mul, Value::mul, new Random(12));
    }

    @Test
    @Tag("task1")
    void addAndMulMatchFiniteDifferences() {
        var random = new Random(13);
        for (int trial = 0; trial < 10; trial++) {
            double a = random.nextGaussian() * 2, b = random.nextGaussian() * 2, upstream = randomUpstream(random);
            checkBinaryStepAgainstFiniteDifferences("a + b", StudentValue::add, a, b, upstream);
            checkBinaryStepAgainstFiniteDifferences("a * b", StudentValue::mul, a, b, upstream);
        }
    }

    @Test
    @Tag("task1")
    void aValueUsedTwiceGetsTheGradientOfBothUses() {
        double a = 1.5, upstream = 0.7;
        var x = new StudentValue(a);
        runStep(x.add(x), upstream);
        assertClose(2 * upstream, x.grad(),
                describe("a + a", "a", a, upstream) + " (both operands are the same value: its grad must receive both contributions, so use +=)");

        var y = new StudentValue(a);
        runStep(y.mul(y), upstream);
        assertClose(2 * a * upstream, y.grad(),
                describe("a * a", "a", a, upstream) + " (d(a·a)/da = a + a: each use adds its share)");
    }

    @Test
    @Tag("task1")
    void backwardStepsAddToGradsAlreadyThere() {
        // b is also used elsewhere, which has already put 0.25 into its grad.
        double a = -0.5, b = 2.0, upstream = 1.5, earlier = 0.25;
        var x = new StudentValue(a);
        var y = new StudentValue(b);
        y.setGrad(earlier);
        runStep(x.mul(y), upstream);
        assertClose(earlier + a * upstream, y.grad(),
                describe("a * b", "b", a, b, upstream) + " with b.grad already " + earlier + " (add to it, do not overwrite it)");
        assertClose(b * upstream, x.grad(), describe("a * b", "a", a, b, upstream));
    }

    // ---- task 2: the backward steps of tanh and pow -------------------------------------------

    @Test
    @Tag("task2")
    void tanhBackwardStepMatchesJgrad() {
        var random = new Random(21);
        for (int trial = 0; trial < 20; trial++) {
            double a = random.nextGaussian() * 1.5, upstream = randomUpstream(random);
            checkUnaryStepAgainstJgrad("tanh(a)", StudentValue::tanh, Value::tanh, a, upstream);
        }
    }

    @Test
    @Tag("task2")
    void powBackwardStepMatchesJgrad() {
        var random = new Random(22);
        for (double p : new double[] {2, 3, -1, 0.5, -2.5, 1, 0}) {
            for (int trial = 0; trial < 5; trial++) {
                double a = p == Math.rint(p) ? nonZero(random.nextGaussian() * 2) : 0.1 + 3 * random.nextDouble();
                double upstream = randomUpstream(random);
                checkUnaryStepAgainstJgrad("a^" + p, x -> x.pow(p), x -> x.pow(p), a, upstream);
            }
        }
    }

    @Test
    @Tag("task2")
    void tanhAndPowMatchFiniteDifferences() {
        var random = new Random(23);
        for (int trial = 0; trial < 10; trial++) {
            double a = 0.2 + 2 * random.nextDouble(), upstream = randomUpstream(random);
            checkUnaryStepAgainstFiniteDifferences("tanh(a)", StudentValue::tanh, a, upstream);
            checkUnaryStepAgainstFiniteDifferences("a^3", x -> x.pow(3), a, upstream);
            checkUnaryStepAgainstFiniteDifferences("a^-0.5", x -> x.pow(-0.5), a, upstream);
        }
    }

    @Test
    @Tag("task2")
    void tanhAndPowStepsAddToGradsAlreadyThere() {
        double a = 0.8, upstream = 2.0;
        var x = new StudentValue(a);
        runStep(x.tanh(), upstream);
        runStep(x.pow(2), upstream);
        double tanh = Math.tanh(a);
        assertClose((1 - tanh * tanh) * upstream + 2 * a * upstream, x.grad(),
                "a = " + a + " used by tanh(a) and a^2, both with upstream grad " + upstream
                        + ": a.grad must be the sum of both contributions (use +=)");
    }

    // ---- task 3: topological order and backward -----------------------------------------------

    @Test
    @Tag("task3")
    void topologicalOrderListsEveryValueOnceAfterItsChildren() {
        var random = new Random(31);
        for (int trial = 0; trial < 20; trial++) {
            var graph = RandomGraph.build(random);
            List<StudentValue> order = graph.studentRoot().topologicalOrder();
            assertNotNull(order, "topologicalOrder() returned null");
            Set<StudentValue> reachable = reachableFrom(graph.studentRoot());
            assertEquals(reachable.size(), order.size(),
                    "number of values in the order of\n" + graph.description() + "(each reachable value exactly once)");
            Map<StudentValue, Integer> position = new IdentityHashMap<>();
            for (int i = 0; i < order.size(); i++) {
                StudentValue node = order.get(i);
                assertTrue(reachable.contains(node), "the order of\n" + graph.description() + "lists a value that root does not depend on, at position " + i);
                if (position.put(node, i) != null) {
                    fail("the order of\n" + graph.description() + "lists the value at position " + i + " twice: " + node);
                }
            }
            for (StudentValue node : order) {
                for (StudentValue child : node.children()) {
                    assertTrue(position.get(child) < position.get(node),
                            "in the order of\n" + graph.description() + "the value at position " + position.get(node)
                                    + " (op " + node.op() + ") comes before its child at position " + position.get(child));
                }
            }
            assertSame(graph.studentRoot(), order.getLast(), "the last value in the order of\n" + graph.description() + "must be root itself");
        }
    }

    @Test
    @Tag("task3")
    void backwardMatchesJgradOnRandomGraphs() {
        var random = new Random(32);
        for (int trial = 0; trial < 30; trial++) {
            var graph = RandomGraph.build(random);
            graph.studentRoot().backward();
            graph.jgradRoot().backward();
            assertClose(1.0, graph.studentRoot().grad(), "root.grad after root.backward() (d root / d root) for\n" + graph.description());
            for (int i = 0; i < graph.studentNodes().size(); i++) {
                assertClose(graph.jgradNodes().get(i).grad(), graph.studentNodes().get(i).grad(),
                        "d root / d v" + i + " after root.backward() for\n" + graph.description());
            }
        }
    }

    @Test
    @Tag("task3")
    void backwardAddsUpEveryPathToAValueUsedTwice() {
        // d = a - b is used twice: out = exp(d) - d, so d out/d a = exp(d) - 1 and d out/d b = 1 - exp(d)
        double a = 1.25, b = 0.5;
        var x = new StudentValue(a);
        var y = new StudentValue(b);
        var d = x.sub(y);
        var out = d.exp().sub(d);
        out.backward();
        String input = "out = exp(d) - d with d = a - b, a = " + a + ", b = " + b;
        assertClose(Math.exp(a - b) - 1, d.grad(), input + ": d.grad must sum both uses of d");
        assertClose(Math.exp(a - b) - 1, x.grad(), input + ": a.grad");
        assertClose(1 - Math.exp(a - b), y.grad(), input + ": b.grad");
    }

    @Test
    @Tag("task3")
    void backwardWorksOnAChainOf200000Operations() {
        // x_{k+1} = x_k - c: the chain is 200000 deep, and c is used 200000 times.
        int length = 200_000;
        var start = new StudentValue(3.0);
        var c = new StudentValue(0.5);
        StudentValue x = start;
        for (int k = 0; k < length; k++) {
            x = x.sub(c);
        }
        try {
            x.backward();
        } catch (StackOverflowError e) {
            fail("backward() overflowed the call stack on a chain of " + length
                    + " operations: walk the graph with an explicit stack instead of recursion");
        }
        assertClose(1.0, start.grad(), "d x_n / d x_0 for the chain x_{k+1} = x_k - c of length " + length);
        assertClose(-length, c.grad(), "d x_n / d c for the chain x_{k+1} = x_k - c of length " + length + " (c is used " + length + " times)");
    }

    // ---- task 4: a neuron ---------------------------------------------------------------------

    @Test
    @Tag("task4")
    void neuronForwardMatchesJgradNeuron() {
        var random = new Random(41);
        for (int trial = 0; trial < 20; trial++) {
            int inputs = 1 + random.nextInt(6);
            boolean nonlinear = trial % 2 == 0;
            var reference = new Neuron(inputs, nonlinear, new Random(trial));
            List<Value> parameters = reference.parameters();   // the weights, then the bias
            parameters.getLast().setData(random.nextGaussian() * 0.5);
            double[] x = random.doubles(inputs, -2, 2).toArray();

            double expected = reference.forward(Arrays.stream(x).mapToObj(Value::new).toList()).data();
            var neuron = new StudentNeuron(
                    parameters.subList(0, inputs).stream().map(w -> new StudentValue(w.data())).toList(),
                    new StudentValue(parameters.getLast().data()), nonlinear);
            StudentValue out = neuron.forward(leaves(x));

            assertNotNull(out, "StudentNeuron.forward returned null");
            String input = String.format(Locale.ROOT, "%s neuron with weights %s, bias %.6f, inputs %s",
                    nonlinear ? "relu" : "linear", parameters.subList(0, inputs).stream().map(Value::data).toList(),
                    parameters.getLast().data(), Arrays.toString(x));
            assertClose(expected, out.data(), input);
        }
    }

    @Test
    @Tag("task4")
    void neuronForwardBuildsAGraphThatReachesEveryWeightTheBiasAndEveryInput() {
        var weights = leaves(new double[] {0.5, -1.0, 2.0});
        var bias = new StudentValue(0.1);
        var x = leaves(new double[] {1.0, 2.0, -0.5});
        StudentValue out = new StudentNeuron(weights, bias, true).forward(x);
        assertNotNull(out, "StudentNeuron.forward returned null");
        Set<StudentValue> reachable = reachableFrom(out);
        for (int i = 0; i < weights.size(); i++) {
            assertTrue(reachable.contains(weights.get(i)), "the output does not depend on weight " + i
                    + ": build it with add and mul on the given StudentValues, so backward() can reach them");
            assertTrue(reachable.contains(x.get(i)), "the output does not depend on input " + i
                    + ": build it with add and mul on the given StudentValues, so backward() can reach them");
        }
        assertTrue(reachable.contains(bias), "the output does not depend on the bias: start the sum from it");
    }

    @Test
    @Tag("task4")
    void neuronForwardRejectsAWrongNumberOfInputs() {
        var neuron = new StudentNeuron(leaves(new double[] {0.5, -1.0}), new StudentValue(0.0), false);
        assertThrows(IllegalArgumentException.class, () -> neuron.forward(leaves(new double[] {1.0, 2.0, 3.0})),
                "forward of a neuron with 2 weights on 3 inputs");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void checkBinaryStepAgainstJgrad(String expression, BinaryOperator<StudentValue> studentOp,
                                                    BinaryOperator<Value> jgradOp, Random random) {
        for (int trial = 0; trial < 20; trial++) {
            double a = random.nextGaussian() * 2, b = random.nextGaussian() * 2, upstream = randomUpstream(random);
            // jgrad: L = upstream · f(a, b), so dL/da = upstream · ∂f/∂a
            var ja = new Value(a);
            var jb = new Value(b);
            jgradOp.apply(ja, jb).mul(upstream).backward();

            var sa = new StudentValue(a);
            var sb = new StudentValue(b);
            runStep(studentOp.apply(sa, sb), upstream);
            assertClose(ja.grad(), sa.grad(), describe(expression, "a", a, b, upstream));
            assertClose(jb.grad(), sb.grad(), describe(expression, "b", a, b, upstream));
        }
    }

    private static void checkBinaryStepAgainstFiniteDifferences(String expression, BinaryOperator<StudentValue> op,
                                                                double a, double b, double upstream) {
        var sa = new StudentValue(a);
        var sb = new StudentValue(b);
        runStep(op.apply(sa, sb), upstream);
        double numericA = upstream * (op.apply(new StudentValue(a + STEP), new StudentValue(b)).data()
                - op.apply(new StudentValue(a - STEP), new StudentValue(b)).data()) / (2 * STEP);
        double numericB = upstream * (op.apply(new StudentValue(a), new StudentValue(b + STEP)).data()
                - op.apply(new StudentValue(a), new StudentValue(b - STEP)).data()) / (2 * STEP);
        assertEquals(numericA, sa.grad(), FINITE_DIFFERENCE_TOLERANCE * Math.max(1, Math.abs(numericA)),
                describe(expression, "a", a, b, upstream) + " vs central differences");
        assertEquals(numericB, sb.grad(), FINITE_DIFFERENCE_TOLERANCE * Math.max(1, Math.abs(numericB)),
                describe(expression, "b", a, b, upstream) + " vs central differences");
    }

    private static void checkUnaryStepAgainstJgrad(String expression, UnaryOperator<StudentValue> studentOp,
                                                   UnaryOperator<Value> jgradOp, double a, double upstream) {
        var ja = new Value(a);
        jgradOp.apply(ja).mul(upstream).backward();
        var sa = new StudentValue(a);
        runStep(studentOp.apply(sa), upstream);
        assertClose(ja.grad(), sa.grad(), describe(expression, "a", a, upstream));
    }

    private static void checkUnaryStepAgainstFiniteDifferences(String expression, UnaryOperator<StudentValue> op,
                                                               double a, double upstream) {
        var sa = new StudentValue(a);
        runStep(op.apply(sa), upstream);
        double numeric = upstream * (op.apply(new StudentValue(a + STEP)).data()
                - op.apply(new StudentValue(a - STEP)).data()) / (2 * STEP);
        assertEquals(numeric, sa.grad(), FINITE_DIFFERENCE_TOLERANCE * Math.max(1, Math.abs(numeric)),
                describe(expression, "a", a, upstream) + " vs central differences");
    }

    /** Gives {@code out} an upstream gradient and runs its own backward step only. */
    private static void runStep(StudentValue out, double upstream) {
        assertNotNull(out, "the operation returned null");
        out.setGrad(upstream);
        out.runBackwardStep();
    }

    private static String describe(String expression, String wrt, double a, double b, double upstream) {
        return String.format(Locale.ROOT, "grad of %s after the backward step of out = %s with a = %.6f, b = %.6f, out.grad = %.6f",
                wrt, expression, a, b, upstream);
    }

    private static String describe(String expression, String wrt, double a, double upstream) {
        return String.format(Locale.ROOT, "grad of %s after the backward step of out = %s with a = %.6f, out.grad = %.6f",
                wrt, expression, a, upstream);
    }

    private static void assertClose(double expected, double actual, String message) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), message);
    }

    /** A random upstream gradient, never 1, so that a step that ignores out.grad is caught. */
    private static double randomUpstream(Random random) {
        return (random.nextBoolean() ? 1 : -1) * (0.3 + 2 * random.nextDouble());
    }

    private static double nonZero(double x) {
        return Math.abs(x) < 0.1 ? x + 0.5 : x;
    }

    private static List<StudentValue> leaves(double[] values) {
        return Arrays.stream(values).mapToObj(StudentValue::new).toList();
    }

    /** Every value {@code root} depends on, itself included, by identity (found without recursion). */
    private static Set<StudentValue> reachableFrom(StudentValue root) {
        Set<StudentValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var stack = new ArrayDeque<StudentValue>();
        stack.push(root);
        while (!stack.isEmpty()) {
            StudentValue node = stack.pop();
            if (seen.add(node)) {
                node.children().forEach(stack::push);
            }
        }
        return seen;
    }

    /**
     * The same random expression built in both engines from the operations StudentValue is given
     * (sub, exp, relu), node by node: v0..v3 are leaves, each later node applies one operation to
     * earlier nodes (often the same one twice), and the root is the last node.
     */
    private record RandomGraph(List<StudentValue> studentNodes, List<Value> jgradNodes, String description) {
        private static final int LEAVES = 4;

        static RandomGraph build(Random random) {
            var student = new ArrayList<StudentValue>();
            var jgrad = new ArrayList<Value>();
            var description = new StringBuilder();
            for (int i = 0; i < LEAVES; i++) {
                double data = random.nextGaussian();
                student.add(new StudentValue(data));
                jgrad.add(new Value(data));
                description.append(String.format(Locale.ROOT, "  v%d = %.6f%n", i, data));
            }
            int operations = 3 + random.nextInt(12);
            for (int k = 0; k < operations; k++) {
                int n = student.size();
                int i = n - 1 - random.nextInt(Math.min(n, 4));   // mostly recent nodes, so the graph is deep
                int j = random.nextInt(n);
                int choice = random.nextInt(3);
                if (choice == 1 && Math.abs(student.get(i).data()) > 3) {
                    choice = 0;   // keep exp's results moderate
                }
                switch (choice) {
                    case 0 -> {
                        student.add(student.get(i).sub(student.get(j)));
                        jgrad.add(jgrad.get(i).sub(jgrad.get(j)));
                        description.append(String.format(Locale.ROOT, "  v%d = v%d - v%d%n", n, i, j));
                    }
                    case 1 -> {
                        student.add(student.get(i).exp());
                        jgrad.add(jgrad.get(i).exp());
                        description.append(String.format(Locale.ROOT, "  v%d = exp(v%d)%n", n, i));
                    }
                    default -> {
                        student.add(student.get(i).relu());
                        jgrad.add(jgrad.get(i).relu());
                        description.append(String.format(Locale.ROOT, "  v%d = relu(v%d)%n", n, i));
                    }
                }
            }
            description.append("  root = v").append(student.size() - 1).append('\n');
            return new RandomGraph(student, jgrad, description.toString());
        }

        StudentValue studentRoot() {
            return studentNodes.getLast();
        }

        Value jgradRoot() {
            return jgradNodes.getLast();
        }
    }
}
