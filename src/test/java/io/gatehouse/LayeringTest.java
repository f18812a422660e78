package io.gatehouse;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The top-level packages layer one way: a package may use the packages below it in {@link #LAYERS},
 * never one above. The README's "Layout" section draws the same list.
 */
class LayeringTest {
    /** Top to bottom; packages in one layer may use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("api", "proxy"), // entry points: HTTP resources, the proxy filter, the runtime's wiring
            List.of("ingress"),      // client dialects (Anthropic Messages, OpenAI Responses) onto the pipeline
            List.of("pipeline"),     // a request's stages, in order
            List.of("telemetry"),    // metrics, traces and readiness: what each request reports when it ends
            List.of("cache"),        // the response cache, simple and semantic, consulted per attempt
            List.of("guardrails"),   // hooks: checks and mutators on requests and answers
            List.of("routing"),      // strategy tree, retries, target resolution
            List.of("limits"),       // admission and charging against the limits
            List.of("context"),      // one request's context: caller, trace id, gateway headers
            List.of("access"),       // read-only snapshot: gateway keys, catalog, limits, prices
            List.of("provider"),     // the provider table and its translators
            List.of("usage"),        // usage read from answers, and its price
            List.of("model"),        // the unified chat model and JSON helpers
            List.of("upstream"),     // the HTTP client towards providers, server-sent events
            List.of("requestlog"),   // the request log: records, their queue and JDBC store
            List.of("config"),       // read-only: gateway settings and routing configs
            List.of("egress"),       // which hosts the gateway may reach
            List.of("error"),        // the errors the gateway answers itself
            List.of("http"));        // headers and ids

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gatehouse");
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("io.gatehouse.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        Architectures.LayeredArchitecture layered = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> layer : LAYERS) {
            layered = layered.layer(name(layer)).definedBy(layer.stream().map(p -> "io.gatehouse." + p + "..").toArray(String[]::new));
        }
        layered = layered.whereLayer(name(LAYERS.get(0))).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(0, i).stream().map(LayeringTest::name).toArray(String[]::new);
            layered = layered.whereLayer(name(LAYERS.get(i))).mayOnlyBeAccessedByLayers(above);
        }
        layered.check(classes);
    }

    private static String name(List<String> layer) {
        return String.join("+", layer);
    }
}
