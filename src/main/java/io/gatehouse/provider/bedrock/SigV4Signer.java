package io.gatehouse.provider.bedrock;

import io.gatehouse.http.Header;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request with its whole body in hand, as AWS documents it and as its
 * published test suite checks it ({@code SigV4SignerTest}): canonical request, string to sign, signing key
 * derived from the secret by date, region and service, {@code Authorization} header. The path is
 * URI-encoded again as every service but S3 expects (Bedrock's model ids carry {@code %3A}).
 */
public final class SigV4Signer {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private SigV4Signer() {
    }

    /** What signing produced, each step kept so the tests can compare them with AWS's. */
    public record Signature(String canonicalRequest, String stringToSign, String authorization) {
    }

    /** {@code X-Amz-Date}'s format, e.g. {@code 20150830T123600Z}. */
    public static String amzDate(Instant now) {
        return AMZ_DATE.format(now);
    }

    /**
     * Signs a request.
     *
     * @param rawPath  the path as sent (percent-encoded), e.g. {@code /model/a%3Ab/converse}
     * @param rawQuery the query as sent, or null
     * @param headers  the headers to sign, {@code Host} and {@code X-Amz-Date} included
     * @param amzDate  the request's {@code X-Amz-Date}
     */
    public static Signature sign(String method, String rawPath, String rawQuery, List<Header> headers, byte[] body,
                                 AwsCredentials credentials, String region, String service, String amzDate) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Header h : headers) {
            byName.computeIfAbsent(h.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(trimmed(h.value()));
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        byName.forEach((name, values) -> canonicalHeaders.append(name).append(':').append(String.join(",", values)).append('\n'));
        String signedHeaders = String.join(";", byName.keySet());
        String canonicalRequest = method + '\n' + canonicalPath(rawPath) + '\n' + canonicalQuery(rawQuery) + '\n'
                + canonicalHeaders + '\n' + signedHeaders + '\n' + sha256Hex(body);
        String date = amzDate.substring(0, 8);
        String scope = date + '/' + region + '/' + service + "/aws4_request";
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        return new Signature(canonicalRequest, stringToSign, ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    }

    /** Each segment of the path as sent, URI-encoded once more; {@code /} for an empty path. */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        return uriEncode(rawPath, false);
    }

    /** Parameters decoded, then encoded AWS's way, sorted by name and value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            pairs.add(new String[] {uriEncode(decode(name), true), uriEncode(decode(value), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>(pairs.size());
        pairs.forEach(p -> joined.add(p[0] + '=' + p[1]));
        return String.join("&", joined);
    }

    /** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes {@code %XY} (upper case). */
    static String uriEncode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Leading and trailing spaces removed, inner runs of spaces made one. */
    private static String trimmed(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
