package io.gatehouse.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gatehouse.config.ProviderOptions;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.TargetFields;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Azure's addressing comes from x-portkey-azure-* headers or the target's (parsed, validated) config fields. */
class AzureOptionsTest {

    @Test
    void headersWinOverConfigFields() {
        RequestHeaders headers = RequestHeaders.of(Map.of("X-Portkey-Azure-Resource-Name", List.of(" from-header ")));
        ProviderOptions config = new ProviderOptions(Map.of(
                "resource_name", Json.createValue("from-config"),
                "deployment_id", Json.createValue("dep"),
                "api_version", Json.createValue("v1"),
                "azure_ad_token", Json.createValue("tok")));
        AzureOptions o = AzureOptions.read(headers, config::string);
        assertEquals(new AzureOptions("from-header", "dep", "v1", "tok"), o);
    }

    @Test
    void absentEverywhereIsAllNull() {
        assertEquals(new AzureOptions(null, null, null, null), AzureOptions.read(RequestHeaders.of(Map.of()), TargetFields.NONE));
    }

    @Test
    void theEntraTokenNeverShowsInToString() {
        assertFalse(new AzureOptions("r", "d", "v", "secret-token").toString().contains("secret-token"));
    }
}
