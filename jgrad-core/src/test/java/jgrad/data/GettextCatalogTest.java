package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GettextCatalogTest {

    private static final String HEADER = "Project-Id-Version: demo 1.0\nContent-Type: text/plain; charset=UTF-8\n";

    /**
     * A .mo file as msgfmt lays it out: header, the two tables of (length, offset), then the strings with
     * their NULs; originals sorted (gettext sorts them so it can search them), no hash table.
     */
    static byte[] write(List<String[]> pairs, ByteOrder order) {
        int n = pairs.size(), tables = 28 + 16 * n;
        var strings = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(tables).order(order);
        header.putInt(GettextCatalog.MAGIC).putInt(0).putInt(n).putInt(28).putInt(28 + 8 * n).putInt(0).putInt(tables);
        for (int column = 0; column < 2; column++) {
            for (int i = 0; i < n; i++) {
                byte[] bytes = pairs.get(i)[column].getBytes(StandardCharsets.UTF_8);
                header.putInt(28 + 8 * (column * n + i), bytes.length).putInt(28 + 8 * (column * n + i) + 4, tables + strings.size());
                strings.writeBytes(bytes);
                strings.write(0);
            }
        }
        var out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    private static final List<String[]> PAIRS = List.of(
            new String[] {"", HEADER},
            new String[] {"%d file\0%d files", "%d fichier\0%d fichiers"},
            new String[] {"Save", "Enregistrer"},
            new String[] {"menu\u0004Open", "Ouvrir"},
            new String[] {"invalid argument", "argument invalide « é »"});

    @Test
    void readsMessagesContextsPluralsAndTheHeaderInBothByteOrders() {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            GettextCatalog catalog = GettextCatalog.parse(write(PAIRS, order), "demo.mo");
            assertThat(catalog.header()).as("%s", order).isEqualTo(HEADER);
            assertThat(catalog.messages()).as("%s", order).containsExactly(
                    new GettextCatalog.Message(null, "%d file", "%d files", List.of("%d fichier", "%d fichiers")),
                    new GettextCatalog.Message(null, "Save", null, List.of("Enregistrer")),
                    new GettextCatalog.Message("menu", "Open", null, List.of("Ouvrir")),
                    new GettextCatalog.Message(null, "invalid argument", null, List.of("argument invalide « é »")));
        }
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("demo.mo");
        Files.write(file, write(PAIRS, ByteOrder.LITTLE_ENDIAN));
        assertThat(GettextCatalog.read(file).messages()).hasSize(4);
    }

    @Test
    void damagedFilesAreRefusedWithTheFieldNamed() {
        byte[] good = write(PAIRS, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> GettextCatalog.parse(new byte[10], "short.mo")).hasMessageContaining("fewer than the 28-byte header");
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        assertThatThrownBy(() -> GettextCatalog.parse(badMagic, "x.mo")).hasMessageContaining("not a .mo file");
        byte[] revision = good.clone();
        ByteBuffer.wrap(revision).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2 << 16);
        assertThatThrownBy(() -> GettextCatalog.parse(revision, "x.mo")).hasMessageContaining("revision 2.0");
        byte[] count = good.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7fffffff);
        assertThatThrownBy(() -> GettextCatalog.parse(count, "x.mo")).hasMessageContaining("table of original strings");
        byte[] offset = good.clone();
        ByteBuffer.wrap(offset).order(ByteOrder.LITTLE_ENDIAN).putInt(28 + 8 * 5 + 8 * 2 + 4, -16);    // translation 2 at 4 GB
        assertThatThrownBy(() -> GettextCatalog.parse(offset, "x.mo")).hasMessageContaining("translation 2");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);                              // last NUL missing
        assertThatThrownBy(() -> GettextCatalog.parse(truncated, "x.mo")).hasMessageContaining("runs past the end");
    }

    /** Random damage to a valid file: the reader either reads it or says why not, never anything else. */
    @Test
    void randomlyDamagedFilesGiveOnlyClearErrors() {
        byte[] good = write(PAIRS, ByteOrder.BIG_ENDIAN);
        var random = new SplittableRandom(41);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] damaged = random.nextInt(4) == 0 ? java.util.Arrays.copyOf(good, random.nextInt(good.length)) : good.clone();
            for (int k = 1 + random.nextInt(4); k > 0 && damaged.length > 0; k--) damaged[random.nextInt(Math.min(damaged.length, 80))] = (byte) random.nextInt(256);
            try {
                GettextCatalog.parse(damaged, "damaged.mo");
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).startsWith("GettextCatalog: damaged.mo");
            }
        }
    }

    /** The catalogues Debian installs, when this machine has French ones. */
    @Test
    void readsTheInstalledFrenchCatalogues() throws IOException {
        Path dir = Path.of("/usr/share/locale/fr/LC_MESSAGES");
        assumeTrue(Files.isDirectory(dir), "no French gettext catalogues in " + dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".mo")).sorted().limit(20).toList();
        }
        assumeTrue(!files.isEmpty(), "no .mo files in " + dir);
        int messages = 0;
        for (Path file : files) messages += GettextCatalog.read(file).messages().size();
        assertThat(messages).as("messages in %s", files).isGreaterThan(0);
    }
}
