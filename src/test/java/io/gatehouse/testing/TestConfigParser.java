package io.gatehouse.testing;

import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.egress.HostPolicy;
import java.util.Set;

/**
 * The config parser unit tests use: a fixed, small set of providers (so fixture messages do not change
 * when providers are added) and the self-hosted host policy unless a test names another.
 */
public final class TestConfigParser {
    public static final Set<String> PROVIDERS = Set.of("openai", "groq", "ollama", "mistral-ai");

    private TestConfigParser() {
    }

    public static ConfigParser create() {
        return create(HostPolicy.selfHostedDefault());
    }

    public static ConfigParser create(HostPolicy policy) {
        return new ConfigParser(new ConfigEnvironment(policy, PROVIDERS::contains, "groq, mistral-ai, ollama, openai"));
    }
}
