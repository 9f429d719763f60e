/**
 * Recommendation from implicit feedback: the MovieLens reader, interaction matrices, leave-one-out
 * splits, matrix factorisation and neural collaborative filtering trained on sampled pairs, the
 * popularity baseline, and hit rate / NDCG; {@code RecommenderDemo} is the runnable example.
 *
 * <p>May use: the library (jgrad-core) and the course's figures (jgrad.viz); nothing in jgrad-core depends on it.
 */
package jgrad.recsys;
