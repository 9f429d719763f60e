package jgrad.vision.detection;

import jgrad.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated scenes for detection, segmentation and tracking: grey images with several shapes of
 * {@value #CLASSES} classes (0 rectangle, 1 ellipse, 2 triangle) at random positions and sizes on a
 * cluttered background (an uneven level, pixel noise, thin lines and small blobs that are not
 * objects). Objects may overlap: a later one covers an earlier one, and the per-pixel labels
 * follow what is visible. Every scene is reproducible from its seed.
 *
 * <pre>{@code
 * var scenes = new ShapeScenes(48, 4, 8, 18);
 * ShapeScenes.Scene scene = scenes.sample(new SplittableRandom(7));
 * scene.image();      // (1, 48, 48) float32 in [0, 1]
 * scene.objects();    // boxes and labels
 * scene.mask();       // (48, 48) int64: 0 background, 1 + class label of the visible object
 * }</pre>
 *
 * @param size image side in pixels
 * @param maxObjects objects per scene, at least 1
 * @param minSide smallest box side in pixels
 * @param maxSide largest box side in pixels
 * @param borderCut the probability that an object is placed across a border of the image, any part of it
 *     outside (as objects entering or leaving a video are); its ground-truth box is then the visible part,
 *     clipped to the image, and, as in {@code MovingObjectsVideo}, it counts as an object only while at least
 *     half of its area is visible (less is drawn, but is not in the truth)
 */
public record ShapeScenes(int size, int maxObjects, int minSide, int maxSide, double borderCut) {

    public static final int CLASSES = 3;
    public static final List<String> CLASS_NAMES = List.of("rectangle", "ellipse", "triangle");
    /** The largest IoU allowed between two objects of a scene: they overlap, but each stays findable. */
    public static final double MAX_OVERLAP = 0.3;

    /** An object: class label, box, and the grey level it is drawn with. */
    public record SceneObject(int label, Box box, double intensity) {
        public GroundTruth truth() {
            return new GroundTruth(box, label);
        }
    }

    /** A rendered scene: image {@code (1, size, size)}, its objects, labels per pixel {@code (size, size)}. */
    public record Scene(Tensor image, List<SceneObject> objects, Tensor mask) {
        public List<GroundTruth> truths() {
            return objects.stream().map(SceneObject::truth).toList();
        }
    }

    public ShapeScenes {
        if (size < 8 || maxObjects < 1 || minSide < 3 || maxSide < minSide || maxSide > size || !(borderCut >= 0 && borderCut <= 1)) {
            throw new IllegalArgumentException("ShapeScenes: need size >= 8, maxObjects >= 1, 3 <= minSide <= maxSide <= size and"
                    + " borderCut in [0, 1], got " + size + ", " + maxObjects + ", " + minSide + ", " + maxSide + ", " + borderCut);
        }
    }

    /** Scenes whose objects all lie inside the image. */
    public ShapeScenes(int size, int maxObjects, int minSide, int maxSide) {
        this(size, maxObjects, minSide, maxSide, 0);
    }

    /** A scene with 1..maxObjects objects placed at random. */
    public Scene sample(SplittableRandom random) {
        int count = 1 + random.nextInt(maxObjects);
        List<SceneObject> objects = new ArrayList<>();
        for (int attempt = 0; attempt < 50 * count && objects.size() < count; attempt++) {
            double w = minSide + random.nextDouble() * (maxSide - minSide);
            double h = minSide + random.nextDouble() * (maxSide - minSide);
            double x1 = random.nextDouble() * (size - w), y1 = random.nextDouble() * (size - h);
            if (borderCut > 0 && random.nextDouble() < borderCut) {      // across one border, any part outside
                double outside = random.nextDouble();
                switch (random.nextInt(4)) {
                    case 0 -> x1 = -outside * w;
                    case 1 -> x1 = size - (1 - outside) * w;
                    case 2 -> y1 = -outside * h;
                    default -> y1 = size - (1 - outside) * h;
                }
            }
            Box box = new Box(x1, y1, x1 + w, y1 + h);
            if (objects.stream().allMatch(o -> o.box().iou(box) <= MAX_OVERLAP)) {
                objects.add(new SceneObject(random.nextInt(CLASSES), box, 0.55 + 0.45 * random.nextDouble()));
            }
        }
        Scene scene = render(objects, random);
        if (borderCut == 0) return scene;
        List<SceneObject> visible = objects.stream().filter(o -> clip(o.box()).area() >= o.box().area() / 2)
                .map(o -> new SceneObject(o.label(), clip(o.box()), o.intensity())).toList();
        return new Scene(scene.image(), visible, scene.mask());
    }

    /** The part of a box inside the image. */
    public Box clip(Box box) {
        return new Box(Math.max(0, box.x1()), Math.max(0, box.y1()), Math.min(size, box.x2()), Math.min(size, box.y2()));
    }

    /** {@code n} scenes from {@code seed}. */
    public List<Scene> sample(int n, long seed) {
        var random = new SplittableRandom(seed);
        List<Scene> scenes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) scenes.add(sample(random));
        return scenes;
    }

    /** Draws the given objects (in order, later on top) over a fresh cluttered background. */
    public Scene render(List<SceneObject> objects, SplittableRandom random) {
        float[] pixels = background(random);
        long[] mask = new long[size * size];
        for (SceneObject object : objects) {
            Box b = object.box();
            int x0 = Math.max(0, (int) Math.floor(b.x1())), x1 = Math.min(size - 1, (int) Math.ceil(b.x2()));
            int y0 = Math.max(0, (int) Math.floor(b.y1())), y1 = Math.min(size - 1, (int) Math.ceil(b.y2()));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if (inside(object.label(), b, x + 0.5, y + 0.5)) {
                        pixels[y * size + x] = (float) (object.intensity() + 0.04 * random.nextGaussian());
                        mask[y * size + x] = 1 + object.label();
                    }
                }
            }
        }
        for (int i = 0; i < pixels.length; i++) pixels[i] = Math.clamp(pixels[i], 0f, 1f);
        return new Scene(Tensor.of(pixels, 1, size, size), List.copyOf(objects), Tensor.of(mask, size, size));
    }

    /** Whether the pixel centre {@code (px, py)} is inside the shape of class {@code label} that fills box {@code b}. */
    static boolean inside(int label, Box b, double px, double py) {
        double u = (px - b.x1()) / b.width(), v = (py - b.y1()) / b.height();     // box coordinates in [0, 1]
        if (u < 0 || u > 1 || v < 0 || v > 1) return false;
        return switch (label) {
            case 0 -> true;                                                            // rectangle
            case 1 -> (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) <= 0.25;           // inscribed ellipse
            case 2 -> Math.abs(u - 0.5) <= v / 2;                                      // apex top centre, base at the bottom
            default -> throw new IllegalArgumentException("ShapeScenes: unknown class " + label);
        };
    }

    // An uneven level (a gentle gradient), pixel noise, 3-6 thin lines and 2-5 small blobs.
    private float[] background(SplittableRandom random) {
        float[] pixels = new float[size * size];
        double level = 0.05 + 0.2 * random.nextDouble(), gx = 0.1 * random.nextGaussian(), gy = 0.1 * random.nextGaussian();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = (float) (level + gx * x / size + gy * y / size + 0.05 * random.nextGaussian());
            }
        }
        int lines = 3 + random.nextInt(4);
        for (int l = 0; l < lines; l++) {
            double xa = random.nextDouble() * size, ya = random.nextDouble() * size;
            double xb = random.nextDouble() * size, yb = random.nextDouble() * size;
            float value = (float) (0.25 + 0.35 * random.nextDouble());
            int steps = (int) Math.ceil(Math.hypot(xb - xa, yb - ya)) + 1;
            for (int s = 0; s <= steps; s++) {
                int x = (int) (xa + (xb - xa) * s / steps), y = (int) (ya + (yb - ya) * s / steps);
                if (x >= 0 && x < size && y >= 0 && y < size) pixels[y * size + x] = value;
            }
        }
        int blobs = 2 + random.nextInt(4);
        for (int k = 0; k < blobs; k++) {
            int x = random.nextInt(size - 2), y = random.nextInt(size - 2);
            float value = (float) (0.3 + 0.5 * random.nextDouble());
            for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) pixels[(y + dy) * size + x + dx] = value;
        }
        return pixels;
    }
}
