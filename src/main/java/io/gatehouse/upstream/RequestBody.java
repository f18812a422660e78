package io.gatehouse.upstream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A request body the gateway sends upstream. It may be written more than once (a retry or a fallback
 * resends it), so implementations keep what they need to replay it.
 */
public interface RequestBody {
    /** The length in bytes, or -1 when unknown (the body is then sent chunked). */
    long length();

    /** Writes the whole body; flushes as it goes when the body streams. */
    void writeTo(OutputStream out) throws IOException;

    static RequestBody of(byte[] bytes) {
        return new RequestBody() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }
}
