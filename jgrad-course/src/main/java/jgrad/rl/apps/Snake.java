package jgrad.rl.apps;

import jgrad.rl.env.AbstractEnv;
import jgrad.rl.env.Box;
import jgrad.rl.env.Discrete;
import jgrad.rl.env.Space;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;

/**
 * Game AI: Snake on a {@value #SIZE} x {@value #SIZE} board. Eat the food to grow; hitting a wall or your own
 * body ends the game. Actions are relative to the heading: 0 straight on, 1 turn left, 2 turn right.
 *
 * <ul>
 *   <li>Reward: +1 per food, -1 for dying. The game also ends after 100 steps without food (no endless circling).</li>
 *   <li>Observation (15): danger (wall or body) one cell straight / left / right (3), the same two cells ahead (3),
 *       heading one-hot (4), food left / right / above / below the head (4), length / board cells (1).</li>
 * </ul>
 * {@link #greedy()} is the hand-written opponent to beat: it moves toward the food when that is safe for one
 * step, else takes any safe move.
 */
public final class Snake extends AbstractEnv {
    public static final int SIZE = 8, STARVATION = 100;
    private static final int[] DX = {1, 0, -1, 0}, DY = {0, -1, 0, 1};   // heading 0 east, 1 north, 2 west, 3 south (y down)
    private static final Space OBSERVATIONS = Box.uniform(0, 1, 15);
    private static final Space ACTIONS = new Discrete(3);

    private final Deque<int[]> body = new ArrayDeque<>();   // head first
    private final boolean[][] occupied = new boolean[SIZE][SIZE];
    private int heading, foodX, foodY, hungry, eaten;

    @Override
    public Space observationSpace() {
        return OBSERVATIONS;
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public Reset reset() {
        body.clear();
        for (boolean[] row : occupied) java.util.Arrays.fill(row, false);
        heading = 0;
        for (int i = 0; i < 3; i++) {
            int[] cell = {SIZE / 2 - i, SIZE / 2};
            body.addLast(cell);
            occupied[cell[0]][cell[1]] = true;
        }
        hungry = 0;
        eaten = 0;
        placeFood();
        return new Reset(observation(), Map.of());
    }

    @Override
    public Step step(double[] action) {
        requireAction(action);
        heading = turn((int) action[0]);
        int[] head = body.peekFirst();
        int x = head[0] + DX[heading], y = head[1] + DY[heading];
        boolean ate = x == foodX && y == foodY;
        if (!ate) {
            int[] tail = body.removeLast();            // the tail moves away first, so following it is safe
            occupied[tail[0]][tail[1]] = false;
        }
        if (blocked(x, y)) return new Step(observation(), -1, true, false, Map.of("eaten", eaten));
        body.addFirst(new int[] {x, y});
        occupied[x][y] = true;
        if (ate) {
            eaten++;
            hungry = 0;
            if (body.size() == SIZE * SIZE) return new Step(observation(), 1, true, false, Map.of("eaten", eaten));
            placeFood();
            return new Step(observation(), 1, false, false, Map.of("eaten", eaten));
        }
        hungry++;
        return new Step(observation(), 0, hungry >= STARVATION, false, Map.of("eaten", eaten));
    }

    private int turn(int action) {
        return switch (action) {
            case 1 -> (heading + 1) % 4;
            case 2 -> (heading + 3) % 4;
            default -> heading;
        };
    }

    private boolean blocked(int x, int y) {
        return x < 0 || y < 0 || x >= SIZE || y >= SIZE || occupied[x][y];
    }

    private void placeFood() {
        do {
            foodX = random.nextInt(SIZE);
            foodY = random.nextInt(SIZE);
        } while (occupied[foodX][foodY]);
    }

    private double[] observation() {
        int[] head = body.peekFirst();
        double[] obs = new double[15];
        int[] dirs = {heading, (heading + 1) % 4, (heading + 3) % 4};
        for (int k = 0; k < 3; k++) {
            obs[k] = blocked(head[0] + DX[dirs[k]], head[1] + DY[dirs[k]]) ? 1 : 0;
            obs[3 + k] = blocked(head[0] + 2 * DX[dirs[k]], head[1] + 2 * DY[dirs[k]]) ? 1 : 0;
        }
        obs[6 + heading] = 1;
        obs[10] = foodX < head[0] ? 1 : 0;
        obs[11] = foodX > head[0] ? 1 : 0;
        obs[12] = foodY < head[1] ? 1 : 0;
        obs[13] = foodY > head[1] ? 1 : 0;
        obs[14] = body.size() / (double) (SIZE * SIZE);
        return obs;
    }

    /** Toward the food if that is safe for one step (straight first), else any safe move, else straight on. */
    public static Function<double[], double[]> greedy() {
        return obs -> {
            int heading = 0;
            for (int h = 0; h < 4; h++) if (obs[6 + h] == 1) heading = h;
            int fallback = -1;
            for (int action = 0; action < 3; action++) {
                if (obs[action] == 1) continue;
                int dir = action == 0 ? heading : action == 1 ? (heading + 1) % 4 : (heading + 3) % 4;
                boolean toward = (DX[dir] < 0 && obs[10] == 1) || (DX[dir] > 0 && obs[11] == 1)
                        || (DY[dir] < 0 && obs[12] == 1) || (DY[dir] > 0 && obs[13] == 1);
                if (toward) return new double[] {action};
                if (fallback < 0) fallback = action;
            }
            return new double[] {Math.max(fallback, 0)};
        };
    }
}
