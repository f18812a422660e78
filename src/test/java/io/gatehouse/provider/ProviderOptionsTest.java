package io.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.context.RequestHeaders;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOptionsTest {

    @Test
    void headersWinOverConfigFieldsWhichMayBeSnakeOrCamelCase() {
        RequestHeaders headers = RequestHeaders.of(Map.of("X-Portkey-Azure-Resource-Name", List.of(" from-header ")));
        ProviderOptions o = ProviderOptions.read(headers, Json.parse(
                "{\"resource_name\":\"from-config\",\"deploymentId\":\"dep\",\"api_version\":\"v1\",\"azure_ad_token\":\"tok\"}").asJsonObject());
        assertEquals(new ProviderOptions("from-header", "dep", "v1", "tok"), o);
    }

    @Test
    void absentEverywhereIsNone() {
        assertEquals(ProviderOptions.NONE, ProviderOptions.read(RequestHeaders.of(Map.of()), null));
    }

    @Test
    void aConfigFieldOfTheWrongTypeIsA400() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> ProviderOptions.read(RequestHeaders.of(Map.of()), Json.parse("{\"api_version\":2024}").asJsonObject()));
        assertEquals("invalid_config", e.code());
    }

    @Test
    void theEntraTokenNeverShowsInToString() {
        assertFalse(new ProviderOptions("r", "d", "v", "secret-token").toString().contains("secret-token"));
    }
}
