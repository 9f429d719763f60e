package jgrad.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;

import jgrad.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/**
 * The scalar engine and the tensor engine are two implementations of the same calculus: the
 * same expression built in both must give the same value and the same gradients (the way
 * micrograd's own test compares itself with PyTorch).
 */
class ValueMatchesTensorTest {

    /** Both engines agree to rounding: they do the same float64 operations in the same order. */
    private static final double TOLERANCE = 1e-12;

    /** An expression over three inputs, written once against an abstract set of operations. */
    private interface Ops<T> {
        T add(T a, T b);
        T mul(T a, T b);
        T div(T a, T b);
        T pow(T a, double p);
        T exp(T a);
        T log(T a);
        T tanh(T a);
        T relu(T a);
        T neg(T a);
        T sub(T a, T b);
    }

    private static <T> T expression(Ops<T> ops, T a, T b, T c) {
        T ab = ops.mul(a, b);
        T first = ops.tanh(ops.add(ab, ops.pow(c, 2)));
        T second = ops.div(ops.exp(ops.neg(ops.relu(ops.sub(a, c)))), ops.log(ops.add(ops.pow(b, 2), c)));
        return ops.add(ops.mul(first, second), ops.relu(ops.mul(ab, c)));
    }

    private static final Ops<Value> VALUE_OPS = new Ops<>() {
        public Value add(Value a, Value b) { return a.add(b); }
        public Value mul(Value a, Value b) { return a.mul(b); }
        public Value div(Value a, Value b) { return a.div(b); }
        public Value pow(Value a, double p) { return a.pow(p); }
        public Value exp(Value a) { return a.exp(); }
        public Value log(Value a) { return a.log(); }
        public Value tanh(Value a) { return a.tanh(); }
        public Value relu(Value a) { return a.relu(); }
        public Value neg(Value a) { return a.neg(); }
        public Value sub(Value a, Value b) { return a.sub(b); }
    };

    private static final Ops<Tensor> TENSOR_OPS = new Ops<>() {
        public Tensor add(Tensor a, Tensor b) { return a.add(b); }
        public Tensor mul(Tensor a, Tensor b) { return a.mul(b); }
        public Tensor div(Tensor a, Tensor b) { return a.div(b); }
        public Tensor pow(Tensor a, double p) { return a.pow(p); }
        public Tensor exp(Tensor a) { return a.exp(); }
        public Tensor log(Tensor a) { return a.log(); }
        public Tensor tanh(Tensor a) { return a.tanh(); }
        public Tensor relu(Tensor a) { return a.relu(); }
        public Tensor neg(Tensor a) { return a.neg(); }
        public Tensor sub(Tensor a, Tensor b) { return a.sub(b); }
    };

    @Property(tries = 200)
    void valueAndGradientsMatchTheTensorEngine(
            @ForAll @DoubleRange(min = -2, max = 2) double a,
            @ForAll @DoubleRange(min = -2, max = 2) double b,
            @ForAll @DoubleRange(min = 0.5, max = 2) double c) {
        // c > 0.5 and b^2 + c > 1 keep log's argument away from 1 (a zero denominator) and from 0
        net.jqwik.api.Assume.that(b * b + c > 1.05 && Math.abs(a - c) > 1e-3 && Math.abs(a * b * c) > 1e-3);

        List<Value> values = List.of(new Value(a), new Value(b), new Value(c));
        Value valueOut = expression(VALUE_OPS, values.get(0), values.get(1), values.get(2));
        valueOut.backward();

        Function<Double, Tensor> leaf = v -> Tensor.scalar(v, jgrad.DType.FLOAT64).requiresGrad(true);
        List<Tensor> tensors = List.of(leaf.apply(a), leaf.apply(b), leaf.apply(c));
        Tensor tensorOut = expression(TENSOR_OPS, tensors.get(0), tensors.get(1), tensors.get(2));
        tensorOut.backward();

        assertThat(valueOut.data()).isCloseTo(tensorOut.item(), within(TOLERANCE));
        for (int i = 0; i < 3; i++) {
            assertThat(values.get(i).grad())
                    .as("d out / d input %d", i)
                    .isCloseTo(tensors.get(i).grad().item(), within(TOLERANCE));
        }
    }
}
