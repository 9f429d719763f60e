package jgrad.vision.tracking;

import jgrad.Tensor;
import jgrad.vision.detection.Box;
import jgrad.vision.detection.ShapeScenes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated videos for tracking: the shapes of {@link ShapeScenes} moving with noisy constant
 * velocity (each frame the velocity changes by a little Gaussian noise), entering from the borders at
 * random frames and leaving when they move out, crossing and covering each other (a later object
 * is drawn on top). Each frame is a fresh cluttered background. Ground truth per frame: each object
 * whose box, clipped to the image, keeps at least half of its area (the detector is trained on whole objects), with its identity.
 */
public record MovingObjectsVideo(ShapeScenes scenes, int frames, int startObjects, double entryRate) {

    /** One frame: image {@code (1, H, W)} and the visible objects with their ids. */
    public record Frame(Tensor image, List<MotMetrics.Identified> objects) {
    }

    private static final class Mover {
        final int id, label;
        final double w, h, intensity;
        double cx, cy, vx, vy;

        Mover(int id, int label, double w, double h, double intensity, double cx, double cy, double vx, double vy) {
            this.id = id; this.label = label; this.w = w; this.h = h; this.intensity = intensity;
            this.cx = cx; this.cy = cy; this.vx = vx; this.vy = vy;
        }

        Box box() {
            return Box.ofCenter(cx, cy, w, h);
        }
    }

    public List<Frame> sample(SplittableRandom random) {
        int size = scenes.size();
        List<Mover> movers = new ArrayList<>();
        int[] nextId = {1};
        for (int i = 0; i < startObjects; i++) movers.add(spawn(random, nextId, false));
        List<Frame> video = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            if (t > 0 && random.nextDouble() < entryRate) movers.add(spawn(random, nextId, true));
            List<ShapeScenes.SceneObject> drawn = new ArrayList<>();
            List<MotMetrics.Identified> visible = new ArrayList<>();
            for (Mover m : movers) {
                Box box = m.box();
                drawn.add(new ShapeScenes.SceneObject(m.label, box, m.intensity));
                Box clipped = new Box(Math.max(0, box.x1()), Math.max(0, box.y1()), Math.min(size, box.x2()), Math.min(size, box.y2()));
                if (clipped.width() > 0 && clipped.height() > 0 && clipped.area() >= box.area() / 2) {
                    visible.add(new MotMetrics.Identified(m.id, clipped));
                }
            }
            video.add(new Frame(scenes.render(drawn, random).image(), visible));
            for (Mover m : movers) {
                m.vx += 0.05 * random.nextGaussian();
                m.vy += 0.05 * random.nextGaussian();
                m.cx += m.vx;
                m.cy += m.vy;
            }
            movers.removeIf(m -> m.cx + m.w / 2 < 0 || m.cx - m.w / 2 > size || m.cy + m.h / 2 < 0 || m.cy - m.h / 2 > size);
        }
        return video;
    }

    // A new object: inside the image (at the start) or just outside a random border, heading inwards.
    private Mover spawn(SplittableRandom random, int[] nextId, boolean atBorder) {
        int size = scenes.size();
        double w = scenes.minSide() + random.nextDouble() * (scenes.maxSide() - scenes.minSide());
        double h = scenes.minSide() + random.nextDouble() * (scenes.maxSide() - scenes.minSide());
        double speed = 0.6 + 1.0 * random.nextDouble(), angle = random.nextDouble() * 2 * Math.PI;
        double cx = w / 2 + random.nextDouble() * (size - w), cy = h / 2 + random.nextDouble() * (size - h);
        if (atBorder) {
            switch (random.nextInt(4)) {
                case 0 -> { cx = -w / 3; angle = (random.nextDouble() - 0.5) * Math.PI / 2; }
                case 1 -> { cx = size + w / 3; angle = Math.PI + (random.nextDouble() - 0.5) * Math.PI / 2; }
                case 2 -> { cy = -h / 3; angle = Math.PI / 2 + (random.nextDouble() - 0.5) * Math.PI / 2; }
                default -> { cy = size + h / 3; angle = -Math.PI / 2 + (random.nextDouble() - 0.5) * Math.PI / 2; }
            }
        }
        return new Mover(nextId[0]++, random.nextInt(ShapeScenes.CLASSES), w, h, 0.55 + 0.45 * random.nextDouble(),
                cx, cy, speed * Math.cos(angle), speed * Math.sin(angle));
    }
}
