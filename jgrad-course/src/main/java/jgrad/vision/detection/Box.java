package jgrad.vision.detection;

/**
 * An axis-aligned box in pixel coordinates, torchvision's {@code (x1, y1, x2, y2)} convention:
 * {@code x1 <= x2}, {@code y1 <= y2}, area {@code (x2 - x1) (y2 - y1)} (no "+1").
 */
public record Box(double x1, double y1, double x2, double y2) {

    /** The box of centre {@code (cx, cy)}, width {@code w} and height {@code h}. */
    public static Box ofCenter(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double centerX() {
        return (x1 + x2) / 2;
    }

    public double centerY() {
        return (y1 + y2) / 2;
    }

    public double area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    /** Intersection over union: {@code |A ∩ B| / |A ∪ B|}, 0 when the union is empty. */
    public double iou(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        double intersection = Math.max(0, w) * Math.max(0, h);
        double union = area() + other.area() - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
