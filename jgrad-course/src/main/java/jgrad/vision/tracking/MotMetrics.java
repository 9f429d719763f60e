package jgrad.vision.tracking;

import jgrad.vision.detection.Box;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-object tracking metrics as py-motmetrics defines them, with IoU as the similarity (a
 * ground-truth object and a hypothesis may match when their IoU is at least {@code minIou}, i.e.
 * distance {@code 1 - IoU <= 1 - minIou}).
 *
 * <p>CLEAR MOT (Bernardin and Stiefelhagen 2008), frame by frame: a correspondence from the previous
 * frame is kept while its pair still matches; the other objects and hypotheses are matched by the
 * {@link Hungarian} method on {@code 1 - IoU}. Unmatched objects are misses (FN), unmatched
 * hypotheses false positives (FP), and an object matched to a different hypothesis than at its last
 * match is an identity switch.
 * <pre>
 *   MOTA = 1 - (FN + FP + IDSW) / (number of ground-truth boxes)
 * </pre>
 * IDF1 (Ristani et al. 2016): whole trajectories are matched one-to-one to maximise the number of
 * frames where the pair matches (IDTP); {@code IDF1 = 2 IDTP / (2 IDTP + IDFP + IDFN)}, with IDFN and
 * IDFP the ground-truth and hypothesis boxes left over.
 */
public final class MotMetrics {
    /** A box with its identity (ground-truth object or track id) in one frame. */
    public record Identified(int id, Box box) {
    }

    private final double minIou;
    private long groundTruth, hypotheses, misses, falsePositives, idSwitches;
    private final Map<Integer, Integer> lastMatch = new HashMap<>();            // object id -> hypothesis id
    private final Map<Long, Integer> pairFrames = new HashMap<>();             // (object, hypothesis) -> frames matchable
    private final Map<Integer, Integer> objectIndex = new HashMap<>(), hypothesisIndex = new HashMap<>();

    private int sequence;

    public MotMetrics(double minIou) {
        this.minIou = minIou;
    }

    /**
     * Starts another video: identities of different videos never match each other (py-motmetrics
     * accumulates one video at a time, and its overall figures sum the counts), even when both
     * number their objects from 1.
     */
    public MotMetrics newSequence() {
        sequence++;
        lastMatch.clear();
        return this;
    }

    private int key(int id) {
        if (id < 0 || id >= 1_000_000) {
            throw new IllegalArgumentException("MotMetrics: ids must be in 0..999999, got " + id);
        }
        return sequence * 1_000_000 + id;
    }

    /** Adds one frame. */
    public MotMetrics add(List<Identified> objects, List<Identified> hypotheses) {
        groundTruth += objects.size();
        this.hypotheses += hypotheses.size();
        objects = objects.stream().map(o -> new Identified(key(o.id()), o.box())).toList();
        hypotheses = hypotheses.stream().map(h -> new Identified(key(h.id()), h.box())).toList();
        for (Identified o : objects) objectIndex.putIfAbsent(o.id(), objectIndex.size());
        for (Identified h : hypotheses) hypothesisIndex.putIfAbsent(h.id(), hypothesisIndex.size());
        for (Identified o : objects)
            for (Identified h : hypotheses)
                if (o.box().iou(h.box()) >= minIou) pairFrames.merge(pairKey(o.id(), h.id()), 1, Integer::sum);

        boolean[] objectDone = new boolean[objects.size()], hypothesisDone = new boolean[hypotheses.size()];
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {                       // keep last frame's correspondences that still hold
            Integer previous = lastMatch.get(objects.get(i).id());
            if (previous == null) continue;
            for (int j = 0; j < hypotheses.size(); j++) {
                if (!hypothesisDone[j] && hypotheses.get(j).id() == previous && objects.get(i).box().iou(hypotheses.get(j).box()) >= minIou) {
                    objectDone[i] = hypothesisDone[j] = true;
                    matched++;
                    break;
                }
            }
        }
        List<Integer> freeObjects = new ArrayList<>(), freeHypotheses = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) if (!objectDone[i]) freeObjects.add(i);
        for (int j = 0; j < hypotheses.size(); j++) if (!hypothesisDone[j]) freeHypotheses.add(j);
        double[][] cost = new double[freeObjects.size()][freeHypotheses.size()];
        for (int a = 0; a < freeObjects.size(); a++)
            for (int b = 0; b < freeHypotheses.size(); b++) {
                double iou = objects.get(freeObjects.get(a)).box().iou(hypotheses.get(freeHypotheses.get(b)).box());
                cost[a][b] = iou >= minIou ? 1 - iou : 1e6;                 // forbidden pairs cost more than any allowed set
            }
        int[] assignment = Hungarian.solve(cost);
        for (int a = 0; a < freeObjects.size(); a++) {
            int b = assignment[a];
            if (b < 0 || cost[a][b] >= 1e6) continue;
            Identified object = objects.get(freeObjects.get(a)), hypothesis = hypotheses.get(freeHypotheses.get(b));
            Integer previous = lastMatch.get(object.id());
            if (previous != null && previous != hypothesis.id()) idSwitches++;
            lastMatch.put(object.id(), hypothesis.id());
            matched++;
        }
        misses += objects.size() - matched;
        falsePositives += hypotheses.size() - matched;
        return this;
    }

    public double mota() {
        return 1 - (double) (misses + falsePositives + idSwitches) / groundTruth;
    }

    public long idSwitches() {
        return idSwitches;
    }

    public long misses() {
        return misses;
    }

    public long falsePositives() {
        return falsePositives;
    }

    public double idf1() {
        int objects = objectIndex.size(), hyps = hypothesisIndex.size();
        if (objects == 0 || hyps == 0) return groundTruth + hypotheses == 0 ? Double.NaN : 0;
        double[][] cost = new double[objects][hyps];
        for (var entry : pairFrames.entrySet()) {
            int o = objectIndex.get((int) (entry.getKey() >> 32)), h = hypothesisIndex.get((int) (long) entry.getKey());
            cost[o][h] = -entry.getValue();                                     // maximise matched frames
        }
        int[] assignment = Hungarian.solve(cost);
        long idtp = 0;
        for (int o = 0; o < objects; o++) if (assignment[o] >= 0) idtp += (long) -cost[o][assignment[o]];
        long idfn = groundTruth - idtp, idfp = hypotheses - idtp;
        return 2.0 * idtp / (2.0 * idtp + idfp + idfn);
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "MOTA %.4f, IDF1 %.4f, ID switches %d, misses %d, false positives %d, ground-truth boxes %d",
                mota(), idf1(), idSwitches, misses, falsePositives, groundTruth);
    }

    private static long pairKey(int object, int hypothesis) {
        return ((long) object << 32) | (hypothesis & 0xffffffffL);
    }
}
