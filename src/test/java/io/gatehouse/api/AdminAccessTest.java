package io.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.access.Limits;
import io.gatehouse.access.ModelNames;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may use /admin: decided before anything is read, from the key presented and the caller's address. */
class AdminAccessTest {
    private static final GatewayKeys KEYS = new GatewayKeys(List.of(
            new GatewayKey("ops", GatewayKeys.sha256("gh-ops"), null, ModelNames.ANY, false, Limits.NONE, Map.of(), true),
            new GatewayKey("team", GatewayKeys.sha256("gh-team"), null, ModelNames.ANY, false, Limits.NONE, Map.of())));

    /** 0 means allowed. */
    @ParameterizedTest(name = "keys={0} key={1} from {2} remote-allowed={3}: {4}")
    @CsvSource(textBlock = """
            open,   ,        127.0.0.1,   false, 0
            open,   ,        ::1,         false, 0
            open,   ,        0:0:0:0:0:0:0:1, false, 0
            open,   ,        192.0.2.7,   false, 403
            open,   ,        localhost,   false, 403
            open,   ,        192.0.2.7,   true,  0
            keys,   ,        127.0.0.1,   false, 401
            keys,   gh-nope, 127.0.0.1,   false, 401
            keys,   gh-team, 127.0.0.1,   false, 403
            keys,   gh-ops,  192.0.2.7,   false, 0
            """)
    void adminNeedsAnAdminKeyOrLoopbackOnAnOpenGateway(String keys, String key, String remote, boolean remoteAllowed, int refusal) {
        AdminAccess access = new AdminAccess(new RequestContextParser(() -> keys.equals("open") ? GatewayKeys.OPEN : KEYS),
                remoteAllowed);
        RequestHeaders headers = RequestHeaders.of(key == null ? Map.of() : Map.of("authorization", List.of("Bearer " + key)));
        if (refusal == 0) {
            access.check(headers, remote);
        } else {
            assertEquals(refusal, assertThrows(GatewayException.class, () -> access.check(headers, remote)).status());
        }
    }

    /** The console's files hold no data: with keys configured anyone gets them; an open gateway keeps to loopback. */
    @ParameterizedTest(name = "keys={0} key={1} from {2}: {3}")
    @CsvSource(textBlock = """
            keys,   ,        192.0.2.7,   0
            keys,   gh-nope, 192.0.2.7,   0
            keys,   gh-team, 192.0.2.7,   0
            open,   ,        127.0.0.1,   0
            open,   ,        192.0.2.7,   403
            """)
    void theConsolesFilesNeedNoKey(String keys, String key, String remote, int refusal) {
        AdminAccess access = new AdminAccess(new RequestContextParser(() -> keys.equals("open") ? GatewayKeys.OPEN : KEYS), false);
        RequestHeaders headers = RequestHeaders.of(key == null ? Map.of() : Map.of("authorization", List.of("Bearer " + key)));
        if (refusal == 0) {
            access.check(headers, remote, false);
        } else {
            assertEquals(refusal, assertThrows(GatewayException.class, () -> access.check(headers, remote, false)).status());
        }
    }
}
