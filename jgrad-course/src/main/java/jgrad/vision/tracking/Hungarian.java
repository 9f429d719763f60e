package jgrad.vision.tracking;

import java.util.Arrays;

/**
 * The assignment problem: rows to columns, one-to-one, with the least total cost (Kuhn 1955,
 * Munkres 1957), in the O(n^3) form with row and column potentials: each row in turn is added by
 * a shortest augmenting path over reduced costs {@code cost[i][j] - u[i] - v[j] >= 0}. A
 * rectangular matrix is padded with zero-cost dummies.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /** {@code assignment[row]} = the column given to that row, or -1 when it got a dummy column. */
    public static int[] solve(double[][] cost) {
        int rows = cost.length, cols = rows == 0 ? 0 : cost[0].length;
        int n = Math.max(rows, cols);
        if (n == 0) return new int[0];
        double[][] a = new double[n][n];
        for (int i = 0; i < rows; i++) System.arraycopy(cost[i], 0, a[i], 0, cols);
        double[] u = new double[n + 1], v = new double[n + 1];
        int[] match = new int[n + 1];          // match[column] = row (1-based; 0 = free)
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            match[0] = i;
            int column = 0;
            double[] minimum = new double[n + 1];
            Arrays.fill(minimum, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[column] = true;
                int row = match[column], next = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (used[j]) continue;
                    double reduced = a[row - 1][j - 1] - u[row] - v[j];
                    if (reduced < minimum[j]) {
                        minimum[j] = reduced;
                        way[j] = column;
                    }
                    if (minimum[j] < delta) {
                        delta = minimum[j];
                        next = j;
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minimum[j] -= delta;
                    }
                }
                column = next;
            } while (match[column] != 0);
            do {
                int previous = way[column];
                match[column] = match[previous];
                column = previous;
            } while (column != 0);
        }
        int[] assignment = new int[rows];
        Arrays.fill(assignment, -1);
        for (int j = 1; j <= n; j++) {
            int row = match[j] - 1;
            if (row < rows && j - 1 < cols) assignment[row] = j - 1;
        }
        return assignment;
    }
}
