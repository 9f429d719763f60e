package jgrad.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.notebook.Notebook;
import jgrad.notebook.NotebookFormatException;
import jgrad.recsys.MovieLens;
import jgrad.testing.FileFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers of jgrad-course fed seeded mutants of a valid file, as jgrad-core's
 * {@code FileReadersFuzzTest} does for the library's readers (see {@link FileFuzzer}).
 */
class CourseFileReadersFuzzTest {
    private static final int CASES = 300;
    private static final long MILLIS = 600;
    private static final long SEED = 15;

    @TempDir
    Path directory;

    @Test
    void notebook() throws IOException {
        String valid = """
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "java"}}, "cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# Title\\n", "text"]},
                  {"cell_type": "code", "metadata": {}, "source": "int x = 1;", "execution_count": 3,
                   "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1\\n"]}]}
                ]}""";
        Path file = directory.resolve("n.ipynb");
        FileFuzzer.fuzz("Notebook.read", valid.getBytes(StandardCharsets.UTF_8), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            try {
                Notebook.read(file);
            } catch (NotebookFormatException e) {
                throw new IOException(e.getMessage(), e);        // the notebook reader's own clear rejection
            }
        });
    }

    @Test
    void movieLensRatings() throws IOException {
        Path file = directory.resolve("ratings.csv");
        byte[] valid = "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n1,20,3.5,964982224\n2,10,5.0,964983815\n3,30,1.0,964982931\n"
                .getBytes(StandardCharsets.UTF_8);
        FileFuzzer.fuzz("MovieLens.read", valid, SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            MovieLens.read(file);
        });
    }

    /** The serving bundle's config.json: its sizes build a model, so they must be checked before anything is allocated. */
    @Test
    void servingBundleConfig() throws IOException {
        Map<String, Object> cnn = new LinkedHashMap<>(Map.of("class", "SmallCnn", "channels1", 2L, "channels2", 4L, "hidden", 8L));
        jgrad.serve.ModelBundle.save(directory, jgrad.serve.ModelBundle.imageClassifierConfig("digits", cnn, 10),
                jgrad.serve.ModelBundle.build(cnn, 3), null);
        Path config = directory.resolve(jgrad.serve.ModelBundle.CONFIG);
        var limits = new jgrad.serve.ImageClassifier.BatchLimits(1, java.time.Duration.ZERO, 1);
        FileFuzzer.fuzz("ModelBundle.load (config.json)", Files.readAllBytes(config), SEED, CASES, MILLIS, mutant -> {
            Files.write(config, mutant);
            jgrad.serve.ModelBundle.load(directory, limits).close();
        });
    }
}
