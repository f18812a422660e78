package io.gatehouse.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.context.RequestHeaders;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import io.gatehouse.provider.TargetFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureOptionsTest {

    @Test
    void headersWinOverConfigFieldsWhichMayBeSnakeOrCamelCase() {
        RequestHeaders headers = RequestHeaders.of(Map.of("X-Portkey-Azure-Resource-Name", List.of(" from-header ")));
        AzureOptions o = AzureOptions.read(headers, TargetFields.of(Json.parse(
                "{\"resource_name\":\"from-config\",\"deploymentId\":\"dep\",\"api_version\":\"v1\",\"azure_ad_token\":\"tok\"}").asJsonObject()));
        assertEquals(new AzureOptions("from-header", "dep", "v1", "tok"), o);
    }

    @Test
    void absentEverywhereIsAllNull() {
        assertEquals(new AzureOptions(null, null, null, null), AzureOptions.read(RequestHeaders.of(Map.of()), TargetFields.of(null)));
    }

    @Test
    void aConfigFieldOfTheWrongTypeIsA400() {
        GatewayException e = assertThrows(GatewayException.class, () -> AzureOptions.read(RequestHeaders.of(Map.of()),
                TargetFields.of(Json.parse("{\"api_version\":2024}").asJsonObject())));
        assertEquals("invalid_config", e.code());
    }

    @Test
    void theEntraTokenNeverShowsInToString() {
        assertFalse(new AzureOptions("r", "d", "v", "secret-token").toString().contains("secret-token"));
    }
}
