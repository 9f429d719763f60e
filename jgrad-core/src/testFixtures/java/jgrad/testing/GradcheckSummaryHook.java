package jgrad.testing;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;

/**
 * Publishes {@link GradcheckRecorder}'s table once, after the jqwik engine has run every container.
 * Registered globally in {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}; it applies
 * only to the engine itself (the one container without an annotated element). A JVM shutdown hook
 * would be simpler, but surefire may close the forked JVM's output before such a hook prints.
 */
public final class GradcheckSummaryHook implements AroundContainerHook {

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.isEmpty();
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        GradcheckRecorder.publishSummary();
    }
}
