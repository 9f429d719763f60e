package jgrad.nativ;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a shared library by file name in a list of directories, then by plain name through the
 * system loader (ldconfig cache, {@code LD_LIBRARY_PATH}), or at the exact path in a system
 * property. Loading never crashes the JVM: a library that is missing or fails to load becomes a
 * {@link Found} with {@code lookup == null} and a one-line reason saying what was tried.
 */
final class NativeLibraries {

    /** Outcome of a search: the loaded library and where it came from, or why there is none. */
    record Found(SymbolLookup lookup, String where, String reason) {
        boolean loaded() {
            return lookup != null;
        }
    }

    private NativeLibraries() {
    }

    /**
     * @param property    system property holding an exact path that overrides the search
     * @param fileNames   names to try, best first (e.g. {@code libopenblas.so.0})
     * @param directories where to look for each name before asking the system loader
     */
    static Found find(String property, List<String> fileNames, List<Path> directories) {
        String override = System.getProperty(property);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override.trim());
            try {
                return new Found(SymbolLookup.libraryLookup(path, Arena.global()), path.toString(), null);
            } catch (IllegalArgumentException | IllegalCallerException e) {
                return new Found(null, null, "-D" + property + "=" + override + " could not be loaded: " + e.getMessage());
            }
        }
        String firstFailure = null;
        for (Path directory : directories) {
            for (String name : fileNames) {
                Path path = directory.resolve(name);
                if (Files.isRegularFile(path)) {
                    try {
                        return new Found(SymbolLookup.libraryLookup(path, Arena.global()), path.toString(), null);
                    } catch (IllegalArgumentException | IllegalCallerException e) {
                        // a broken copy or a missing dependency: keep looking, but remember why for the reason
                        if (firstFailure == null) {
                            firstFailure = path + " exists but did not load (" + e.getMessage() + ")";
                        }
                    }
                }
            }
        }
        for (String name : fileNames) {
            try {
                return new Found(SymbolLookup.libraryLookup(name, Arena.global()), name + " (system loader)", null);
            } catch (IllegalArgumentException | IllegalCallerException e) {
                // not known to the system loader either: try the next name
            }
        }
        return new Found(null, null, "none of " + fileNames + " found (searched " + directories.size()
                + " directories and the system loader" + (firstFailure == null ? "" : "; " + firstFailure)
                + "; set -D" + property + "=/path/to/lib to point at one)");
    }

    /** Entries of {@code LD_LIBRARY_PATH}, in order. */
    static List<Path> ldLibraryPath() {
        return pathEntries("LD_LIBRARY_PATH").stream().map(Path::of).toList();
    }

    /**
     * Python installations whose {@code lib/python3.x/site-packages} may hold NVIDIA's pip wheels:
     * the active virtualenv and conda env, the system and /usr/local pythons, user installs,
     * pyenv versions, the usual conda install places, and the prefix of every {@code python3}
     * on {@code PATH} (so an activated environment is found even without its variables).
     */
    static List<Path> pythonRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        String home = System.getProperty("user.home", "/root");
        addEnv(roots, "VIRTUAL_ENV");
        addEnv(roots, "CONDA_PREFIX");
        for (String entry : pathEntries("PATH")) {
            Path bin = Path.of(entry);
            if (Files.isExecutable(bin.resolve("python3")) && bin.getParent() != null) {
                roots.add(bin.getParent());
            }
        }
        roots.add(Path.of("/usr"));
        roots.add(Path.of("/usr/local"));
        roots.add(Path.of(home, ".local"));
        roots.addAll(children(Path.of(home, ".pyenv", "versions")));
        for (String conda : List.of("/opt/conda", home + "/miniconda3", home + "/anaconda3", home + "/miniforge3")) {
            roots.add(Path.of(conda));
        }
        return List.copyOf(roots);
    }

    /** The {@code site-packages} and {@code dist-packages} directories of every python3.x under the roots. */
    static List<Path> pythonSitePackages(List<Path> roots) {
        List<Path> sites = new ArrayList<>();
        for (Path root : roots) {
            for (Path pythonDir : children(root.resolve("lib"))) {
                if (pythonDir.getFileName().toString().startsWith("python3")) {
                    sites.add(pythonDir.resolve("site-packages"));
                    sites.add(pythonDir.resolve("dist-packages"));
                }
            }
        }
        return sites.stream().filter(Files::isDirectory).toList();
    }

    /** Entries of a colon-separated environment variable such as {@code PATH}, in order, blanks dropped. */
    private static List<String> pathEntries(String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(":")).filter(entry -> !entry.isBlank()).toList();
    }

    private static void addEnv(Set<Path> roots, String variable) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            roots.add(Path.of(value));
        }
    }

    /** The entries of a directory, sorted by name; empty if it is not a readable directory. */
    static List<Path> children(Path directory) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return result;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(result::add);
        } catch (IOException e) {
            return result;
        }
        result.sort(null);
        return result;
    }
}
