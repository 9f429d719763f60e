package jgrad.nativ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the cuBLAS search looks, on a fake python tree laid out like pip's NVIDIA wheels. */
class NativeLibrariesTest {

    /** Any small real shared library, to stand in for libcublas when only loading is tested. */
    private static final Path SOME_LIBRARY = Path.of("/lib/x86_64-linux-gnu/libm.so.6");

    @Test
    void pipWheelDirectoriesOfEveryPython3AreSearched(@TempDir Path root) throws IOException {
        Path site311 = Files.createDirectories(root.resolve("lib/python3.11/site-packages"));
        Path dist312 = Files.createDirectories(root.resolve("lib/python3.12/dist-packages"));
        Files.createDirectories(root.resolve("lib/python2.7/site-packages"));

        assertThat(NativeLibraries.pythonSitePackages(List.of(root))).containsExactly(site311, dist312);
        assertThat(CublasBackend.searchDirectories(List.of(root))).contains(
                site311.resolve("nvidia/cublas/lib"), site311.resolve("nvidia/cuda_runtime/lib"),
                dist312.resolve("nvidia/cublas/lib"), site311.resolve("nvidia/cu13/lib"),
                Path.of("/usr/local/cuda/lib64"), Path.of("/usr/lib/x86_64-linux-gnu"));
    }

    @Test
    void aLibraryInAWheelDirectoryIsFoundByFileName(@TempDir Path root) throws IOException {
        assumeThat(Files.isRegularFile(SOME_LIBRARY)).as(SOME_LIBRARY + " present").isTrue();
        Path wheel = Files.createDirectories(root.resolve("lib/python3.12/site-packages/nvidia/cublas/lib"));
        Files.copy(SOME_LIBRARY, wheel.resolve("libcublas.so.12"));

        var found = NativeLibraries.find("jgrad.test.unset.path", List.of("libcublas.so", "libcublas.so.12"),
                CublasBackend.searchDirectories(List.of(root)).stream()
                        .filter(directory -> directory.startsWith(root)).toList());
        assertThat(found.loaded()).as(found.reason()).isTrue();
        assertThat(found.where()).isEqualTo(wheel.resolve("libcublas.so.12").toString());
    }

    @Test
    void aCopyThatDoesNotLoadIsNamedInTheReason(@TempDir Path directory) throws IOException {
        // an executable is a well-formed ELF file that dlopen refuses cleanly, like a library whose
        // dependency is missing (a truncated library, by contrast, can abort the process inside dlopen)
        Path executable = Path.of("/bin/true");
        assumeThat(Files.isRegularFile(executable)).as(executable + " present").isTrue();
        Files.copy(executable, directory.resolve("libnothing.so.3"));
        var found = NativeLibraries.find("jgrad.test.unset.path", List.of("libnothing.so.3"), List.of(directory));
        assertThat(found.loaded()).isFalse();
        assertThat(found.reason()).contains(directory.resolve("libnothing.so.3") + " exists but did not load");
    }
}
