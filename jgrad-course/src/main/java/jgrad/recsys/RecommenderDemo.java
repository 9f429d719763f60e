package jgrad.recsys;

import jgrad.Jgrad;
import jgrad.nn.Module;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Popularity, matrix factorisation and neural collaborative filtering side by side, by leave-one-out
 * HR@10 and NDCG@10 (each held-out item ranked among 99 unseen items).
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.recsys.RecommenderDemo
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.recsys.RecommenderDemo -Djgrad.args="--movielens ml-1m/ratings.dat --epochs 5"
 * </pre>
 * Without {@code --movielens} it generates users and items with known rank-8 latent tastes
 * ({@link LatentInteractions}): 1,000 users, 500 items, 30 picks each.
 */
public final class RecommenderDemo {
    private RecommenderDemo() {
    }

    public static void main(String[] args) throws IOException {
        Path movieLens = null;
        int epochs = 8;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--movielens" -> movieLens = Path.of(args[i + 1]);
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--movielens FILE, --epochs N)");
            }
        }
        Jgrad.manualSeed(0);
        Interactions all = movieLens != null ? MovieLens.read(movieLens).interactions()
                : LatentInteractions.generate(1_000, 500, 8, 30, 3.0, 1);
        System.out.printf("%d users, %d items, %d interactions%s%n", all.users(), all.items(), all.size(),
                movieLens != null ? " from " + movieLens : " generated with rank-8 latent tastes");
        var split = LeaveOneOut.split(all, 99, 2);
        var results = new StringBuilder();
        results.append(String.format("%-24s %s%n", "popularity", split.evaluate(new Popularity(split.train()), 10)));

        Module mf = new MatrixFactorization(all.users(), all.items(), 16, new SplittableRandom(3));
        System.out.println("matrix factorisation, dim 16, 4 negatives per positive:");
        ImplicitTraining.fit(mf, split.train(), epochs, 4, 256, 0.01, 1e-5, 4, System.out);
        results.append(String.format("%-24s %s%n", "matrix factorisation", split.evaluate(Pairs.scorer(mf), 10)));

        Module ncf = new NeuralCF(all.users(), all.items(), 16, new int[] {32, 16}, new SplittableRandom(5));
        System.out.println("neural CF (NeuMF: GMF + MLP 32-16), dim 16, 4 negatives per positive:");
        ImplicitTraining.fit(ncf, split.train(), epochs, 4, 256, 0.005, 1e-5, 6, System.out);
        results.append(String.format("%-24s %s%n", "neural CF", split.evaluate(Pairs.scorer(ncf), 10)));
        System.out.println();
        System.out.print(results);
    }
}
