package io.gatehouse.model;

import java.util.Locale;

/**
 * An image, by URL: an http(s) URL the provider fetches, or a {@code data:} URL carrying the bytes.
 *
 * @param url    the image URL as the client sent it
 * @param detail OpenAI's {@code detail} hint, or null
 */
public record ImagePart(String url, String detail) implements ContentPart {

    /** The bytes of a {@code data:<media type>;base64,<data>} URL, or null for any other URL. */
    public InlineImage inline() {
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int comma = url.indexOf(',');
        int base64 = url.toLowerCase(Locale.ROOT).indexOf(";base64");
        if (comma < 0 || base64 < 0 || base64 > comma) {
            return null;
        }
        return new InlineImage(url.substring(5, base64), url.substring(comma + 1));
    }

    /** A base64 image: its media type (e.g. {@code image/png}) and base64 data. */
    public record InlineImage(String mediaType, String base64Data) {
    }
}
