package io.gatehouse.provider;

import io.gatehouse.error.GatewayException;
import java.util.regex.Pattern;

/**
 * A provider option that goes into a URL (Azure's resource name, Vertex's region): required, and checked against
 * the provider's character set before use, so that no header or config field can rewrite the URL.
 *
 * @param provider the provider's slug, for messages
 * @param what     what the option is ("region")
 * @param header   the {@code x-portkey-*} header that sets it
 * @param field    the config field that sets it
 * @param allowed  its syntax
 * @param hint     the syntax in words, with an example
 */
public record RequiredOption(String provider, String what, String header, String field, Pattern allowed, String hint) {

    /** {@code value} when present and well-formed, else a 400 naming the header and field. */
    public String check(String value) {
        if (value == null) {
            throw GatewayException.badRequest("missing_provider_options",
                    provider + " needs a " + what + ": send " + header + " or the config field " + field + " (" + hint + ")");
        }
        if (!allowed.matcher(value).matches()) {
            throw GatewayException.badRequest("invalid_provider_options",
                    provider + " " + what + " is invalid: only " + hint + " are allowed");
        }
        return value;
    }
}
