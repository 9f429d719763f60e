// Grid search for the gains of the hand-written baselines of the RL application environments, on the same
// 100 evaluation episodes RlApplications uses (seed 1_000_001). Run after compiling:
//   java --add-modules jdk.incubator.vector -cp jgrad-core/target/classes:jgrad-course/target/classes scripts/rl_baseline_gains.java
import jgrad.rl.algo.Evaluation;
import jgrad.rl.apps.Intersection;
import jgrad.rl.apps.LaneKeeping;
import jgrad.rl.apps.TwoLinkArm;
import jgrad.rl.env.TimeLimit;

void main() {
    for (double k : new double[] {4, 10, 25, 40, 60, 100}) {
        for (double d : new double[] {0.6, 1, 2, 3, 5}) {
            var r = Evaluation.run(() -> new TimeLimit(new TwoLinkArm(), 100),
                    Evaluation.perObservation(TwoLinkArm.jacobianTransposeController(k, d)), 100, 1_000_001);
            System.out.printf("arm K=%-4s D=%-4s mean return %8.2f%n", k, d, r.mean());
        }
    }
    for (double kE : new double[] {0.3, 0.8, 1.2, 2, 3}) {
        for (double kPsi : new double[] {1, 2, 3, 4, 6}) {
            var r = Evaluation.run(() -> new TimeLimit(new LaneKeeping(), 300),
                    Evaluation.perObservation(LaneKeeping.feedbackController(kE, kPsi)), 100, 1_000_001);
            System.out.printf("driving kE=%-4s kPsi=%-4s mean return %8.2f%n", kE, kPsi, r.mean());
        }
    }
    for (int green : new int[] {2, 3, 4, 5, 6, 8}) {
        var r = Evaluation.run(() -> new TimeLimit(new Intersection(), Intersection.EPISODE_STEPS),
                Evaluation.perObservation(Intersection.fixedCycle(green)), 100, 1_000_001);
        System.out.printf("traffic fixed cycle %d mean return %8.2f%n", green, r.mean());
    }
}
