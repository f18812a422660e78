package io.gatehouse.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Feeds a parameterized test one {@code JsonObject} per case of a fixture file under
 * {@code src/test/resources/fixtures/}, each labelled with its {@code name}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ArgumentsSource(FixtureSource.Provider.class)
public @interface FixtureSource {
    /** The file, relative to {@code fixtures/}, e.g. {@code context/request-context.json}. */
    String value();

    final class Provider implements ArgumentsProvider, AnnotationConsumer<FixtureSource> {
        private String resource;

        @Override
        public void accept(FixtureSource source) {
            resource = source.value();
        }

        @Override
        public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
            return Fixtures.cases(resource).map(Arguments::of);
        }
    }
}
