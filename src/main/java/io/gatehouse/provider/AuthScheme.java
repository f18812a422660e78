package io.gatehouse.provider;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import java.util.List;

/** How a provider expects its API key on the wire. */
public enum AuthScheme {
    /** {@code Authorization: Bearer <key>} (OpenAI and the compatible family). */
    BEARER {
        @Override
        public List<Header> headers(String key) {
            return List.of(new Header("Authorization", "Bearer " + key));
        }
    },
    /**
     * {@code Authorization: Bearer <token>} for an OAuth access token (Vertex AI). A service-account key file (JSON)
     * is exchanged for a token on the unified routes only; anywhere else it is refused, never sent as a header.
     */
    OAUTH_ACCESS_TOKEN {
        @Override
        public List<Header> headers(String key) {
            if (key.stripLeading().startsWith("{")) {
                throw GatewayException.badRequest("unsupported_credentials", "A service-account key is exchanged for a token on "
                        + "/v1/chat/completions, /v1/embeddings, /v1/messages and /v1/responses only; send an access token here");
            }
            return BEARER.headers(key);
        }
    },
    /** {@code x-api-key: <key>} (Anthropic). */
    X_API_KEY {
        @Override
        public List<Header> headers(String key) {
            return List.of(new Header("x-api-key", key));
        }
    },
    /** {@code api-key: <key>} (Azure OpenAI). */
    API_KEY {
        @Override
        public List<Header> headers(String key) {
            return List.of(new Header("api-key", key));
        }
    },
    /** {@code x-goog-api-key: <key>} (Gemini). */
    GOOG_API_KEY {
        @Override
        public List<Header> headers(String key) {
            return List.of(new Header("x-goog-api-key", key));
        }
    },
    /**
     * {@code Authorization: Token <key>} (Deepgram). Deepgram's own SDKs already send {@code Token <key>},
     * which reaches the gateway as the whole key: it is not prefixed twice.
     */
    TOKEN {
        @Override
        public List<Header> headers(String key) {
            String bare = key.regionMatches(true, 0, "Token ", 0, 6) ? key.substring(6).strip() : key;
            return List.of(new Header("Authorization", "Token " + bare));
        }
    };

    /** The headers carrying {@code key}; the key is never logged or echoed. */
    public abstract List<Header> headers(String key);

    /** No key, no header: local model servers often need none. */
    public List<Header> headersFor(String keyOrNull) {
        return keyOrNull == null ? List.of() : headers(keyOrNull);
    }
}
