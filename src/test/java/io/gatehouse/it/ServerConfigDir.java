package io.gatehouse.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A configuration directory of the test's own under {@code target/}, and the gateway deployed to read it:
 * the WAR's {@code web.xml} gets a {@code gatehouse.config} context parameter naming the directory. The
 * deployment shares the one Payara Micro of the IT run, so it costs a deployment, not a server start.
 * Files are replaced atomically (write, then move), as an operator's editor or config management would.
 */
final class ServerConfigDir {
    private final Path dir;

    ServerConfigDir(String name) {
        dir = Path.of(System.getProperty("gatehouse.war", "target/gatehouse.war")).toAbsolutePath().getParent()
                .resolve(name).normalize();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return dir;
    }

    /** Writes {@code relative} (parent directories created), replacing any previous file at once. */
    ServerConfigDir write(String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".tmp-", "");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway WAR at the context root, reading this directory instead of {@code server-config/}. */
    WebArchive deployment() {
        WebArchive war = Deployments.gatehouseAtRoot();
        String webXml;
        try (var in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String param = "<context-param><param-name>gatehouse.config</param-name><param-value>" + dir
                + "</param-value></context-param>";
        war.delete("WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(webXml.replace("</display-name>", "</display-name>\n  " + param)));
    }
}
