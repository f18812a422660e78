package io.gatehouse.config;

import io.gatehouse.config.constraint.AllowedCustomHost;
import io.gatehouse.config.constraint.ConditionTargetsExist;
import io.gatehouse.config.constraint.ForwardableHeader;
import io.gatehouse.config.constraint.KnownProvider;
import io.gatehouse.config.constraint.SomeWeightAboveZero;
import io.gatehouse.config.constraint.StrategyNeedsTargets;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One node of an {@code x-portkey-config} exactly as the user wrote it — the root or any target below it,
 * to any depth — after parsing and before inheritance. Immutable; validated once by
 * {@link ConfigParser}, then compiled into routes.
 *
 * @param strategy               how {@code targets} are chosen, or null for a leaf
 * @param targets                child nodes (empty for a leaf)
 * @param provider               provider name or {@code @slug} of a catalog entry, or null (the
 *                               {@code x-portkey-provider} header then applies)
 * @param virtualKey             a catalog entry by name or alias, as Portkey's virtual keys; the same as
 *                               {@code provider: "@name"}
 * @param apiKey                 the provider key, or null ({@code Authorization} then applies); never shown
 * @param customHost             replaces the provider's base URL, or null
 * @param forwardHeaders         client headers to copy upstream (lower-case), or null
 * @param overrideParams         deep-merged into the request body, or null
 * @param requestTimeout         per-attempt timeout in milliseconds, or null
 * @param retry                  retry settings, or null
 * @param cache                  cache settings, or null
 * @param weight                 share of a loadbalance parent's traffic, or null (1)
 * @param name                   the name conditions refer to, or null
 * @param strictOpenAiCompliance Portkey's strict mode switch, or null
 * @param providerOptions        provider-specific fields ({@code resource_name}, {@code aws_region}, …)
 * @param hooks                  its guardrails and mutators (full form and shorthand), or null when it sets none
 */
@StrategyNeedsTargets
@ConditionTargetsExist
@SomeWeightAboveZero
public record TargetConfig(
        @Valid Strategy strategy,
        List<@Valid @NotNull TargetConfig> targets,
        @KnownProvider String provider,
        @KnownProvider(virtualKey = true) String virtualKey,
        String apiKey,
        @AllowedCustomHost String customHost,
        List<@ForwardableHeader String> forwardHeaders,
        JsonObject overrideParams,
        @Positive @Max(MAX_REQUEST_TIMEOUT_MS) Long requestTimeout,
        @Valid RetryConfig retry,
        @Valid CacheConfig cache,
        @PositiveOrZero @Max(MAX_WEIGHT) Double weight,
        @Size(min = 1, max = 128) String name,
        Boolean strictOpenAiCompliance,
        ProviderOptions providerOptions,
        Hooks hooks) {
    /** The longest per-attempt timeout taken, in ms (a day): larger values are refused, not overflowed. */
    public static final long MAX_REQUEST_TIMEOUT_MS = 86_400_000L;
    /** The largest loadbalance weight taken: weights are shares, and a sum must stay finite. */
    public static final long MAX_WEIGHT = 1_000_000L;


    public TargetConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        forwardHeaders = forwardHeaders == null ? null : List.copyOf(forwardHeaders);
        providerOptions = providerOptions == null ? ProviderOptions.NONE : providerOptions;
    }

    public boolean isLeaf() {
        return strategy == null;
    }

    /** The provider this node names: {@code provider}, or its {@code virtual_key} as {@code @name}. */
    public String providerName() {
        return provider != null ? provider : virtualKey == null ? null : "@" + virtualKey;
    }

    /** {@code weight} with Portkey's default of 1. */
    public double effectiveWeight() {
        return weight == null ? 1.0 : weight;
    }

    /** Secrets stay out of logs: the key is never printed. */
    @Override
    public String toString() {
        return "TargetConfig[strategy=" + strategy + ", targets=" + targets + ", provider=" + providerName()
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", customHost=" + customHost
                + ", name=" + name + ", weight=" + weight + ", providerOptions=" + providerOptions + "]";
    }
}
