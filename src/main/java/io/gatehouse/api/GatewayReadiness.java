package io.gatehouse.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code GET /health/ready} (and {@code /health}), served by Payara's MicroProfile Health: the gateway is
 * ready when each of its readiness checks is — its configuration in force, and whatever else registered
 * one (the request log's store). A check that is not ready makes the answer 503 with its problem.
 */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {
    @Inject
    GatewayRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("gatehouse").up();
        if (runtime.telemetry() == null) {
            return response.down().withData("gateway", "not started").build();
        }
        for (Map.Entry<String, String> check : runtime.telemetry().readiness().problems().entrySet()) {
            if (check.getValue() == null) {
                response.withData(check.getKey(), "UP");
            } else {
                response.down().withData(check.getKey(), check.getValue());
            }
        }
        return response.build();
    }
}
