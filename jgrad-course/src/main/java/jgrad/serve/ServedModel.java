package jgrad.serve;

import java.util.Map;

/** A model the {@link InferenceServer} answers requests for; {@link ModelBundle#load} builds one from its directory. */
public sealed interface ServedModel extends AutoCloseable permits ImageClassifier, TextGenerator, TextClassifierService {
    /** The name in the URL: {@code /v1/models/{name}/...}. */
    String name();

    /** What {@code GET /v1/models} says about the model: task, input, limits. */
    Map<String, Object> describe();

    @Override
    void close();
}
