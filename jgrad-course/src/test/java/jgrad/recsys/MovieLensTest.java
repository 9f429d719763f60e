package jgrad.recsys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MovieLensTest {

    @Test
    void readsTheMl1mLayoutAndRenumbersIdsInOrderOfFirstAppearance(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ratings.dat");
        Files.writeString(file, "7::1193::5::978300760\n7::661::3::978302109\n42::1193::4::978301968\n\n3::914::3::978300000\n");
        var data = MovieLens.read(file);
        var interactions = data.interactions();
        assertThat(interactions.users()).isEqualTo(3);
        assertThat(interactions.items()).isEqualTo(3);
        assertThat(data.userIds()).containsExactly(7, 42, 3);
        assertThat(data.itemIds()).containsExactly(1193, 661, 914);
        assertThat(interactions.user()).containsExactly(0, 0, 1, 2);
        assertThat(interactions.item()).containsExactly(0, 1, 0, 2);
        assertThat(interactions.time()).containsExactly(978300760L, 978302109L, 978301968L, 978300000L);
    }

    @Test
    void readsTheTabAndCsvLayoutsToo(@TempDir Path dir) throws Exception {
        Path tabs = dir.resolve("u.data");
        Files.writeString(tabs, "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        Path csv = dir.resolve("ratings.csv");
        Files.writeString(csv, "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n");
        assertThat(MovieLens.read(tabs).interactions().size()).isEqualTo(2);
        var fromCsv = MovieLens.read(csv).interactions();
        assertThat(fromCsv.users()).isEqualTo(1);
        assertThat(fromCsv.item()).containsExactly(0, 1);
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ratings.dat");
        Files.writeString(file, "1::2::3::4\n1::x::3::4\n");
        assertThatThrownBy(() -> MovieLens.read(file)).hasMessageContaining("line 2: movie id \"x\" is not an integer");
        Files.writeString(file, "1::2::3\n");
        assertThatThrownBy(() -> MovieLens.read(file)).hasMessageContaining("line 1: expected 4 fields");
    }
}
