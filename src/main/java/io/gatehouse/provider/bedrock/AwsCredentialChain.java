package io.gatehouse.provider.bedrock;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The gateway's own AWS credentials, found where the AWS SDKs look, in their order: the environment
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), the shared
 * credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}; profile
 * {@code AWS_PROFILE}, else {@code default}), the container credentials endpoint
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} / {@code _RELATIVE_URI}, ECS and EKS Pod Identity), the EC2
 * instance role (IMDSv2). Which source applies is decided from the environment and files alone
 * ({@link #source()}), before any connection; only the last two are fetched, and their temporary
 * credentials are kept until five minutes before they expire.
 *
 * <p>Used only for catalog entries that bring no keys: the operator's account, at the host the operator
 * configured.
 */
public final class AwsCredentialChain {
    static final String CONTAINER_HOST = "http://169.254.170.2";
    static final String INSTANCE_METADATA = "http://169.254.169.254";
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

    /** Where the credentials come from. */
    public sealed interface Source {
        record Environment(AwsCredentials credentials) implements Source {
        }

        record ProfileFile(Path file, String profile, AwsCredentials credentials) implements Source {
        }

        /** @param authorization the {@code Authorization} header value the endpoint expects, or null */
        record Container(URI uri, String authorization) implements Source {
            @Override
            public String toString() {
                return "Container[" + uri + "]";
            }
        }

        record InstanceRole() implements Source {
        }
    }

    /** Fetches a URL with a method and headers (no body); the answer's body, or an IOException unless 200. */
    @FunctionalInterface
    public interface Fetch {
        String fetch(String method, URI uri, Map<String, String> headers) throws IOException;
    }

    private final Function<String, String> env;
    private final Path home;
    private final Fetch fetch;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(AwsCredentials credentials, Instant refreshAt) {
    }

    AwsCredentialChain(Function<String, String> env, Path home, Fetch fetch, Clock clock) {
        this.env = env;
        this.home = home;
        this.fetch = fetch;
        this.clock = clock;
    }

    /** The chain of the process the gateway runs in. */
    public static AwsCredentialChain ofProcess() {
        return new AwsCredentialChain(System::getenv, Path.of(System.getProperty("user.home", "/")), AwsCredentialChain::httpFetch,
                Clock.systemUTC());
    }

    /** The first source that applies; the instance role when no other does. */
    public Source source() {
        String id = env.apply("AWS_ACCESS_KEY_ID");
        String secret = env.apply("AWS_SECRET_ACCESS_KEY");
        if (present(id) && present(secret)) {
            return new Source.Environment(new AwsCredentials(id.strip(), secret.strip(), env.apply("AWS_SESSION_TOKEN")));
        }
        String fileName = env.apply("AWS_SHARED_CREDENTIALS_FILE");
        Path file = present(fileName) ? Path.of(fileName) : home.resolve(".aws").resolve("credentials");
        String profile = present(env.apply("AWS_PROFILE")) ? env.apply("AWS_PROFILE").strip() : "default";
        AwsCredentials fromFile = readProfile(file, profile);
        if (fromFile != null) {
            return new Source.ProfileFile(file, profile, fromFile);
        }
        String full = env.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        String relative = env.apply("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (present(full) || present(relative)) {
            return new Source.Container(URI.create(present(relative) ? CONTAINER_HOST + relative.strip() : full.strip()),
                    containerAuthorization());
        }
        return new Source.InstanceRole();
    }

    /**
     * Credentials for one request.
     *
     * @throws GatewayException 502 when no source gives any
     */
    public AwsCredentials credentials() {
        Source source = source();
        if (source instanceof Source.Environment e) {
            return e.credentials();
        }
        if (source instanceof Source.ProfileFile p) {
            return p.credentials();
        }
        Cached current = cached;
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return current.credentials();
        }
        try {
            JsonObject answer = source instanceof Source.Container c ? containerCredentials(c) : instanceRoleCredentials();
            AwsCredentials fetched = new AwsCredentials(Json.string(answer, "AccessKeyId"), Json.string(answer, "SecretAccessKey"),
                    Json.string(answer, "Token"));
            cached = new Cached(fetched, refreshAt(Json.string(answer, "Expiration")));
            return fetched;
        } catch (IOException | RuntimeException e) {
            throw new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "aws_credentials_unavailable",
                    "The gateway has no AWS credentials: none in its environment or profile file, and "
                            + (source instanceof Source.Container ? "the container credentials endpoint" : "the instance role")
                            + " gave none", e);
        }
    }

    private JsonObject containerCredentials(Source.Container c) throws IOException {
        return Json.parse(fetch.fetch("GET", c.uri(), c.authorization() == null ? Map.of() : Map.of("Authorization", c.authorization())))
                .asJsonObject();
    }

    /** IMDSv2: a session token first, then the role's name, then its credentials. */
    private JsonObject instanceRoleCredentials() throws IOException {
        String token = fetch.fetch("PUT", URI.create(INSTANCE_METADATA + "/latest/api/token"),
                Map.of("X-aws-ec2-metadata-token-ttl-seconds", "21600")).strip();
        Map<String, String> auth = Map.of("X-aws-ec2-metadata-token", token);
        String base = INSTANCE_METADATA + "/latest/meta-data/iam/security-credentials/";
        String role = fetch.fetch("GET", URI.create(base), auth).strip().lines().findFirst().orElse("");
        if (role.isEmpty()) {
            throw new IOException("the instance has no role");
        }
        return Json.parse(fetch.fetch("GET", URI.create(base + role), auth)).asJsonObject();
    }

    private String containerAuthorization() {
        String tokenFile = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (present(tokenFile)) {
            try {
                return Files.readString(Path.of(tokenFile.strip()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return null;
            }
        }
        String token = env.apply("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        return present(token) ? token.strip() : null;
    }

    private Instant refreshAt(String expiration) {
        try {
            return expiration == null ? clock.instant() : Instant.parse(expiration).minus(REFRESH_BEFORE_EXPIRY);
        } catch (DateTimeParseException e) {
            return clock.instant(); // unknown expiry: fetched again next time
        }
    }

    /** The profile's keys from an INI credentials file, or null when the file or the keys are missing. */
    static AwsCredentials readProfile(Path file, String profile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        String section = null;
        String id = null;
        String secret = null;
        String token = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (!profile.equals(section) || eq < 0 || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String name = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            switch (name) {
                case "aws_access_key_id" -> id = value;
                case "aws_secret_access_key" -> secret = value;
                case "aws_session_token" -> token = value;
                default -> { } // region, role_arn…: not credentials
            }
        }
        return present(id) && present(secret) ? new AwsCredentials(id, secret, token) : null;
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Built on first use: most gateways never fetch credentials, and a client starts a thread. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    }

    private static String httpFetch(String method, URI uri, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<String> answer = Http.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(uri.getHost() + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
