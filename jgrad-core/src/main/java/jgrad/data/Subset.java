package jgrad.data;

/** The examples of another dataset at the given indices, in that order. */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final int[] indices;

    public Subset(Dataset dataset, int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= dataset.size()) {
                throw new IndexOutOfBoundsException("Subset: index " + index + " is outside a dataset of " + dataset.size());
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Example get(int index) {
        return dataset.get(indices[index]);
    }

    @Override
    public Example getBatch(int[] batch) {
        int[] mapped = new int[batch.length];
        for (int i = 0; i < batch.length; i++) mapped[i] = indices[batch[i]];
        return dataset.getBatch(mapped);
    }
}
