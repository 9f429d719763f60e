package jgrad.recsys;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.Init;
import jgrad.nn.Module;

import java.util.random.RandomGenerator;

/**
 * Matrix factorisation for implicit feedback: a user vector p_u and an item vector q_i of
 * {@code dim} numbers each, and an item bias b_i, give the logit of "u picks i"
 * <pre>
 *   score(u, i) = ⟨p_u, q_i⟩ + b_i            P(u picks i) = σ(score)
 * </pre>
 * (Koren, Bell and Volinsky, 2009; trained here with negative sampling, see {@link ImplicitTraining}).
 * Input: {@code (B, 2)} int64 rows {@code [user, item]}; output: logits {@code (B)}.
 * Vectors start at N(0, 0.1²), biases at 0.
 */
public final class MatrixFactorization extends Module {
    private final Embedding users;
    private final Embedding items;
    private final Embedding itemBias;

    public MatrixFactorization(int userCount, int itemCount, int dim, RandomGenerator generator) {
        users = registerModule("user", new Embedding(userCount, dim, -1, generator));
        items = registerModule("item", new Embedding(itemCount, dim, -1, generator));
        itemBias = registerModule("item_bias", new Embedding(itemCount, 1, -1, generator));
        try (var ignored = Grad.noGrad()) {
            Init.normal_(users.weight(), 0, 0.1, generator);
            Init.normal_(items.weight(), 0, 0.1, generator);
            itemBias.weight().zero_();
        }
    }

    @Override
    public Tensor forward(Tensor pairs) {
        Tensor user = Pairs.users(pairs), item = Pairs.items(pairs);
        Tensor dot = users.forward(user).mul(items.forward(item)).sum(-1);     // (B, d) ⊙ (B, d) -> (B)
        return dot.add(itemBias.forward(item).squeeze(-1));
    }
}
