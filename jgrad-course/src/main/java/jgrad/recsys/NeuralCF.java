package jgrad.recsys;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.Init;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Neural collaborative filtering, NeuMF (He et al., 2017): two pairs of embeddings feed two branches,
 * <pre>
 *   gmf = p_u ⊙ q_i                                  (B, d)   generalised matrix factorisation
 *   mlp = MLP([p'_u ; q'_i])                         (B, h)   ReLU layers, widths hidden[0], hidden[1], ...
 *   score(u, i) = w · [gmf ; mlp] + b                (B)      a logit, P = σ(score)
 * </pre>
 * The MLP can learn interactions a dot product cannot express; the GMF branch keeps the dot product
 * easy to learn. Input {@code (B, 2)} int64 rows {@code [user, item]}; output logits {@code (B)}.
 */
public final class NeuralCF extends Module {
    private final Embedding gmfUser;
    private final Embedding gmfItem;
    private final Embedding mlpUser;
    private final Embedding mlpItem;
    private final Sequential mlp;
    private final Linear head;

    public NeuralCF(int userCount, int itemCount, int dim, int[] hidden, RandomGenerator generator) {
        gmfUser = registerModule("gmf_user", new Embedding(userCount, dim, -1, generator));
        gmfItem = registerModule("gmf_item", new Embedding(itemCount, dim, -1, generator));
        mlpUser = registerModule("mlp_user", new Embedding(userCount, dim, -1, generator));
        mlpItem = registerModule("mlp_item", new Embedding(itemCount, dim, -1, generator));
        List<Module> layers = new ArrayList<>();
        int width = 2 * dim;
        for (int h : hidden) {
            layers.add(new Linear(width, h, true, generator));
            layers.add(new ReLU());
            width = h;
        }
        mlp = registerModule("mlp", new Sequential(layers));
        head = registerModule("head", new Linear(dim + width, 1, true, generator));
        try (var ignored = Grad.noGrad()) {
            for (Embedding e : List.of(gmfUser, gmfItem, mlpUser, mlpItem)) {
                Init.normal_(e.weight(), 0, 0.1, generator);
            }
        }
    }

    @Override
    public Tensor forward(Tensor pairs) {
        Tensor user = Pairs.users(pairs), item = Pairs.items(pairs);
        Tensor gmf = gmfUser.forward(user).mul(gmfItem.forward(item));                                  // (B, d)
        Tensor deep = mlp.forward(Tensor.cat(List.of(mlpUser.forward(user), mlpItem.forward(item)), -1)); // (B, h)
        return head.forward(Tensor.cat(List.of(gmf, deep), -1)).squeeze(-1);                            // (B)
    }
}
