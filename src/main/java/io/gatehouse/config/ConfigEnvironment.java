package io.gatehouse.config;

import io.gatehouse.egress.HostPolicy;
import java.util.function.Predicate;

/**
 * What validating a config needs to know about the running gateway: which custom hosts its policy
 * allows and which provider names exist. Handed to the constraint validators as Hibernate Validator's
 * constraint-validator payload.
 *
 * @param hostPolicy      the custom-host policy of {@code gatehouse.properties}
 * @param knownProvider   whether a provider name resolves (the one place provider names are judged)
 * @param providerNames   the valid names, for the error message
 */
public record ConfigEnvironment(HostPolicy hostPolicy, Predicate<String> knownProvider, String providerNames) {
}
